import {
  isChannelError,
  type ChannelDeps,
  type CumulativePerformance,
  type DailyFigures,
  type DailyPerformance,
  type Money,
  type ShopSession,
  type SkuFigures,
} from "@syncstore/channels";
import { type AnalyticsPullCursor, type EntityManager, sqlRows } from "@syncstore/db";
import { addDays, localDay, parseMinor, shopTimeZone } from "@syncstore/domain";
import type { Logger } from "pino";
import { withShopSession } from "../channels/shop-session";
import { holdCalls, rateKey, reserveCall, sleep } from "../sync/rate-limit";

/**
 * The daily marketplace performance pull of one shop: incremental (TikTok from the day after the
 * last complete date up to the platform's `latest_available_date`; Shopee one snapshot per item per
 * shop-local day), resumable (progress is committed with every page, so a run that stops resumes
 * where it stopped instead of repeating calls) and paced under the platform's rate limit (shared
 * GCRA pacing in PostgreSQL; a 429 holds every caller for Retry-After and the call is repeated).
 */

export interface PullSettings {
  /** Calls per second per API: TikTok allows 50 (we stay under), Shopee publishes none. */
  perSecond: { shopee: number; tiktok: number };
  /** First run: how many days back TikTok data is read. */
  initialDays: number;
  /** Calls one run makes before it stops and leaves the rest to its continuation. */
  maxCalls: number;
  /** Rate-limit answers tolerated in one run before it fails (and is retried later). */
  maxRateLimited: number;
}

export const defaultPullSettings: PullSettings = {
  perSecond: { shopee: 10, tiktok: 40 },
  initialDays: 30,
  maxCalls: 5000,
  maxRateLimited: 200,
};

export interface PullResult {
  status: "complete" | "partial";
  calls: number;
  rateLimited: number;
  completeThrough: string | null;
  latestAvailableDate: string | null;
}

interface PullDeps {
  em: EntityManager;
  channels: Pick<ChannelDeps, "adapters" | "keyring">;
  log: Logger;
}

class BudgetSpent extends Error {
  override readonly name = "BudgetSpent";
}

interface PullRow {
  organization_id: string;
  cursor: AnalyticsPullCursor | null;
  complete_through: string | null;
  latest_available_date: string | null;
}

/** GMV as minor units of its currency (null when the platform gave none or it is not exact). */
function minor(money: Money | null): { amount: number | null; currency: string | null } {
  if (!money) return { amount: null, currency: null };
  return { amount: parseMinor(money.amount, money.currency), currency: money.currency };
}

