import {
  isChannelError,
  type ChannelEvent,
  type ChannelProduct,
  type MarketplaceOrder,
  type WebhookParseResult,
} from "@syncstore/channels";
import { parseShopeePush, parseTikTokWebhook } from "@syncstore/channels/webhooks";
import { AuditLog, sqlRows, type EntityManager } from "@syncstore/db";
import type { AlertRaisedPayload, RealtimeEmitter, RealtimeEventName, RealtimeEvents } from "@syncstore/realtime";
import type { Logger } from "pino";
import { raiseAlert } from "../alerts/raise";
import { conflictsChanged, raiseConflictAlert } from "../conflicts/alerts";
import type { JobDeps } from "../context";
import { defaultSyncSettings } from "../sync/settings";
import { adoptUnknownShopEvents } from "./adopt";
import { applyProductState, applyProductStatus, type ListingsResult } from "./listings";
import { readOrders } from "./order-reads";
import { upsertOrder, type OrderResult } from "./orders";
import {
  isShopReachable,
  loadShopConnection,
  shopSessionOf,
  type LoadedShopConnection as ConnectionRow,
} from "../channels/shop-session";

export interface StoredEvent {
  id: string;
  organization_id: string | null;
  connection_id: string | null;
  platform: "shopee" | "tiktok";
  event_type: string;
  status: "received" | "processed" | "failed" | "unknown_shop" | "ignored";
  body: string;
  replays: number;
}

export type ProcessOutcome = "processed" | "duplicate" | "missing" | "unknown_shop" | "ignored" | "invalid" | "failed";

/** One effect of an event, as the Webhooks screen shows it. */
export interface EventEffect {
  kind: ChannelEvent["kind"];
  target: string;
  result: string;
}

interface Emission {
  organizationId: string;
  event: RealtimeEventName;
  payload: RealtimeEvents[RealtimeEventName];
}

type Deps = Pick<JobDeps, "orm" | "realtime" | "channels" | "sync">;

/** Platform state fetched before the transaction (no network call holds a row lock). */
interface Fetched {
  orders: Map<string, MarketplaceOrder>;
  products: Map<string, ChannelProduct | "gone">;
  /** Why the platform was not asked (the event's own data is applied instead). */
  offline: string | null;
}

const eventColumns = `id::text as id, organization_id, connection_id::text as connection_id, platform, event_type,
  status, body, replays`;

function parse(event: StoredEvent): WebhookParseResult {
  return event.platform === "shopee" ? parseShopeePush(event.body) : parseTikTokWebhook(event.body);
}

const isOrderEvent = (event: ChannelEvent): event is Extract<ChannelEvent, { orderId: string }> => "orderId" in event;
const isProductEvent = (event: ChannelEvent): event is Extract<ChannelEvent, { productId: string }> =>
  "productId" in event;

async function loadEvent(em: EntityManager, eventId: string, lock: boolean): Promise<StoredEvent | undefined> {
  const [row] = await sqlRows<StoredEvent>(
    em,
    `select ${eventColumns} from webhook_event where id = $1${lock ? " for update" : ""}`,
    [eventId],
  );
  return row;
}

/**
 * Asks the platform for the current state of what the events name (order reads paced by the
 * shop's shared rate limiter and batched with other jobs' reads, see `readOrders`). Transient
 * failures (rate limits, outages, an access token the refresh job has not renewed yet) throw so the job retries;
 * a revoked shop or a refused call falls back to the events' own data.
 */
async function fetchState(deps: Deps, connection: ConnectionRow, events: ChannelEvent[]): Promise<Fetched> {
  const fetched: Fetched = { orders: new Map(), products: new Map(), offline: null };
  const orderIds = [...new Set(events.filter(isOrderEvent).map((event) => event.orderId))];
  const productIds = [...new Set(events.filter(isProductEvent).map((event) => event.productId))];
  if (orderIds.length === 0 && productIds.length === 0) return fetched;
  if (!isShopReachable(connection)) {
    fetched.offline = `the shop is ${connection.status}`;
    return fetched;
  }
  const session = shopSessionOf(deps.channels.keyring, connection);
  const adapter = deps.channels.adapters.get(connection.platform);
  try {
    if (orderIds.length > 0)
      fetched.orders = await readOrders(
        { em: deps.orm.em, channels: deps.channels, settings: deps.sync ?? defaultSyncSettings },
        connection,
        session,
        orderIds,
      );
    for (const productId of productIds) {
      try {
        fetched.products.set(productId, await adapter.getProduct(session, productId));
      } catch (error) {
        if (isChannelError(error) && error.code === "NOT_FOUND") fetched.products.set(productId, "gone");
        else throw error;
      }
    }
  } catch (error) {
    if (!isChannelError(error) || error.retryable || error.code === "AUTH_EXPIRED") throw error;
    fetched.offline = `${connection.platform} refused: ${error.message}`;
  }
  return fetched;
}

