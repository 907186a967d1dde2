import { type TrafficModel } from "./analytics/traffic";
import { type Clock } from "./clock";
import { type ShopeeAppCredentials, type TikTokAppCredentials } from "./credentials";
import { type FaultRegistry, type TrafficCounters } from "./faults";
import { type Logger } from "./logger";
import { type Random } from "./random";
import { type SimStore } from "./store/store";
import { type WebhookDispatcher } from "./webhooks/dispatcher";
import { type RequestGuard } from "./http/guard";

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
}
