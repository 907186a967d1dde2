import { randomUUID } from "node:crypto";
import { createOrm, salesPeriodPresets, sqlRows, type Orm } from "@syncstore/db";
import { createTestDatabase, type TestDatabase } from "@syncstore/db/testing";
import {
  computeSalesBuckets,
  latencyBucket,
  latencyBucketsMs,
  nearestRank,
  shopTimeZone,
  type SalesOrder,
} from "@syncstore/domain";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureOrganization } from "../testing/sync";
import { rollupSales, rollupSyncHealth } from "./rollup";

let database: TestDatabase;
let orm: Orm;
const org = "org-rollups";
let variants: string[] = [];
let productId = "";
/** Where a variant may be moved to. */
let otherProductId = "";
/** Each variant's current product (the move step changes it). */
const productOf = new Map<string, string>();

beforeAll(async () => {
  database = await createTestDatabase();
  orm = await createOrm(database.url, { pool: { min: 0, max: 4 } });
  await ensureOrganization(orm, org);
  productId = randomUUID();
  otherProductId = randomUUID();
  variants = [randomUUID(), randomUUID(), randomUUID()];
  await sqlRows(
    orm.em.fork(),
    `insert into product (id, organization_id, title, status, created_at, updated_at)
     values ($1, $3, 'P', 'active', now(), now()), ($2, $3, 'Q', 'active', now(), now())`,
    [productId, otherProductId, org],
  );
  for (const [i, id] of variants.entries())
    await sqlRows(
      orm.em.fork(),
      `insert into variant (id, organization_id, product_id, sku, price, created_at, updated_at) values ($1, $2, $3, $4, 1000, now(), now())`,
      [id, org, productId, `SKU-${i}`],
    );
}, 60_000);

afterAll(async () => {
  await orm?.close(true);
  await database?.drop();
});

async function connection(region: "SG" | "US"): Promise<string> {
  const id = randomUUID();
  await sqlRows(
    orm.em.fork(),
    `insert into channel_connection (id, organization_id, platform, external_shop_id, name, region, status, created_at, updated_at)
     values ($1, $2, 'shopee', $4, $4, $3, 'active', now(), now())`,
    [id, org, region, `shop-${id}`],
  );
  return id;
}

const base = Date.parse("2026-03-09T12:00:00Z");
const statuses = ["created", "paid", "shipped", "completed", "cancelled", "refunded", "returned", "IN_CANCEL"];

const lineArb = fc.record({
  variant: fc.integer({ min: -1, max: 2 }), // -1: an unmatched line known by SKU only
  quantity: fc.integer({ min: 1, max: 5 }),
  unitPrice: fc.option(fc.integer({ min: 0, max: 100_000 }), { nil: null }),
});
const orderArb = fc.record({
  shop: fc.integer({ min: 0, max: 1 }),
  status: fc.constantFrom(...statuses),
  currency: fc.constantFrom("SGD", "USD", "VND"),
  // Three days around midnight in Singapore and Los Angeles.
  offsetMinutes: fc.integer({ min: -36 * 60, max: 36 * 60 }),
  lines: fc.array(lineArb, { minLength: 1, maxLength: 3 }),
});
type OrderInput = typeof orderArb extends fc.Arbitrary<infer T> ? T : never;
const editArb = fc.record({
  index: fc.nat(),
  kind: fc.constantFrom("cancel", "refund", "repeat"),
});

interface StoredOrder extends SalesOrder {
  id: string;
}

async function insertOrders(shops: string[], orders: OrderInput[], regions: string[]): Promise<StoredOrder[]> {
  const stored: StoredOrder[] = [];
  for (const order of orders) {
    const id = randomUUID();
    const connectionId = shops[order.shop] ?? "";
    const placedAt = new Date(base + order.offsetMinutes * 60_000);
    await sqlRows(
      orm.em.fork(),
      `insert into channel_order (id, organization_id, connection_id, external_order_id, status, currency, placed_at, created_at, updated_at)
       values ($1, $2, $3, $7, $4, $5, $6, now(), now())`,
      [id, org, connectionId, order.status, order.currency, placedAt, `ext-${id}`],
    );
    const lines = order.lines.map((line) => {
      const variantId = line.variant >= 0 ? (variants[line.variant] ?? null) : null;
      const sku = variantId ? `SKU-${line.variant}` : "LOOSE";
      return { variantId, sku, quantity: line.quantity, unitPrice: line.unitPrice };
    });
    for (const line of lines)
      await sqlRows(
        orm.em.fork(),
        `insert into channel_order_line (id, organization_id, order_id, line_key, variant_id, sku, quantity, unit_price)
         values (gen_random_uuid(), $1, $2, gen_random_uuid()::text, $3, $4, $5, $6)`,
        [org, id, line.variantId, line.sku, line.quantity, line.unitPrice],
      );
    stored.push({
      id,
      connectionId,
      status: order.status,
      currency: order.currency,
      placedAt,
      zone: shopTimeZone(regions[order.shop]),
      lines: lines.map((line) => ({
        lineKey: line.variantId ? `v:${line.variantId}` : `s:${line.sku}`,
        quantity: line.quantity,
        unitPrice: line.unitPrice,
      })),
    });
  }
  return stored;
}