export async function pullPerformance(
  deps: PullDeps,
  connectionId: string,
  options: { now?: Date; settings?: Partial<PullSettings> } = {},
): Promise<PullResult> {
  const settings = { ...defaultPullSettings, ...options.settings };
  const now = options.now ?? new Date();
  const { em } = deps;
  const counters = { calls: 0, rateLimited: 0 };

  return withShopSession(em, deps.channels, connectionId, deps.log, async (adapter, session, connection) => {
    const zone = shopTimeZone(connection.region);
    const today = localDay(now, zone);
    await sqlRows(
      em,
      `insert into analytics_pull (id, organization_id, connection_id, status, started_at, calls, rate_limited, updated_at)
       values (gen_random_uuid(), $1, $2, 'running', now(), 0, 0, now())
       on conflict (connection_id) do update set status = 'running', started_at = now(), error = null, calls = 0, rate_limited = 0, updated_at = now()`,
      [connection.organizationId, connectionId],
    );
    const [state] = await sqlRows<PullRow>(
      em,
      `select organization_id, cursor, complete_through::text, latest_available_date::text from analytics_pull where connection_id = $1`,
      [connectionId],
    );
    if (!state) throw new Error(`analytics_pull row of ${connectionId} is missing`);
    const perSecond = settings.perSecond[adapter.platform];

    /** One platform call, paced and repeated after rate-limit answers. */
    const call = async <T>(api: string, work: () => Promise<T>): Promise<T> => {
      const key = rateKey(connectionId, api);
      for (;;) {
        if (counters.calls >= settings.maxCalls) throw new BudgetSpent();
        await sleep(await reserveCall(em, key, perSecond));
        counters.calls += 1;
        try {
          return await work();
        } catch (error) {
          if (!isChannelError(error) || error.code !== "RATE_LIMITED") throw error;
          counters.rateLimited += 1;
          if (counters.rateLimited > settings.maxRateLimited) throw error;
          await holdCalls(em, key, error.retryAfterMs ?? 1000);
        }
      }
    };
    const save = async (
      tx: EntityManager,
      patch: { cursor?: AnalyticsPullCursor | null; completeThrough?: string; latest?: string | null },
    ) => {
      await sqlRows(
        tx,
        `update analytics_pull set cursor = case when $2 then $3::jsonb else cursor end,
                complete_through = coalesce($4::date, complete_through),
                latest_available_date = coalesce($5::date, latest_available_date),
                calls = $6, rate_limited = $7, updated_at = now()
          where connection_id = $1`,
        [
          connectionId,
          patch.cursor !== undefined,
          patch.cursor === undefined ? null : JSON.stringify(patch.cursor),
          patch.completeThrough ?? null,
          patch.latest ?? null,
          counters.calls,
          counters.rateLimited,
        ],
      );
    };

    const context = { deps, connectionId, organizationId: state.organization_id, session, today, call, save };
    try {
      const outcome =
        adapter.performance.kind === "cumulative"
          ? await pullSnapshots(context, adapter.performance)
          : await pullDaily(context, adapter.performance, state, settings.initialDays);
      await sqlRows(
        em,
        `update analytics_pull set status = 'succeeded', finished_at = now(), calls = $2, rate_limited = $3, updated_at = now() where connection_id = $1`,
        [connectionId, counters.calls, counters.rateLimited],
      );
      return { status: "complete", ...counters, ...outcome };
    } catch (error) {
      if (error instanceof BudgetSpent) {
        await sqlRows(
          em,
          `update analytics_pull set status = 'idle', calls = $2, rate_limited = $3, updated_at = now() where connection_id = $1`,
          [connectionId, counters.calls, counters.rateLimited],
        );
        const [row] = await sqlRows<PullRow>(
          em,
          `select organization_id, cursor, complete_through::text, latest_available_date::text from analytics_pull where connection_id = $1`,
          [connectionId],
        );
        return {
          status: "partial",
          ...counters,
          completeThrough: row?.complete_through ?? null,
          latestAvailableDate: row?.latest_available_date ?? null,
        };
      }
      await sqlRows(
        em,
        `update analytics_pull set status = 'failed', error = $2, finished_at = now(), calls = $3, rate_limited = $4, updated_at = now() where connection_id = $1`,
        [connectionId, error instanceof Error ? error.message : String(error), counters.calls, counters.rateLimited],
      );
      throw error;
    }
  });
}

interface PullContext {
  deps: PullDeps;
  connectionId: string;
  organizationId: string;
  session: ShopSession;
  today: string;
  call: <T>(api: string, work: () => Promise<T>) => Promise<T>;
  save: (
    tx: EntityManager,
    patch: { cursor?: AnalyticsPullCursor | null; completeThrough?: string; latest?: string | null },
  ) => Promise<void>;
}

/** Channel product ids of the shop's listings, sorted (the order progress is recorded in). */
async function productIdsOf(em: EntityManager, connectionId: string, after: string | null): Promise<string[]> {
  const rows = await sqlRows<{ id: string }>(
    em,
    `select distinct external_product_id as id from listing
      where connection_id = $1 and external_product_id is not null and ($2::text is null or external_product_id > $2)
      order by 1`,
    [connectionId, after],
  );
  return rows.map((row) => row.id);
}

/**
 * Shopee: the first counters of the day per item (items that already have today's snapshot are
 * skipped, which is what makes a resumed run continue), then daily figures derived from
 * consecutive snapshots (`derived`).
 */
