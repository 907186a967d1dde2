import { handleChannelCallback } from "@/lib/server/channel-callback";

export const dynamic = "force-dynamic";

/** OAuth return from shopee (see handleChannelCallback). */
export function GET(request: Request): Promise<Response> {
  return handleChannelCallback(request, "shopee");
}
