import { type RealtimeEmitter, type WebhookActivityPayload } from "@syncstore/realtime";
import { type Logger } from "../logger";
import { type SavedEvent } from "./group-commit";

export interface ActivityBroadcasterOptions {
  realtime: RealtimeEmitter;
  logger: Logger;
  /** How often gathered events go out (default 250 ms). */
  intervalMs?: number;
  /** Events per organization per interval at most; the newest are sent (default 20). */
  maxPerOrganization?: number;
}

/**
 * `webhook.activity` after commit, batched: events gather per organization and go out every
 * `intervalMs`, at most `maxPerOrganization` each time (the newest). At thousands of events per
 * second the screen could not show each anyway; it treats the event as "new activity, refetch".
 * Events of unknown shops have no organization and are not announced.
 */
export class ActivityBroadcaster {
  private pending = new Map<string, WebhookActivityPayload[]>();
  private readonly timer: NodeJS.Timeout;
  private readonly maxPerOrganization: number;
  private sending: Promise<void> | undefined;

  constructor(private readonly options: ActivityBroadcasterOptions) {
    this.maxPerOrganization = options.maxPerOrganization ?? 20;
    this.timer = setInterval(() => void this.flush(), options.intervalMs ?? 250);
    this.timer.unref();
  }

  add(events: readonly SavedEvent[]): void {
    for (const event of events) {
      if (!event.organizationId) continue;
      let list = this.pending.get(event.organizationId);
      if (!list) {
        list = [];
        this.pending.set(event.organizationId, list);
      }
      list.push({
        eventId: event.eventId,
        platform: event.platform,
        eventType: event.eventType,
        status: event.status,
        duplicate: !event.inserted,
        at: event.receivedAt.toISOString(),
      });
      if (list.length > this.maxPerOrganization) list.shift();
    }
  }

  flush(): Promise<void> {
    this.sending ??= this.send().finally(() => {
      this.sending = undefined;
    });
    return this.sending;
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
    await this.sending;
    await this.flush();
  }

  private async send(): Promise<void> {
    if (this.pending.size === 0) return;
    const batch = this.pending;
    this.pending = new Map();
    const { realtime, logger } = this.options;
    for (const [organizationId, payloads] of batch) {
      const room = realtime.toOrganization(organizationId);
      for (const payload of payloads) {
        await room.emit("webhook.activity", payload).catch((err: unknown) => {
          logger.warn({ err, organizationId }, "webhook.activity emit failed");
        });
      }
    }
  }
}
