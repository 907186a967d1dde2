import { handleChannelCallback } from "@/lib/server/channel-callback";

export const dynamic = "force-dynamic";

/** OAuth return from tiktok (see handleChannelCallback). */
export function GET(request: Request): Promise<Response> {
  return handleChannelCallback(request, "tiktok");
}