async function salesRollups(shops: string[]) {
  const daily = await sqlRows<Record<string, unknown>>(
    orm.em.fork(),
    `select connection_id::text as "connectionId", day::text as day, line_key as "lineKey", currency, orders, valid_orders as "validOrders",
            units, valid_units as "validUnits", revenue::float8 as revenue, cancelled_units as "cancelledUnits", refunded_units as "refundedUnits"
       from sales_daily where connection_id = any($1::uuid[])`,
    [shops],
  );
  const hourly = await sqlRows<Record<string, unknown>>(
    orm.em.fork(),
    `select connection_id::text as "connectionId", to_char(hour at time zone 'UTC', 'YYYY-MM-DD"T"HH24:00:00.000"Z"') as hour, day::text as day,
            currency, orders, valid_orders as "validOrders", cancelled_orders as "cancelledOrders", refunded_orders as "refundedOrders",
            units, revenue::float8 as revenue
       from sales_hourly where connection_id = any($1::uuid[])`,
    [shops],
  );
  return { daily, hourly };
}

const sortBy = <T extends Record<string, unknown>>(rows: T[]) =>
  [...rows].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));

async function expectSalesMatch(shops: string[], orders: StoredOrder[]) {
  const expected = computeSalesBuckets(orders);
  const actual = await salesRollups(shops);
  expect(sortBy(actual.daily)).toEqual(sortBy(expected.daily as unknown as Record<string, unknown>[]));
  expect(sortBy(actual.hourly)).toEqual(sortBy(expected.hourly as unknown as Record<string, unknown>[]));
}

