export type {
  ChannelEvent,
  ChannelEventKind,
  OrderEvent,
  OrderEventKind,
  ProductEvent,
  ShopEvent,
  StockChangedEvent,
} from "./events";
export { canonicalJson } from "./json";
export { parseShopeePush, shopeeEventKey, shopeeOrderEventKind, shopeePushCodes } from "./shopee";
export { parseTikTokWebhook, tiktokOrderEventKind, tiktokWebhookTypes } from "./tiktok";
export { headerValue, verifyShopeePushRequest, verifyTikTokWebhookRequest } from "./verify";
export type { WebhookParseResult, WebhookRequest } from "../types";
