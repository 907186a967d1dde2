import { DomainError } from "@syncstore/domain";
import { enqueue, WEBHOOK_PROCESS_MAX_ATTEMPTS, webhookProcessJobKey, type EventEffect } from "@syncstore/services";
import { sqlRows } from "@syncstore/db";
import { withChange } from "../../core/change";
import type { OrgScope } from "../scope";
import { maskBody, maskHeaders } from "./mask";

export const webhookStatuses = ["received", "processed", "failed", "unknown_shop", "ignored"] as const;
export type WebhookStatus = (typeof webhookStatuses)[number];

export interface WebhookEventItem {
  id: string;
  platform: "shopee" | "tiktok";
  connection: { id: string; name: string } | null;
  externalShopId: string | null;
  eventType: string;
  eventKey: string;
  status: WebhookStatus;
  receivedAt: Date;
  processedAt: Date | null;
  /** Received → processed, in milliseconds (null while pending). */
  latencyMs: number | null;
  attempts: number;
  /** Redeliveries of the same platform event the gateway acknowledged without storing again. */
  duplicates: number;
  replays: number;
  lastReplayAt: Date | null;
  /** "duplicate" when a replay found the event already processed and changed nothing. */
  lastReplayOutcome: string | null;
  error: string | null;
  summary: string | null;
}

export interface WebhookEventDetail extends WebhookEventItem {
  headers: Record<string, string>;
  body: string;
  bodyIsJson: boolean;
  effects: EventEffect[];
}

export interface ListEventsQuery {
  platform?: "shopee" | "tiktok" | undefined;
  connectionId?: string | undefined;
  status?: WebhookStatus | undefined;
  eventType?: string | undefined;
  /** Event key or any text of the body (an order number, a product id). */
  search?: string | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
  cursor?: string | undefined;
  limit: number;
}

interface EventRow {
  id: string;
  platform: "shopee" | "tiktok";
  connection_id: string | null;
  connection_name: string | null;
  external_shop_id: string | null;
  event_type: string;
  event_key: string;
  status: WebhookStatus;
  received_at: Date | string;
  processed_at: Date | string | null;
  attempts: number;
  duplicates: number;
  replays: number;
  last_replay_at: Date | string | null;
  last_replay_outcome: string | null;
  error: string | null;
  outcome: { summary?: string; effects?: EventEffect[] } | null;
}

const columns = `e.id::text as id, e.platform, e.connection_id::text as connection_id, c.name as connection_name,
  e.external_shop_id, e.event_type, e.event_key, e.status, e.received_at, e.processed_at, e.attempts, e.duplicates,
  e.replays, e.last_replay_at, e.last_replay_outcome, e.error, e.outcome`;

const date = (value: Date | string) => (value instanceof Date ? value : new Date(value));
const dateOrNull = (value: Date | string | null) => (value === null ? null : date(value));

function toItem(row: EventRow): WebhookEventItem {
  const receivedAt = date(row.received_at);
  const processedAt = dateOrNull(row.processed_at);
  return {
    id: row.id,
    platform: row.platform,
    connection: row.connection_id ? { id: row.connection_id, name: row.connection_name ?? "Removed shop" } : null,
    externalShopId: row.external_shop_id,
    eventType: row.event_type,
    eventKey: row.event_key,
    status: row.status,
    receivedAt,
    processedAt,
    latencyMs: processedAt ? Math.max(0, processedAt.getTime() - receivedAt.getTime()) : null,
    attempts: row.attempts,
    duplicates: row.duplicates,
    replays: row.replays,
    lastReplayAt: dateOrNull(row.last_replay_at),
    lastReplayOutcome: row.last_replay_outcome,
    error: row.error,
    summary: row.outcome?.summary ?? null,
  };
}

/** Cursor = (received_at, id) of the last row seen: stable while new events keep arriving. */
function encodeCursor(item: WebhookEventItem): string {
  return Buffer.from(`${item.receivedAt.toISOString()}|${item.id}`).toString("base64url");
}

function decodeCursor(cursor: string): { at: Date; id: string } {
  const [iso, id] = Buffer.from(cursor, "base64url").toString().split("|");
  const at = new Date(iso ?? "");
  if (!id || !/^[0-9a-f-]{36}$/.test(id) || Number.isNaN(at.getTime()))
    throw new DomainError("INVALID", "The page cursor is malformed; reload the list");
  return { at, id };
}