const addDay = (day: string, days: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/** The shop sets the periods are kept for: all the (active) shops, and each alone when there are several. */
const scopesOf = (shops: string[]) => [
  { scope: "all", shops },
  ...(shops.length > 1 ? shops.map((shop) => ({ scope: shop, shops: [shop] })) : []),
];

/**
 * The preset periods computed directly from the orders (not from `sales_daily`): per matched
 * variant and per product (the variant's current one), the valid units and revenue per currency of
 * the days `today − days … today − 1` of each scope's shops.
 */
function expectedPeriods(orders: StoredOrder[], shops: string[], today: string) {
  const { daily } = computeSalesBuckets(orders);
  const variantRows: Record<string, unknown>[] = [];
  const productRows = new Map<
    string,
    { periodDays: number; scope: string; productId: string; currency: string; units: number; revenue: number }
  >();
  for (const { scope, shops: scopeShops } of scopesOf(shops))
    for (const days of salesPeriodPresets) {
      const from = addDay(today, -days);
      const byVariant = new Map<string, { units: number; revenues: Map<string, number> }>();
      for (const bucket of daily) {
        if (!scopeShops.includes(bucket.connectionId) || bucket.day < from || bucket.day >= today) continue;
        if (!bucket.lineKey.startsWith("v:")) continue;
        const variantId = bucket.lineKey.slice(2);
        const entry = byVariant.get(variantId) ?? { units: 0, revenues: new Map<string, number>() };
        entry.units += bucket.validUnits;
        entry.revenues.set(bucket.currency, (entry.revenues.get(bucket.currency) ?? 0) + bucket.revenue);
        byVariant.set(variantId, entry);
        const owner = productOf.get(variantId) ?? productId;
        const key = `${days}|${scope}|${owner}|${bucket.currency}`;
        const product = productRows.get(key) ?? {
          periodDays: days,
          scope,
          productId: owner,
          currency: bucket.currency,
          units: 0,
          revenue: 0,
        };
        product.units += bucket.validUnits;
        product.revenue += bucket.revenue;
        productRows.set(key, product);
      }
      for (const [variantId, entry] of byVariant)
        variantRows.push({
          periodDays: days,
          scope,
          variantId,
          productId: productOf.get(variantId) ?? productId,
          sku: `SKU-${variants.indexOf(variantId)}`,
          units: entry.units,
          revenues: [...entry.revenues.entries()]
            .sort(([a], [b]) => a.localeCompare(b))
            .map(([currency, revenue]) => ({ currency, revenue })),
        });
    }
  return { variants: variantRows, products: [...productRows.values()] };
}

/** Moves a variant to a product through the catalog's columns (a new product and a fresh updated_at). */
async function moveVariant(variantId: string, toProductId: string) {
  await sqlRows(
    orm.em.fork(),
    `update variant set product_id = $2, version = version + 1, updated_at = now() where id = $1`,
    [variantId, toProductId],
  );
  productOf.set(variantId, toProductId);
}

async function expectPeriodsMatch(orders: StoredOrder[], shops: string[], today: string) {
  const expected = expectedPeriods(orders, shops, today);
  const em = orm.em.fork();
  const variantRows = await sqlRows<Record<string, unknown>>(
    em,
    `select period_days as "periodDays", scope, variant_id::text as "variantId", product_id::text as "productId", sku, units, revenues
       from sales_period_variant where organization_id = $1`,
    [org],
  );
  const productRows = await sqlRows<Record<string, unknown>>(
    em,
    `select period_days as "periodDays", scope, product_id::text as "productId", currency, units, revenue::float8 as revenue
       from sales_period_product where organization_id = $1`,
    [org],
  );
  expect(sortBy(variantRows)).toEqual(sortBy(expected.variants));
  expect(sortBy(productRows)).toEqual(sortBy(expected.products));
  const states = await sqlRows<{ periodDays: number; scope: string; through: string; shops: string[] }>(
    em,
    `select period_days as "periodDays", scope, through::text, shops from sales_period_state where organization_id = $1`,
    [org],
  );
  expect(sortBy(states)).toEqual(
    sortBy(
      scopesOf(shops).flatMap(({ scope, shops: scopeShops }) =>
        salesPeriodPresets.map((periodDays) => ({
          periodDays,
          scope,
          through: addDay(today, -1),
          shops: [...scopeShops].sort(),
        })),
      ),
    ),
  );
}

describe("sales rollups", () => {
  it("equal the direct computation on random orders, after a rerun, and after late and repeated events", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(orderArb, { minLength: 1, maxLength: 25 }),
        fc.array(editArb, { maxLength: 6 }),
        fc.array(orderArb, { maxLength: 3 }),
        fc.option(fc.integer({ min: 0, max: 2 }), { nil: null }),
        async (orders, edits, late, moved) => {
          const regions = ["SG", "US"];
          for (const variantId of variants)
            if ((productOf.get(variantId) ?? productId) !== productId) await moveVariant(variantId, productId);
          // The periods cover the organization's shops that are not disconnected: this run's two.
          await sqlRows(
            orm.em.fork(),
            `update channel_connection set status = 'disconnected' where organization_id = $1`,
            [org],
          );
          const shops = [await connection("SG"), await connection("US")];
          const stored = await insertOrders(shops, orders, regions);
          // The orders fall on 2026-03-07 … 2026-03-11 (shop-local); presets through 03-09, later 03-10.
          const today = "2026-03-10";
          await rollupSales(orm.em, { today });
          await expectSalesMatch(shops, stored);
          await expectPeriodsMatch(stored, shops, today);
          await rollupSales(orm.em, { today }); // idempotent: a rerun with nothing new changes nothing
          await expectSalesMatch(shops, stored);
          await expectPeriodsMatch(stored, shops, today);

          for (const edit of edits) {
            const target = stored[edit.index % stored.length];
            if (!target) continue;
            if (edit.kind !== "repeat") target.status = edit.kind === "cancel" ? "cancelled" : "refunded";
            // A late status event for an order created days ago, or the same event delivered again.
            await sqlRows(orm.em.fork(), `update channel_order set status = $2, updated_at = now() where id = $1`, [
              target.id,
              target.status,
            ]);
          }
          stored.push(...(await insertOrders(shops, late, regions)));
          await rollupSales(orm.em, { today }); // the periods recompute only the touched variants
          await expectSalesMatch(shops, stored);
          await expectPeriodsMatch(stored, shops, today);
          // A variant moved to another product: no order changes, both products' sums move with it.
          const movedVariant = moved === null ? undefined : variants[moved];
          if (movedVariant) {
            // An hour later: the orders are behind the watermark, so no sales_daily row is touched.
            await sqlRows(
              orm.em.fork(),
              `update channel_order set updated_at = updated_at - interval '1 hour' where organization_id = $1`,
              [org],
            );
            await moveVariant(movedVariant, otherProductId);
            await rollupSales(orm.em, { today });
            await expectPeriodsMatch(stored, shops, today);
          }
          await rollupSales(orm.em, { today: "2026-03-11" }); // a day later: every preset moves
          await expectPeriodsMatch(stored, shops, "2026-03-11");
        },
      ),
      { numRuns: 12 },
    );
  }, 120_000);
});

