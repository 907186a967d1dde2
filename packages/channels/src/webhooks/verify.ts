import { verifyShopeePush } from "../signing/shopee";
import { verifyTikTokWebhook } from "../signing/tiktok";
import { type WebhookRequest } from "../types";

/** Header lookup that tolerates Node's lower-cased keys and repeated headers (first wins). */
export function headerValue(headers: WebhookRequest["headers"], name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() !== wanted || value === undefined) continue;
    return typeof value === "string" ? value : value[0];
  }
  return undefined;
}

export function verifyShopeePushRequest(
  request: WebhookRequest,
  credentials: { partnerKey: string; callbackUrl: string },
): boolean {
  return verifyShopeePush(
    credentials.partnerKey,
    credentials.callbackUrl,
    request.rawBody,
    headerValue(request.headers, "authorization"),
  );
}

export function verifyTikTokWebhookRequest(
  request: WebhookRequest,
  credentials: { appKey: string; appSecret: string },
): boolean {
  return verifyTikTokWebhook(
    credentials.appSecret,
    credentials.appKey,
    request.rawBody,
    headerValue(request.headers, "authorization"),
  );
}
