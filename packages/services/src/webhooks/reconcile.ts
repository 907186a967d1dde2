import { isChannelError } from "@syncstore/channels";
import { sqlRows, type EntityManager } from "@syncstore/db";
import type { AlertRaisedPayload } from "@syncstore/realtime";
import type { Logger } from "pino";
import { announceAlerts, raiseAlert } from "../alerts/raise";
import { retryChannelCall } from "../channels/retry-call";
import { conflictsChanged, raiseConflictAlert } from "../conflicts/alerts";
import { detectConflicts, type DetectResult } from "../conflicts/detect";
import type { JobDeps } from "../context";
import { applyProductState } from "./listings";
import { openOrderPages } from "../orders/open-orders";
import { upsertOrder } from "./orders";
import { asDate } from "./rules";
import { isShopReachable, loadShopConnection, shopSessionOf } from "../channels/shop-session";

/** The first pass of a shop looks back this far; later passes start where the last one ended. */
export const RECONCILE_FIRST_WINDOW_MS = 24 * 3_600_000;
/** Each pass re-reads a little of the previous window: platform update times can lag their writes. */
export const RECONCILE_OVERLAP_MS = 10 * 60_000;
/** Never look back further than Shopee keeps lost pushes (3 days). */
export const RECONCILE_MAX_WINDOW_MS = 3 * 86_400_000;
const MAX_DETAILS = 50;
/** Listing ids per `listings.changed` event (the realtime payload limit is 6,000 bytes). */
const LISTINGS_PER_EVENT = 100;

export interface ReconcileResult {
  runId: string | null;
  status: "succeeded" | "failed" | "skipped";
  ordersChecked: number;
  ordersMissed: number;
  listingsChecked: number;
  listingChangesMissed: number;
  error: string | null;
}

interface Detail {
  kind: "order" | "listing";
  externalId: string;
  detail: string;
}

/** Connections reconciliation should visit (all organizations): connected shops with a token. */
export async function connectionsToReconcile(em: EntityManager): Promise<string[]> {
  const rows = await sqlRows<{ id: string }>(
    em,
    `select id::text as id from channel_connection
      where status in ('active', 'expiring', 'error') and access_token_enc is not null
      order by last_reconciled_at nulls first`,
  );
  return rows.map((row) => row.id);
}

/** Platform clocks and ours differ a little; a webhook this much older than the change still counts. */
const CLOCK_SLACK_MS = 2_000;

/**
 * Whether a stored webhook of this shop mentions the id and arrived after the change happened
 * (`since`, the platform update time): then a webhook did tell us and was not missed.
 */
async function webhookMentioned(em: EntityManager, connectionId: string, since: Date, id: string): Promise<boolean> {
  const rows = await sqlRows<{ found: boolean }>(
    em,
    `select exists (select 1 from webhook_event
                     where connection_id = $1 and received_at >= $2
                       and body ~ ('(^|[^0-9A-Za-z_-])' || $3 || '([^0-9A-Za-z_-]|$)')) as found`,
    [connectionId, since, id.replace(/[^0-9A-Za-z_-]/g, "")],
  );
  return rows[0]?.found ?? false;
}

/**
 * Every page of a platform list, one at a time (no cap: a shop of any size is read to its end, and
 * only one page is held in memory). A cursor that repeats is a platform fault, not an endless loop.
 */
async function* pages<T>(
  fetchPage: (pageToken: string | null) => Promise<{ items: T[]; nextPageToken: string | null }>,
): AsyncGenerator<T[]> {
  let pageToken: string | null = null;
  const seen = new Set<string>();
  for (;;) {
    const page = await fetchPage(pageToken);
    yield page.items;
    if (!page.nextPageToken) return;
    if (seen.has(page.nextPageToken))
      throw new Error(`The platform returned the page cursor ${page.nextPageToken} twice; the pass stops`);
    seen.add(page.nextPageToken);
    pageToken = page.nextPageToken;
  }
}

/**
 * One reconciliation pass over a shop: on a shop's first pass (it was just connected), every open
 * order first, whatever its age (`openOrderPages`), so committed stock is right from the start;
 * then the orders and products the platform updated since the last pass, stores what we lacked (same newer-state-wins rules as webhook processing) and counts
 * what no webhook had told us: an order or listing change is "missed" when this pass changed our
 * state and no stored webhook of the shop in the window mentions it. The pass is recorded in
 * `reconciliation_run`; `last_reconciled_at` moves only when it succeeded.
 */
