import { signShopeePush, signTikTokWebhook } from "@syncstore/channels/signing";
import { type Clock } from "../clock";
import { type ShopeeAppCredentials, type TikTokAppCredentials } from "../credentials";
import { type FaultRegistry } from "../faults";
import { type Logger } from "../logger";
import { type Random } from "../random";
import { type Platform } from "../store/types";
import { WebhookMessageIds } from "./message-ids";

export interface WebhookTargets {
  shopee?: string | null;
  tiktok?: string | null;
}

/**
 * Retry delays after a failed delivery. Shopee: about 5 min, 30 min, 3 h (unconfirmed). TikTok:
 * 2 min, 30 min, 3 h, 12 h (marketplaces.md).
 */
export const platformRetryDelaysMs: Record<Platform, number[]> = {
  shopee: [5 * 60_000, 30 * 60_000, 3 * 3_600_000],
  tiktok: [2 * 60_000, 30 * 60_000, 3 * 3_600_000, 12 * 3_600_000],
};

/** Both platforms give the receiver 3 seconds to answer. */
export const DELIVERY_TIMEOUT_MS = 3_000;

/** How long webhooks are held when a shop has out-of-order delivery switched on. */
export const REORDER_WINDOW_MS = 150;

/** Shopee offers missed pushes through get_lost_push_message for 3 days. */
const LOST_PUSH_RETENTION_MS = 3 * 86_400_000;

export type DeliveryStatus = "pending" | "delivered" | "failed" | "dropped" | "no_target";

export interface DeliveryAttempt {
  at: number;
  url: string;
  status?: number;
  /** First 200 characters of what the receiver answered. */
  responseBody?: string;
  error?: string;
  ok: boolean;
  durationMs: number;
}

export interface Delivery {
  id: number;
  platform: Platform;
  shopKey: string;
  shopId: string;
  /** What happened, e.g. `order_status` or `price_update`; not part of the payload. */
  kind: string;
  /** Shopee msg_id or TikTok tts_notification_id; duplicates share it. */
  messageId: string;
  body: string;
  status: DeliveryStatus;
  attempts: DeliveryAttempt[];
  createdAt: number;
  nextAttemptAt?: number;
  /** Set on the extra copy sent by the duplicate fault. */
  duplicateOf?: number;
  /** Shopee lost pushes already confirmed consumed. */
  consumed?: boolean;
}

export interface OutgoingWebhook {
  platform: Platform;
  shopKey: string;
  shopId: string;
  kind: string;
  /** Builds the JSON payload around the message id the dispatcher assigns. */
  build(messageId: string): Record<string, unknown>;
}

export interface DispatcherOptions {
  logger: Logger;
  clock: Clock;
  random: Random;
  faults: FaultRegistry;
  apps: { shopee: ShopeeAppCredentials; tiktok: TikTokAppCredentials };
  targets?: WebhookTargets;
  retryDelaysMs?: Partial<Record<Platform, number[]>>;
  /** Multiplies every retry delay: 0.001 turns 5 minutes into 300 ms for tests. */
  timeScale?: number;
  deliveryTimeoutMs?: number;
  reorderWindowMs?: number;
}

/** Keeps this many deliveries in memory (oldest are forgotten). */
const MAX_DELIVERIES = 2_000;

/**
 * Signs and sends webhooks the way each platform does, retries failures on the platform's schedule
 * and applies per-shop webhook faults (drop, duplicate, reorder).
 */
export class WebhookDispatcher {
  private readonly deliveries: Delivery[] = [];
  private readonly targets: Record<Platform, string | null>;
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly held = new Map<string, { items: Delivery[]; timer: NodeJS.Timeout }>();
  private readonly inFlight = new Set<Promise<void>>();
  private readonly messageIds: WebhookMessageIds;
  private closed = false;

  constructor(private readonly options: DispatcherOptions) {
    this.targets = { shopee: options.targets?.shopee ?? null, tiktok: options.targets?.tiktok ?? null };
    this.messageIds = new WebhookMessageIds(options.clock);
  }

  getTargets(): Record<Platform, string | null> {
    return { ...this.targets };
  }

  setTarget(platform: Platform, url: string | null): void {
    this.targets[platform] = url;
  }

  list(filter: { platform?: Platform; shopKey?: string; limit?: number } = {}): Delivery[] {
    const matching = this.deliveries.filter(
      (delivery) =>
        (!filter.platform || delivery.platform === filter.platform) &&
        (!filter.shopKey || delivery.shopKey === filter.shopKey),
    );
    return matching.slice(-(filter.limit ?? matching.length)).reverse();
  }

  clear(): void {
    this.deliveries.length = 0;
  }

  /** Queues a webhook; returns the deliveries created (two with the duplicate fault). */
  send(webhook: OutgoingWebhook): Delivery[] {
    const messageId = this.messageIds.next(webhook.platform);
    const body = JSON.stringify(webhook.build(messageId));
    const faults = this.options.faults.get(webhook.shopKey);
    const delivery = this.record(webhook, messageId, body);
    if (this.options.random.chance(faults.webhookDropRate)) {
      delivery.status = "dropped";
      this.options.logger.info({ deliveryId: delivery.id, kind: webhook.kind }, "webhook dropped by fault injection");
      return [delivery];
    }
    const created = [delivery];
    if (this.options.random.chance(faults.webhookDuplicateRate)) {
      const copy = this.record(webhook, messageId, body);
      copy.duplicateOf = delivery.id;
      created.push(copy);
    }
    for (const item of created) {
      if (faults.webhookOutOfOrder) this.hold(item);
      else this.attempt(item);
    }
    return created;
  }

