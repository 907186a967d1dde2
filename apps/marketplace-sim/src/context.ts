import { type TrafficModel } from "./analytics/traffic";
import { type Clock } from "./clock";
import { type ShopeeAppCredentials, type TikTokAppCredentials } from "./credentials";
import { type FaultRegistry, type TrafficCounters } from "./faults";
import { type Logger } from "./logger";
import { type Random } from "./random";
import { type SimStore } from "./store/store";
import { type WebhookDispatcher } from "./webhooks/dispatcher";
import { type RequestGuard } from "./http/guard";

/**
 * Protocol points the platforms' documentation leaves open (marketplaces.md marks them
 * unconfirmed), kept configurable so a sandbox finding can be replayed here.
 */
export interface ProtocolOptions {
  /**
   * How TikTok signs a request whose body is an empty JSON object. The "Sign your API request"
   * page (https://partner.tiktokshop.com/docv2/page/sign-your-api-request) disagrees with itself:
   * its Go and Java samples append the body bytes as sent, its Node.js and Python samples leave an
   * empty object out. `as-sent` (default) follows Go/Java and "sign exactly the bytes you send";
   * `omitted` follows Node.js/Python; `either` accepts both.
   */
  tiktokEmptyBodySigning: "as-sent" | "omitted" | "either";
}

export const defaultProtocolOptions: ProtocolOptions = { tiktokEmptyBodySigning: "as-sent" };

/** What every part of the simulator shares. */
export interface SimContext {
  store: SimStore;
  clock: Clock;
  random: Random;
  logger: Logger;
  faults: FaultRegistry;
  counters: TrafficCounters;
  guard: RequestGuard;
  dispatcher: WebhookDispatcher;
  /** Seeded marketplace traffic (page views, impressions) following the simulator's orders. */
  traffic: TrafficModel;
  apps: { shopee: ShopeeAppCredentials; tiktok: TikTokAppCredentials };
  protocol: ProtocolOptions;
}