export async function reconcileConnection(
  deps: Pick<JobDeps, "orm" | "channels" | "realtime">,
  connectionId: string,
  log: Logger,
  now: Date = new Date(),
): Promise<ReconcileResult> {
  const em = deps.orm.em.fork();
  const connection = await loadShopConnection(em, connectionId);
  const skipped: ReconcileResult = {
    runId: null,
    status: "skipped",
    ordersChecked: 0,
    ordersMissed: 0,
    listingsChecked: 0,
    listingChangesMissed: 0,
    error: null,
  };
  if (!connection || !isShopReachable(connection)) return skipped;
  const session = shopSessionOf(deps.channels.keyring, connection);

  const lastEnd = asDate(connection.lastReconciledAt)?.getTime();
  const fromMs = Math.max(
    lastEnd === undefined ? now.getTime() - RECONCILE_FIRST_WINDOW_MS : lastEnd - RECONCILE_OVERLAP_MS,
    now.getTime() - RECONCILE_MAX_WINDOW_MS,
  );
  const from = new Date(fromMs);
  const [run] = await sqlRows<{ id: string }>(
    em,
    `insert into reconciliation_run (id, organization_id, connection_id, status, window_from, window_to, started_at)
     values (gen_random_uuid(), $1, $2, 'running', $3, $4, now()) returning id::text as id`,
    [connection.organizationId, connection.id, from, now],
  );
  const runId = run?.id ?? null;
  const result: ReconcileResult = { ...skipped, runId, status: "succeeded" };
  const details: Detail[] = [];
  const conn = { id: connection.id, organizationId: connection.organizationId, platform: connection.platform };
  try {
    const adapter = deps.channels.adapters.get(connection.platform);
    const alerts: { organizationId: string; alert: AlertRaisedPayload }[] = [];
    const changedListings = new Set<string>();
    const stockVariants = new Set<string>();
    const detected: DetectResult[] = [];
    // One transaction per page: a shop of any size is read to its end with flat memory; every write
    // follows the newer-state-wins rules, so a pass that stops half-way is simply repeated.
    // A page that fails for a moment (429, 5xx, a dropped connection) is asked again, so a long
    // pass is not lost to one blip; lasting trouble fails the pass and the next one repeats it.
    // A newly connected shop: its open orders hold stock whenever they were placed. No webhook could
    // have told us of them, so none of them counts as missed.
    if (lastEnd === undefined)
      for await (const orders of openOrderPages(adapter, session, connection.platform, now))
        await em.fork().transactional(async (tx) => {
          for (const order of orders) {
            result.ordersChecked += 1;
            const stored = await upsertOrder(tx, conn, order);
            for (const alert of stored.stock?.alerts ?? [])
              alerts.push({ organizationId: connection.organizationId, alert });
            stored.stock?.variantIds.forEach((id) => stockVariants.add(id));
          }
        });
    const orderPages = pages((pageToken) =>
      retryChannelCall(() => adapter.listOrders(session, { updatedSince: from, updatedUntil: now, pageToken })).then(
        (page) => ({ items: page.orders, nextPageToken: page.nextPageToken }),
      ),
    );
    for await (const orders of orderPages)
      await em.fork().transactional(async (tx) => {
        for (const order of orders) {
          result.ordersChecked += 1;
          const stored = await upsertOrder(tx, conn, order);
          for (const alert of stored.stock?.alerts ?? [])
            alerts.push({ organizationId: connection.organizationId, alert });
          stored.stock?.variantIds.forEach((id) => stockVariants.add(id));
          if (stored.outcome !== "created" && stored.outcome !== "updated") continue;
          const orderSince = new Date((order.updatedAt ?? from).getTime() - CLOCK_SLACK_MS);
          if (await webhookMentioned(tx, connection.id, orderSince, order.orderId)) continue;
          result.ordersMissed += 1;
          if (details.length < MAX_DETAILS)
            details.push({ kind: "order", externalId: order.orderId, detail: `${stored.outcome}: ${order.status}` });
        }
      });
    const productPages = pages((pageToken) =>
      retryChannelCall(() =>
        adapter.listProducts(session, { updatedSince: from, pageToken, includeDeleted: true }),
      ).then((page) => ({ items: page.products, nextPageToken: page.nextPageToken })),
    );
    for await (const products of productPages)
      await em.fork().transactional(async (tx) => {
        const pageListings: string[] = [];
        for (const product of products) {
          const applied = await applyProductState(tx, conn, product, product.updatedAt ?? now, null, {
            source: "batch",
          });
          result.listingsChecked += applied.matched;
          applied.changed.forEach((change) => changedListings.add(change.listingId));
          pageListings.push(...applied.listingIds);
          if (applied.changed.length === 0) continue;
          const productSince = new Date((product.updatedAt ?? from).getTime() - CLOCK_SLACK_MS);
          if (await webhookMentioned(tx, connection.id, productSince, product.productId)) continue;
          result.listingChangesMissed += applied.changed.length;
          for (const change of applied.changed)
            if (details.length < MAX_DETAILS)
              details.push({
                kind: "listing",
                externalId: product.productId,
                detail: `${change.fields.join(", ")} changed on the marketplace`,
              });
        }
        // One three-way detection per page (a single read when nothing on the page drifted).
        detected.push(
          await detectConflicts(tx, { listingIds: pageListings, source: "reconciliation", observedAt: now }),
        );
      });
    await em.fork().transactional(async (tx) => {
      await sqlRows(
        tx,
        `update reconciliation_run
            set status = 'succeeded', finished_at = now(), orders_checked = $2, orders_missed = $3,
                listings_checked = $4, listing_changes_missed = $5, details = $6::jsonb
          where id = $1`,
        [
          runId,
          result.ordersChecked,
          result.ordersMissed,
          result.listingsChecked,
          result.listingChangesMissed,
          JSON.stringify(details),
        ],
      );
      await sqlRows(tx, `update channel_connection set last_reconciled_at = $2 where id = $1`, [connection.id, now]);
      const conflictAlert = await raiseConflictAlert(tx, conn, {
        opened: detected.flatMap((d) => d.opened),
        closed: [],
        decided: [],
      });
      if (conflictAlert) alerts.push({ organizationId: connection.organizationId, alert: conflictAlert });
      const missed = result.ordersMissed + result.listingChangesMissed;
      if (missed > 0) {
        alerts.push({
          organizationId: connection.organizationId,
          alert: await raiseAlert(tx, {
            organizationId: connection.organizationId,
            kind: "webhook.missed",
            dedupeKey: `webhook.missed:${connection.id}`,
            severity: "warning",
            title: `Reconciliation caught changes no webhook delivered (${connection.name})`,
            detail: `${result.ordersMissed} order(s) and ${result.listingChangesMissed} listing change(s) found by polling without a webhook.`,
            subject: { connectionId: connection.id, reconciliationRunId: runId },
            occurrences: missed,
          }),
        });
      }
    });
    await announceAlerts(deps.realtime, log, alerts);
    if (stockVariants.size > 0)
      await deps.realtime
        .toOrganization(connection.organizationId)
        .emit("stock.changed", { variantIds: [...stockVariants], reason: "order" })
        .catch((err: unknown) => log.warn({ err }, "stock.changed emit failed"));
    for (const changed of conflictsChanged(detected))
      await deps.realtime
        .toOrganization(connection.organizationId)
        .emit("conflicts.changed", changed)
        .catch((err: unknown) => log.warn({ err }, "conflicts.changed emit failed"));
    // Only listings whose channel state changed, in events small enough for the realtime limit.
    const changedIds = [...changedListings];
    for (let start = 0; start < changedIds.length; start += LISTINGS_PER_EVENT)
      await deps.realtime
        .toOrganization(connection.organizationId)
        .emit("listings.changed", {
          listingIds: changedIds.slice(start, start + LISTINGS_PER_EVENT),
          variantIds: [],
          connectionId: connection.id,
          reason: "webhook",
        })
        .catch((err: unknown) => log.warn({ err }, "listings.changed emit failed"));
    log.info({ connectionId, ...result }, "reconciliation finished");
    return result;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    await sqlRows(
      em,
      `update reconciliation_run set status = 'failed', finished_at = now(), error = $2 where id = $1`,
      [runId, message.slice(0, 2000)],
    );
    log.warn({ err: error, connectionId }, "reconciliation failed");
    // Platform trouble ends this pass; the next scheduled pass covers the same window again.
    if (isChannelError(error) && !error.retryable) return { ...result, status: "failed", error: message };
    throw error;
  }
}