function listingEffect(kind: ChannelEvent["kind"], productId: string, result: ListingsResult): EventEffect {
  const parts = [`${result.matched} listing${result.matched === 1 ? "" : "s"}`];
  if (result.changed.length) parts.push(`${result.changed.length} changed`);
  if (result.drifted) parts.push(`${result.drifted} drifted`);
  if (result.resumed) parts.push(`${result.resumed} re-queued`);
  return { kind, target: `product ${productId}`, result: result.matched === 0 ? "no listing" : parts.join(", ") };
}

function orderEffect(kind: ChannelEvent["kind"], result: OrderResult): EventEffect {
  const detail = result.lines ? `, ${result.lines} line${result.lines === 1 ? "" : "s"}` : "";
  return { kind, target: `order ${result.externalOrderId}`, result: `${result.outcome} (${result.status}${detail})` };
}

interface ApplyContext {
  tx: EntityManager;
  connection: ConnectionRow;
  fetched: Fetched;
  emissions: Emission[];
  alerts: { organizationId: string; alert: AlertRaisedPayload }[];
  listingIds: Set<string>;
  variantIds: Set<string>;
  eventId: string;
}

async function applyEvent(ctx: ApplyContext, event: ChannelEvent): Promise<EventEffect> {
  const { tx, connection, fetched } = ctx;
  const conn = { id: connection.id, organizationId: connection.organizationId, platform: connection.platform };
  const observedAt = event.occurredAt ?? new Date();
  if (isOrderEvent(event)) {
    const order = fetched.orders.get(event.orderId);
    const result = await upsertOrder(
      tx,
      conn,
      order ?? { orderId: event.orderId, status: event.status, occurredAt: event.occurredAt },
      { webhookEventId: ctx.eventId },
    );
    for (const alert of result.stock?.alerts ?? [])
      ctx.alerts.push({ organizationId: connection.organizationId, alert });
    if (result.stock && result.stock.variantIds.length > 0)
      ctx.emissions.push({
        organizationId: connection.organizationId,
        event: "stock.changed",
        payload: { variantIds: result.stock.variantIds, reason: "order" },
      });
    return orderEffect(event.kind, result);
  }
  if (isProductEvent(event)) {
    const product = fetched.products.get(event.productId);
    const reason = "reason" in event ? event.reason : null;
    let result: ListingsResult;
    if (product && product !== "gone") {
      // TikTok says when an edit came through the API: that is our own write coming back, not a seller edit.
      const source = "source" in event && event.source === "open_api" ? "echo" : "webhook";
      result = await applyProductState(tx, conn, product, product.updatedAt ?? observedAt, reason, { source });
      const alert = await raiseConflictAlert(tx, conn, result.conflicts);
      if (alert) ctx.alerts.push({ organizationId: conn.organizationId, alert });
      for (const changed of conflictsChanged([result.conflicts]))
        ctx.emissions.push({ organizationId: conn.organizationId, event: "conflicts.changed", payload: changed });
    } else {
      const status =
        product === "gone"
          ? connection.platform === "shopee"
            ? "SELLER_DELETE"
            : "DELETED"
          : "status" in event
            ? event.status
            : null;
      if (!status) return { kind: event.kind, target: `product ${event.productId}`, result: "platform not reachable" };
      result = await applyProductStatus(tx, conn, event.productId, status, observedAt, reason);
    }
    result.listingIds.forEach((id) => ctx.listingIds.add(id));
    result.variantIds.forEach((id) => ctx.variantIds.add(id));
    return listingEffect(event.kind, event.productId, result);
  }
  switch (event.kind) {
    case "shop.deauthorized": {
      const rows = await sqlRows<{ status: string }>(
        tx,
        `update channel_connection
            set status = 'needs_reauth', last_error = 'The seller revoked SyncStore''s access in the seller centre; connect the shop again.',
                updated_at = now()
          where id = $1 and status <> 'disconnected' and status <> 'needs_reauth'
          returning status`,
        [connection.id],
      );
      if (rows.length === 0) return { kind: event.kind, target: connection.name, result: "already marked" };
      tx.create(AuditLog, {
        organizationId: connection.organizationId,
        actorId: null,
        action: "channel.deauthorized",
        entity: "channel_connection",
        entityId: connection.id,
        diff: { status: { before: connection.status, after: "needs_reauth" } },
      });
      ctx.alerts.push({
        organizationId: connection.organizationId,
        alert: await raiseAlert(tx, {
          organizationId: connection.organizationId,
          kind: "channel.reauth",
          dedupeKey: `channel.reauth:${connection.id}`,
          severity: "critical",
          title: `${connection.name} revoked SyncStore's access`,
          detail: "The seller deauthorized the app on the marketplace. Connect the shop again to resume syncing.",
          subject: { connectionId: connection.id },
        }),
      });
      ctx.emissions.push({
        organizationId: connection.organizationId,
        event: "connection.changed",
        payload: { connectionId: connection.id, status: "needs_reauth" },
      });
      return { kind: event.kind, target: connection.name, result: "needs re-authorization" };
    }
    case "authorization.expiring": {
      const rows = await sqlRows<{ status: string }>(
        tx,
        `update channel_connection set status = 'expiring', updated_at = now()
          where id = $1 and status = 'active' returning status`,
        [connection.id],
      );
      if (rows.length > 0)
        ctx.emissions.push({
          organizationId: connection.organizationId,
          event: "connection.changed",
          payload: { connectionId: connection.id, status: "expiring" },
        });
      return { kind: event.kind, target: connection.name, result: rows.length > 0 ? "marked expiring" : "unchanged" };
    }
    case "shop.authorized":
      return { kind: event.kind, target: connection.name, result: "noted" };
  }
}