const outcomes = ["succeeded", "failed", "retrying", "skipped"] as const;
const logArb = fc.record({
  shop: fc.integer({ min: 0, max: 1 }),
  outcome: fc.constantFrom(...outcomes),
  durationMs: fc.integer({ min: 0, max: 20_000 }),
  errorCode: fc.option(fc.constantFrom("RATE_LIMITED", "VALIDATION", "TRANSIENT"), { nil: null }),
  offsetMinutes: fc.integer({ min: 0, max: 180 }),
});
type LogInput = typeof logArb extends fc.Arbitrary<infer T> ? T : never;
/** An order line, oversold or not: incidents come from the order data. */
const oversoldArb = fc.record({
  shop: fc.integer({ min: 0, max: 1 }),
  oversold: fc.integer({ min: 0, max: 3 }),
  offsetMinutes: fc.integer({ min: 0, max: 180 }),
});
const webhookArb = fc.record({
  shop: fc.integer({ min: 0, max: 1 }),
  status: fc.constantFrom("received", "processed", "failed"),
  offsetMinutes: fc.integer({ min: 0, max: 180 }),
});

interface Log {
  connectionId: string;
  outcome: string;
  durationMs: number;
  errorCode: string | null;
  at: Date;
}

function expectedHealth(
  logs: Log[],
  hooks: { connectionId: string; status: string; at: Date }[],
  oversoldLines: { connectionId: string; oversold: number; at: Date }[] = [],
) {
  const rows = new Map<string, Record<string, unknown> & { durations: number[] }>();
  const hourOf = (at: Date) => {
    const hour = new Date(at);
    hour.setUTCMinutes(0, 0, 0);
    return hour.toISOString();
  };
  const row = (connectionId: string, at: Date) => {
    const key = `${connectionId}|${hourOf(at)}`;
    let entry = rows.get(key);
    if (!entry) {
      entry = {
        connectionId,
        hour: hourOf(at),
        attempts: 0,
        successes: 0,
        failures: 0,
        retries: 0,
        failuresByReason: {},
        histogram: Array.from({ length: latencyBucketsMs.length + 1 }, () => 0),
        webhooksReceived: 0,
        webhooksFailed: 0,
        oversold: 0,
        durations: [],
      };
      rows.set(key, entry);
    }
    return entry;
  };
  for (const log of logs) {
    if (log.outcome === "skipped") continue;
    const entry = row(log.connectionId, log.at);
    entry.attempts = Number(entry.attempts) + 1;
    if (log.outcome === "succeeded") entry.successes = Number(entry.successes) + 1;
    if (log.outcome === "failed") entry.failures = Number(entry.failures) + 1;
    if (log.outcome === "retrying") entry.retries = Number(entry.retries) + 1;
    if (log.outcome === "failed" || log.outcome === "retrying") {
      const reasons = entry.failuresByReason as Record<string, number>;
      const reason = log.errorCode ?? "unknown";
      reasons[reason] = (reasons[reason] ?? 0) + 1;
    }
    const histogram = entry.histogram as number[];
    const bucket = latencyBucket(log.durationMs);
    histogram[bucket] = (histogram[bucket] ?? 0) + 1;
    entry.durations.push(log.durationMs);
  }
  for (const hook of hooks) {
    const entry = row(hook.connectionId, hook.at);
    entry.webhooksReceived = Number(entry.webhooksReceived) + 1;
    if (hook.status === "failed") entry.webhooksFailed = Number(entry.webhooksFailed) + 1;
  }
  for (const line of oversoldLines) {
    if (line.oversold === 0) continue;
    const entry = row(line.connectionId, line.at);
    entry.oversold = Number(entry.oversold) + 1;
  }
  return [...rows.values()].map(({ durations, ...entry }) => ({
    ...entry,
    latencyP50: nearestRank(durations, 0.5),
    latencyP95: nearestRank(durations, 0.95),
  }));
}

async function healthRows(shops: string[]) {
  return sqlRows<Record<string, unknown>>(
    orm.em.fork(),
    `select connection_id::text as "connectionId", to_char(hour at time zone 'UTC', 'YYYY-MM-DD"T"HH24:00:00.000"Z"') as hour,
            attempts, successes, failures, retries, failures_by_reason as "failuresByReason", latency_histogram as histogram,
            webhooks_received as "webhooksReceived", webhooks_failed as "webhooksFailed", oversold, latency_p50 as "latencyP50", latency_p95 as "latencyP95"
       from sync_health_hourly where connection_id = any($1::uuid[])`,
    [shops],
  );
}