export async function listEvents(
  scope: OrgScope,
  query: ListEventsQuery,
): Promise<{ items: WebhookEventItem[]; nextCursor: string | null }> {
  const where = ["e.organization_id = $1"];
  const params: unknown[] = [scope.actor.organizationId];
  const add = (sql: (n: number) => string, value: unknown) => {
    params.push(value);
    where.push(sql(params.length));
  };
  if (query.platform) add((n) => `e.platform = $${n}`, query.platform);
  if (query.connectionId) add((n) => `e.connection_id = $${n}::uuid`, query.connectionId);
  if (query.status) add((n) => `e.status = $${n}`, query.status);
  if (query.eventType) add((n) => `e.event_type = $${n}`, query.eventType);
  if (query.from) add((n) => `e.received_at >= $${n}`, query.from);
  if (query.to) add((n) => `e.received_at < $${n}`, query.to);
  if (query.search) add((n) => `(e.event_key = $${n} or strpos(e.body, $${n}) > 0)`, query.search);
  if (query.cursor) {
    const { at, id } = decodeCursor(query.cursor);
    params.push(at, id);
    where.push(`(e.received_at, e.id) < ($${params.length - 1}, $${params.length}::uuid)`);
  }
  params.push(query.limit + 1);
  const rows = await sqlRows<EventRow>(
    scope.em,
    `select ${columns}
       from webhook_event e left join channel_connection c on c.id = e.connection_id
      where ${where.join(" and ")}
      order by e.received_at desc, e.id desc
      limit $${params.length}`,
    params,
  );
  const items = rows.slice(0, query.limit).map(toItem);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > query.limit && last ? encodeCursor(last) : null };
}

/** One event with its payload for the viewer: headers and body with every secret masked. */
export async function getEvent(scope: OrgScope, id: string): Promise<WebhookEventDetail> {
  const [row] = await sqlRows<EventRow & { headers: Record<string, unknown>; body: string }>(
    scope.em,
    `select ${columns}, e.headers, e.body
       from webhook_event e left join channel_connection c on c.id = e.connection_id
      where e.organization_id = $1 and e.id = $2::uuid`,
    [scope.actor.organizationId, id],
  );
  if (!row) throw new DomainError("NOT_FOUND", "This webhook event does not exist in this organization");
  const body = maskBody(row.body);
  return {
    ...toItem(row),
    headers: maskHeaders(row.headers ?? {}),
    body: body.text,
    bodyIsJson: body.json,
    effects: row.outcome?.effects ?? [],
  };
}

export interface ReplayResult {
  queued: number;
  /** Of those, events already processed: their replay will be recognised as a duplicate. */
  alreadyProcessed: number;
  /** Requested ids this organization has no event for (or of an unknown shop: nothing to run). */
  skipped: number;
}

/**
 * Re-enqueues processing of the events (audited, in one transaction with the jobs). Processing is
 * idempotent: a replay of a processed event changes nothing and is marked "duplicate"; a failed
 * one is tried again from the start.
 */
export async function replayEvents(scope: OrgScope, ids: readonly string[]): Promise<ReplayResult> {
  return withChange(scope.deps, scope.em, scope.actor, async (change) => {
    const rows = await sqlRows<{ id: string; status: WebhookStatus; event_type: string; platform: string }>(
      change.tx,
      `update webhook_event
          set replays = replays + 1, last_replay_at = now(), last_replay_outcome = null,
              status = case when status = 'failed' then 'received' else status end,
              attempts = case when status = 'failed' then 0 else attempts end
        where organization_id = $1 and id = any($2::uuid[]) and connection_id is not null
          and status <> 'unknown_shop'
        returning id::text as id,
                  (select status from webhook_event old where old.id = webhook_event.id) as status,
                  event_type, platform`,
      [scope.actor.organizationId, [...ids]],
    );
    for (const row of rows) {
      await enqueue(
        change.tx,
        "process-webhook-event",
        { eventId: row.id },
        { jobKey: webhookProcessJobKey(row.id), maxAttempts: WEBHOOK_PROCESS_MAX_ATTEMPTS, priority: "high" },
      );
    }
    const alreadyProcessed = rows.filter((row) => row.status === "processed" || row.status === "ignored").length;
    change.audit({
      action: "webhook.replay",
      entity: "webhook_event",
      entityId: rows.length === 1 ? (rows[0]?.id ?? null) : null,
      after: { events: rows.map((row) => row.id), alreadyProcessed },
    });
    return { queued: rows.length, alreadyProcessed, skipped: ids.length - rows.length };
  });
}