async function pullSnapshots(ctx: PullContext, api: CumulativePerformance) {
  const { em } = ctx.deps;
  const pending = await sqlRows<{ id: string }>(
    em,
    `select distinct l.external_product_id as id from listing l
      where l.connection_id = $1 and l.external_product_id is not null
        and not exists (select 1 from item_metric_snapshot s where s.connection_id = l.connection_id
                          and s.external_product_id = l.external_product_id and s.snapshot_date = $2::date)
      order by 1`,
    [ctx.connectionId, ctx.today],
  );
  const ids = pending.map((row) => row.id);
  for (let start = 0; start < ids.length; start += api.itemsPerCall) {
    const chunk = ids.slice(start, start + api.itemsPerCall);
    const counters = await ctx.call(api.api, () => api.getItemCounters(ctx.session, chunk));
    await em.fork().transactional(async (tx) => {
      await sqlRows(
        tx,
        `insert into item_metric_snapshot (id, organization_id, connection_id, external_product_id, snapshot_date, taken_at,
                                           sales, views, likes, rating_star, comment_count)
         select gen_random_uuid(), $2, $3, r.id, $4::date, now(), r.sales, r.views, r.likes, r.rating, r.comments
           from jsonb_to_recordset($1::jsonb) as r(id text, sales bigint, views bigint, likes bigint, rating float8, comments bigint)
         on conflict (connection_id, external_product_id, snapshot_date) do nothing`,
        [
          JSON.stringify(
            counters.map((c) => ({
              id: c.productId,
              sales: c.sales,
              views: c.views,
              likes: c.likes,
              rating: c.ratingStar,
              comments: c.commentCount,
            })),
          ),
          ctx.organizationId,
          ctx.connectionId,
          ctx.today,
        ],
      );
      await ctx.save(tx, {
        cursor: {
          range: null,
          phase: "snapshots",
          afterProductId: chunk.at(-1) ?? null,
          day: ctx.today,
          pageToken: null,
        },
      });
    });
  }
  await em.fork().transactional(async (tx) => {
    // Day D = first snapshot of D+1 − first snapshot of D (deriveDailyFromSnapshots in domain).
    await sqlRows(
      tx,
      `insert into product_metric_daily (id, organization_id, connection_id, external_product_id, external_variant_id, date,
                                         units_sold, page_views, likes, source, derived, fetched_at)
       select gen_random_uuid(), a.organization_id, a.connection_id, a.external_product_id, '', a.snapshot_date,
              greatest(0, b.sales - a.sales), greatest(0, b.views - a.views), greatest(0, b.likes - a.likes),
              'shopee_snapshot_diff', true, now()
         from item_metric_snapshot a
         join item_metric_snapshot b on b.connection_id = a.connection_id and b.external_product_id = a.external_product_id
                                    and b.snapshot_date = a.snapshot_date + 1
        where a.connection_id = $1
       on conflict (connection_id, external_product_id, external_variant_id, date) do update
         set units_sold = excluded.units_sold, page_views = excluded.page_views, likes = excluded.likes, fetched_at = now()`,
      [ctx.connectionId],
    );
    await ctx.save(tx, {
      cursor: { range: null, phase: "done", afterProductId: null, day: null, pageToken: null },
      completeThrough: addDays(ctx.today, -1),
    });
  });
  return { completeThrough: addDays(ctx.today, -1), latestAvailableDate: null };
}

async function upsertDaily(
  tx: EntityManager,
  ctx: PullContext,
  rows: { productId: string; variantId: string; figures: DailyFigures | (SkuFigures & { date: string }) }[],
): Promise<void> {
  if (rows.length === 0) return;
  await sqlRows(
    tx,
    `insert into product_metric_daily (id, organization_id, connection_id, external_product_id, external_variant_id, date,
                                       orders, units_sold, gmv, currency, page_views, impressions, source, derived, fetched_at)
     select gen_random_uuid(), $2, $3, r.product_id, r.variant_id, r.date::date, r.orders, r.units, r.gmv, r.currency,
            r.page_views, r.impressions, 'tiktok_analytics', false, now()
       from jsonb_to_recordset($1::jsonb) as r(product_id text, variant_id text, date text, orders int, units int, gmv bigint,
                                               currency text, page_views int, impressions int)
     on conflict (connection_id, external_product_id, external_variant_id, date) do update
       set orders = excluded.orders, units_sold = excluded.units_sold, gmv = excluded.gmv, currency = excluded.currency,
           page_views = excluded.page_views, impressions = excluded.impressions, fetched_at = now()`,
    [
      JSON.stringify(
        rows.map(({ productId, variantId, figures }) => {
          const gmv = minor(figures.gmv);
          return {
            product_id: productId,
            variant_id: variantId,
            date: figures.date,
            orders: figures.orders,
            units: figures.unitsSold,
            gmv: gmv.amount,
            currency: gmv.currency,
            page_views: "pageViews" in figures ? figures.pageViews : null,
            impressions: "impressions" in figures ? figures.impressions : null,
          };
        }),
      ),
      ctx.organizationId,
      ctx.connectionId,
    ],
  );
}