describe("sync health rollup", () => {
  it("equals the direct computation over sync_log, webhook_event and oversold order lines, including a late log row and a late oversold line", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(logArb, { minLength: 1, maxLength: 30 }),
        fc.array(webhookArb, { maxLength: 10 }),
        fc.array(logArb, { minLength: 1, maxLength: 3 }),
        fc.array(oversoldArb, { maxLength: 8 }),
        async (logArbs, hookArbs, lateArbs, oversoldArbs) => {
          const shops = [await connection("SG"), await connection("US")];
          // These rows are history from before the first run (stamped hours ago): start from scratch.
          await sqlRows(orm.em.fork(), `delete from rollup_state where name = 'sync_health'`);
          const start = Date.now() - 4 * 3_600_000;
          const logs: Log[] = [];
          const insertLogs = async (entries: LogInput[], at: (offset: number) => Date) => {
            for (const entry of entries) {
              const log = {
                connectionId: shops[entry.shop] ?? "",
                outcome: entry.outcome,
                durationMs: entry.durationMs,
                errorCode: entry.errorCode,
                at: at(entry.offsetMinutes),
              };
              logs.push(log);
              await sqlRows(
                orm.em.fork(),
                `insert into sync_log (id, organization_id, connection_id, operation, outcome, attempt, duration_ms, error_code, created_at)
                 values (gen_random_uuid(), $1, $2, 'price', $3, 1, $4, $5, $6)`,
                [org, log.connectionId, log.outcome, log.durationMs, log.errorCode, log.at],
              );
            }
          };
          await insertLogs(logArbs, (offset) => new Date(start + offset * 60_000));
          const hooks = [];
          for (const hook of hookArbs) {
            const entry = {
              connectionId: shops[hook.shop] ?? "",
              status: hook.status,
              at: new Date(start + hook.offsetMinutes * 60_000),
            };
            hooks.push(entry);
            await sqlRows(
              orm.em.fork(),
              `insert into webhook_event (id, organization_id, connection_id, platform, event_key, event_type, body, status, received_at)
               values (gen_random_uuid(), $1, $2, 'shopee', gen_random_uuid()::text, '3', '{}', $3, $4)`,
              [org, entry.connectionId, entry.status, entry.at],
            );
          }
          const lines: { connectionId: string; oversold: number; at: Date }[] = [];
          const insertOrderLine = async (entry: { shop: number; oversold: number }, at: Date) => {
            const line = { connectionId: shops[entry.shop] ?? "", oversold: entry.oversold, at };
            lines.push(line);
            const [order] = await sqlRows<{ id: string }>(
              orm.em.fork(),
              `insert into channel_order (id, organization_id, connection_id, external_order_id, status, currency, placed_at, created_at, updated_at)
               values (gen_random_uuid(), $1, $2, gen_random_uuid()::text, 'paid', 'SGD', $3, now(), now()) returning id::text`,
              [org, line.connectionId, at],
            );
            await sqlRows(
              orm.em.fork(),
              `insert into channel_order_line (id, organization_id, order_id, line_key, sku, quantity, unit_price, effect,
                                               committed_quantity, oversold_quantity, effect_at)
               values (gen_random_uuid(), $1, $2, 'k', 'SKU', 3, 100, 'committed', 3 - $3::int, $3::int, now())`,
              [org, order?.id, line.oversold],
            );
          };
          for (const entry of oversoldArbs)
            await insertOrderLine(entry, new Date(start + entry.offsetMinutes * 60_000));
          await rollupSyncHealth(orm.em);
          expect(sortBy(await healthRows(shops))).toEqual(sortBy(expectedHealth(logs, hooks, lines)));
          // Late rows: committed after the run but stamped a minute before it (a long transaction).
          await insertLogs(lateArbs, () => new Date(Date.now() - 60_000));
          // An order placed hours ago that oversells only now (linked late): its placed hour is recomputed.
          await insertOrderLine({ shop: 0, oversold: 2 }, new Date(start + 30 * 60_000));
          await rollupSyncHealth(orm.em);
          await rollupSyncHealth(orm.em);
          expect(sortBy(await healthRows(shops))).toEqual(sortBy(expectedHealth(logs, hooks, lines)));
        },
      ),
      { numRuns: 10 },
    );
  }, 120_000);
});