function activity(event: StoredEvent, status: StoredEvent["status"], duplicate: boolean): Emission | null {
  if (!event.organization_id) return null;
  return {
    organizationId: event.organization_id,
    event: "webhook.activity",
    payload: {
      eventId: event.id,
      platform: event.platform,
      eventType: event.event_type,
      status,
      duplicate,
      at: new Date().toISOString(),
    },
  };
}

async function announce(realtime: RealtimeEmitter, log: Logger, emissions: (Emission | null)[]): Promise<void> {
  for (const emission of emissions) {
    if (!emission) continue;
    await realtime
      .toOrganization(emission.organizationId)
      .emit(emission.event, emission.payload as never)
      .catch((err: unknown) => log.warn({ err, event: emission.event }, "realtime emit failed"));
  }
}

/** Marks a replayed event whose processing already happened: the duplicate was recognised. */
async function recordDuplicate(em: EntityManager, event: StoredEvent): Promise<void> {
  if (event.replays === 0) return;
  await sqlRows(
    em,
    `update webhook_event set last_replay_outcome = 'duplicate' where id = $1 and last_replay_outcome is null`,
    [event.id],
  );
}

/**
 * Processes one stored webhook event, idempotently: the event row is locked for the whole apply
 * and marked processed in the same transaction, so a second run (a redelivered job, a replay, a
 * worker killed after the commit) finds it processed and changes nothing. Platform state is read
 * first, outside the transaction; order and listing writes follow the newer-state-wins rule.
 */
