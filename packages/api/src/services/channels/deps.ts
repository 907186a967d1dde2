export { createChannelDeps, type ChannelDeps, type ChannelDepsEnv } from "@syncstore/channels";

/** Where each platform sends the seller back after authorizing (the web app's route handlers). */
export function callbackUrl(webUrl: string, platform: "shopee" | "tiktok"): string {
  return new URL(`/api/channels/${platform}/callback`, webUrl).toString();
}
