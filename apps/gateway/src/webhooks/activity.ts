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
  /** Events gathered per organization since the last send; only the newest `maxPerOrganization` go out. */
  private pending = new Map<string, SavedEvent[]>();
  private readonly timer: NodeJS.Timeout;
  private readonly maxPerOrganization: number;
  private sending: Promise<void> | undefined;

  constructor(private readonly options: ActivityBroadcasterOptions) {
    this.maxPerOrganization = options.maxPerOrganization ?? 20;
    this.timer = setInterval(() => void this.flush(), options.intervalMs ?? 250);
    this.timer.unref();
  }

  /** Called after every commit: keeps references only; payloads are built for the events sent. */
  add(events: readonly SavedEvent[]): void {
    for (const event of events) {
      if (!event.organizationId) continue;
      let list = this.pending.get(event.organizationId);
      if (!list) {
        list = [];
        this.pending.set(event.organizationId, list);
      }
      list.push(event);
      // Trimmed in steps, not per event: only the newest `maxPerOrganization` are ever sent.
      if (list.length >= 4 * this.maxPerOrganization) list.splice(0, list.length - this.maxPerOrganization);
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
    for (const [organizationId, events] of batch) {
      const room = realtime.toOrganization(organizationId);
      for (const event of events.slice(-this.maxPerOrganization)) {
        const payload: WebhookActivityPayload = {
          eventId: event.eventId,
          platform: event.platform,
          eventType: event.eventType,
          status: event.status,
          duplicate: !event.inserted,
          at: event.receivedAt.toISOString(),
        };
        await room.emit("webhook.activity", payload).catch((err: unknown) => {
          logger.warn({ err, organizationId }, "webhook.activity emit failed");
        });
      }
    }
  }
}