  /** Shopee pushes that were dropped or exhausted their retries in the last 3 days, oldest first. */
  lostShopeePushes(): Delivery[] {
    const since = this.options.clock.now() - LOST_PUSH_RETENTION_MS;
    return this.deliveries.filter(
      (delivery) =>
        delivery.platform === "shopee" &&
        !delivery.consumed &&
        delivery.duplicateOf === undefined &&
        (delivery.status === "failed" || delivery.status === "dropped" || delivery.status === "no_target") &&
        delivery.createdAt >= since,
    );
  }

  /** Resolves once nothing is in flight, held or waiting for a retry. */
  async whenIdle(): Promise<void> {
    while (this.inFlight.size > 0 || this.timers.size > 0 || this.held.size > 0) {
      if (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
      else await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    for (const { timer } of this.held.values()) clearTimeout(timer);
    this.held.clear();
    await Promise.allSettled([...this.inFlight]);
  }

  private record(webhook: OutgoingWebhook, messageId: string, body: string): Delivery {
    const delivery: Delivery = {
      id: this.deliveries.length === 0 ? 1 : (this.deliveries.at(-1)?.id ?? 0) + 1,
      platform: webhook.platform,
      shopKey: webhook.shopKey,
      shopId: webhook.shopId,
      kind: webhook.kind,
      messageId,
      body,
      status: "pending",
      attempts: [],
      createdAt: this.options.clock.now(),
    };
    this.deliveries.push(delivery);
    if (this.deliveries.length > MAX_DELIVERIES) this.deliveries.shift();
    return delivery;
  }

  private hold(delivery: Delivery): void {
    const existing = this.held.get(delivery.shopKey);
    if (existing) {
      existing.items.push(delivery);
      return;
    }
    const timer = setTimeout(() => {
      const entry = this.held.get(delivery.shopKey);
      this.held.delete(delivery.shopKey);
      for (const item of (entry?.items ?? []).reverse()) this.attempt(item);
    }, this.options.reorderWindowMs ?? REORDER_WINDOW_MS);
    timer.unref();
    this.held.set(delivery.shopKey, { items: [delivery], timer });
  }

  private attempt(delivery: Delivery): void {
    if (this.closed) return;
    const run = this.deliver(delivery).finally(() => this.inFlight.delete(run));
    this.inFlight.add(run);
  }

  private async deliver(delivery: Delivery): Promise<void> {
    const url = this.targets[delivery.platform];
    const log = this.options.logger.child({
      deliveryId: delivery.id,
      platform: delivery.platform,
      kind: delivery.kind,
    });
    if (!url) {
      delivery.status = "no_target";
      delivery.nextAttemptAt = undefined;
      log.debug("no webhook target configured; delivery kept for inspection");
      return;
    }
    const app = this.options.apps;
    const signature =
      delivery.platform === "shopee"
        ? signShopeePush(app.shopee.partnerKey, url, delivery.body)
        : signTikTokWebhook(app.tiktok.appSecret, app.tiktok.appKey, delivery.body);
    const started = Date.now();
    const attempt: DeliveryAttempt = { at: this.options.clock.now(), url, ok: false, durationMs: 0 };
    try {
      const response = await fetch(url, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          authorization: signature,
          "user-agent": `marketplace-sim/${delivery.platform}`,
        },
        body: delivery.body,
        signal: AbortSignal.timeout(this.options.deliveryTimeoutMs ?? DELIVERY_TIMEOUT_MS),
      });
      const text = await response.text();
      attempt.status = response.status;
      attempt.responseBody = text.slice(0, 200);
      const is2xx = response.status >= 200 && response.status < 300;
      // Shopee counts any response body as a failure; TikTok only looks at the status.
      attempt.ok = is2xx && (delivery.platform === "tiktok" || text.length === 0);
      if (is2xx && !attempt.ok) attempt.error = "Shopee requires an empty response body";
    } catch (err) {
      attempt.error = err instanceof Error ? (err.name === "TimeoutError" ? "timed out" : err.message) : String(err);
    }
    attempt.durationMs = Date.now() - started;
    delivery.attempts.push(attempt);
    if (attempt.ok) {
      delivery.status = "delivered";
      delivery.nextAttemptAt = undefined;
      log.debug({ status: attempt.status }, "webhook delivered");
      return;
    }
    const delays = this.options.retryDelaysMs?.[delivery.platform] ?? platformRetryDelaysMs[delivery.platform];
    const delay = delays[delivery.attempts.length - 1];
    if (delay === undefined || this.closed) {
      delivery.status = "failed";
      delivery.nextAttemptAt = undefined;
      log.warn(
        { attempts: delivery.attempts.length, error: attempt.error, status: attempt.status },
        "webhook delivery failed for good",
      );
      return;
    }
    const wait = Math.max(0, Math.round(delay * (this.options.timeScale ?? 1)));
    delivery.nextAttemptAt = this.options.clock.now() + wait;
    log.info({ status: attempt.status, error: attempt.error, retryInMs: wait }, "webhook delivery failed; will retry");
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      this.attempt(delivery);
    }, wait);
    timer.unref();
    this.timers.add(timer);
  }
}