export async function processWebhookEvent(
  deps: Deps,
  eventId: string,
  attempt: number,
  log: Logger,
): Promise<ProcessOutcome> {
  const em = deps.orm.em.fork();
  const event = await loadEvent(em, eventId, false);
  if (!event) {
    log.warn({ eventId }, "webhook event not found; nothing to process");
    return "missing";
  }
  if (event.status === "processed" || event.status === "ignored") {
    await recordDuplicate(em, event);
    await announce(deps.realtime, log, [activity(event, event.status, true)]);
    return "duplicate";
  }
  let connection = event.connection_id ? await loadShopConnection(em, event.connection_id) : undefined;
  if (
    !connection &&
    (await em.transactional((tx) => adoptUnknownShopEvents(tx, { eventIds: [eventId], enqueue: false }))) > 0
  ) {
    // The shop was connected after the event arrived: it belongs to that connection now.
    const adopted = await loadEvent(em, eventId, false);
    if (adopted) Object.assign(event, adopted);
    connection = event.connection_id ? await loadShopConnection(em, event.connection_id) : undefined;
  }
  if (!event.organization_id || !connection) {
    await sqlRows(
      em,
      `update webhook_event set status = 'unknown_shop', attempts = $2,
              error = coalesce(error, 'No connected shop matches this event; it is kept but not processed.')
        where id = $1 and status <> 'processed'`,
      [eventId, attempt],
    );
    await announce(deps.realtime, log, [activity(event, "unknown_shop", false)]);
    return "unknown_shop";
  }
  const parsed = parse(event);
  if (!parsed.ok) {
    const status = parsed.reason === "unknown_type" ? "ignored" : "failed";
    await sqlRows(
      em,
      `update webhook_event set status = $2, error = $3, attempts = $4,
              processed_at = case when $2 = 'ignored' then now() else processed_at end
        where id = $1 and status <> 'processed'`,
      [eventId, status, parsed.message, attempt],
    );
    await announce(deps.realtime, log, [activity(event, status, false)]);
    return status === "ignored" ? "ignored" : "invalid";
  }
  // Partner-level pushes list several shops; only this connection's shop concerns this event.
  const events = parsed.events.filter((item) => !item.shopId || item.shopId === connection.externalShopId);
  const fetched = await fetchState(deps, connection, events);

  const emissions: Emission[] = [];
  const alerts: ApplyContext["alerts"] = [];
  const outcome = await em.transactional(async (tx): Promise<ProcessOutcome> => {
    const locked = await loadEvent(tx, eventId, true);
    if (!locked || locked.status === "processed" || locked.status === "ignored") {
      if (locked) await recordDuplicate(tx, locked);
      return "duplicate";
    }
    const ctx: ApplyContext = {
      tx,
      connection,
      fetched,
      emissions,
      alerts,
      listingIds: new Set(),
      variantIds: new Set(),
      eventId,
    };
    const effects: EventEffect[] = [];
    for (const item of events) effects.push(await applyEvent(ctx, item));
    const summary =
      effects.length === 0 ? "nothing for this shop" : effects.map((e) => `${e.target}: ${e.result}`).join("; ");
    await sqlRows(
      tx,
      `update webhook_event
          set status = 'processed', processed_at = now(), attempts = $2, error = null, outcome = $3::jsonb
        where id = $1`,
      [
        eventId,
        attempt,
        JSON.stringify({ summary, effects, ...(fetched.offline ? { fromEventOnly: fetched.offline } : {}) }),
      ],
    );
    if (ctx.listingIds.size > 0)
      emissions.push({
        organizationId: connection.organizationId,
        event: "listings.changed",
        payload: {
          listingIds: [...ctx.listingIds],
          variantIds: [...ctx.variantIds],
          connectionId: connection.id,
          reason: "webhook",
        },
      });
    return "processed";
  });
  if (outcome === "duplicate") {
    await announce(deps.realtime, log, [activity(event, "processed", true)]);
    return outcome;
  }
  await announce(deps.realtime, log, [
    ...emissions,
    ...alerts.map(({ organizationId, alert }) => ({
      organizationId,
      event: "alert.raised" as const,
      payload: alert,
    })),
    activity(event, "processed", false),
  ]);
  log.info({ eventId, platform: event.platform, events: events.length }, "webhook event processed");
  return outcome;
}

/**
 * After a failed attempt: records the error (the screen shows it while retries go on); after the
 * last attempt marks the event failed and raises (or bumps) the connection's failed-events alert.
 */
export async function recordProcessingFailure(
  deps: Pick<JobDeps, "orm" | "realtime">,
  eventId: string,
  attempt: number,
  final: boolean,
  error: unknown,
  log: Logger,
): Promise<void> {
  const message = (error instanceof Error ? error.message : String(error)).slice(0, 2000);
  const em = deps.orm.em.fork();
  const emissions: (Emission | null)[] = [];
  await em.transactional(async (tx) => {
    const event = await loadEvent(tx, eventId, true);
    if (!event || event.status === "processed" || event.status === "ignored") return;
    await sqlRows(tx, `update webhook_event set attempts = $2, error = $3, status = $4 where id = $1`, [
      eventId,
      attempt,
      message,
      final ? "failed" : event.status,
    ]);
    if (!final || !event.organization_id) return;
    const alert = await raiseAlert(tx, {
      organizationId: event.organization_id,
      kind: "webhook.event_failed",
      dedupeKey: `webhook.event_failed:${event.connection_id ?? event.platform}`,
      severity: "critical",
      title: `Webhook events failed after ${attempt} attempts`,
      detail: `Last failure: ${event.event_type} (${event.id}): ${message}`,
      subject: { webhookEventId: event.id, connectionId: event.connection_id },
    });
    emissions.push(activity(event, "failed", false), {
      organizationId: event.organization_id,
      event: "alert.raised",
      payload: alert,
    });
  });
  await announce(deps.realtime, log, emissions);
}