/**
 * TikTok: whole-shop days, then each product's days (traffic), then each day's SKU list a page at
 * a time. The cursor names the phase and the last product, day and page done.
 */
async function pullDaily(ctx: PullContext, api: DailyPerformance, state: PullRow, initialDays: number) {
  const { em } = ctx.deps;
  let cursor = state.cursor;
  let latest = state.latest_available_date;
  if (!cursor || cursor.phase === "done" || !cursor.range) {
    const from = state.complete_through ? addDays(state.complete_through, 1) : addDays(ctx.today, -initialDays);
    if (from >= ctx.today) return { completeThrough: state.complete_through, latestAvailableDate: latest };
    cursor = { range: { from, to: ctx.today }, phase: "shop", afterProductId: null, day: null, pageToken: null };
  }
  const range = cursor.range ?? { from: ctx.today, to: ctx.today };

  if (cursor.phase === "shop") {
    const series = await ctx.call(api.apis.shop, () => api.getShopDaily(ctx.session, range));
    latest = series.latestAvailableDate ?? latest;
    const to = latest && addDays(latest, 1) < range.to ? addDays(latest, 1) : range.to;
    const next: AnalyticsPullCursor = {
      range: { from: range.from, to },
      phase: "products",
      afterProductId: null,
      day: null,
      pageToken: null,
    };
    await em.fork().transactional(async (tx) => {
      await upsertDaily(
        tx,
        ctx,
        series.days.map((figures) => ({ productId: "", variantId: "", figures })),
      );
      await ctx.save(tx, { cursor: next, latest });
    });
    cursor = next;
  }
  const window = cursor.range ?? range;
  if (window.from >= window.to) {
    await ctx.save(em, { cursor: { ...cursor, phase: "done" } });
    return { completeThrough: state.complete_through, latestAvailableDate: latest };
  }

  if (cursor.phase === "products") {
    for (const productId of await productIdsOf(em, ctx.connectionId, cursor.afterProductId)) {
      const series = await ctx.call(api.apis.product, () => api.getProductDaily(ctx.session, productId, window));
      const next: AnalyticsPullCursor = { ...cursor, afterProductId: productId };
      await em.fork().transactional(async (tx) => {
        await upsertDaily(
          tx,
          ctx,
          series.days.map((figures) => ({ productId, variantId: "", figures })),
        );
        await ctx.save(tx, { cursor: next });
      });
      cursor = next;
    }
    cursor = { ...cursor, phase: "skus", afterProductId: null, day: window.from, pageToken: null };
    await ctx.save(em, { cursor });
  }

  if (cursor.phase === "skus") {
    let day = cursor.day ?? window.from;
    let pageToken = cursor.pageToken;
    while (day < window.to) {
      const currentDay = day;
      const page = await ctx.call(api.apis.skus, () =>
        api.listSkus(ctx.session, { from: currentDay, to: addDays(currentDay, 1) }, { pageToken, pageSize: 100 }),
      );
      pageToken = page.nextPageToken;
      if (!pageToken) day = addDays(day, 1);
      const next: AnalyticsPullCursor = { ...cursor, day, pageToken };
      await em.fork().transactional(async (tx) => {
        await upsertDaily(
          tx,
          ctx,
          page.skus.map((sku) => ({
            productId: sku.productId,
            variantId: sku.variantId,
            figures: { ...sku, date: currentDay },
          })),
        );
        await ctx.save(tx, { cursor: next });
      });
      cursor = next;
    }
  }
  const completeThrough = addDays(window.to, -1);
  await ctx.save(em, {
    cursor: { range: null, phase: "done", afterProductId: null, day: null, pageToken: null },
    completeThrough,
  });
  return { completeThrough, latestAvailableDate: latest };
}
