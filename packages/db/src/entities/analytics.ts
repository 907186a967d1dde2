import { randomUUID } from "node:crypto";
import { defineEntity, p, type InferEntity } from "@mikro-orm/core";
import { Organization } from "./auth";
import { Product, Variant } from "./catalog";
import { ChannelConnection } from "./channel-connection";

const organization = () => p.manyToOne(Organization).mapToPk().fieldName("organization_id").deleteRule("cascade");
const connection = () => p.manyToOne(ChannelConnection).mapToPk().fieldName("connection_id").deleteRule("cascade");
const uuid = () =>
  p
    .uuid()
    .primary()
    .onCreate(() => randomUUID());

export const analyticsPullStatuses = ["idle", "running", "succeeded", "failed"] as const;
export type AnalyticsPullStatus = (typeof analyticsPullStatuses)[number];

/**
 * Where the daily performance pull of one shop got to. A run records its progress after every
 * page (`cursor`), so a run that stops (rate limit, crash, deploy) resumes there; `completeThrough`
 * is the last shop-local date fully stored (TikTok), the next run starts the day after.
 */
export interface AnalyticsPullCursor {
  /** The range the current run is filling ([from, to), shop-local dates). */
  range: { from: string; to: string } | null;
  phase: "shop" | "products" | "skus" | "snapshots" | "done";
  /** Last product id done in the `products` / `snapshots` phase (ids are processed sorted). */
  afterProductId: string | null;
  /** Day and page of the `skus` phase. */
  day: string | null;
  pageToken: string | null;
}

export const AnalyticsPull = defineEntity({
  name: "AnalyticsPull",
  tableName: "analytics_pull",
  uniques: [{ properties: ["connectionId"] }],
  properties: {
    id: uuid(),
    organizationId: organization(),
    connectionId: connection,
    status: p.enum(analyticsPullStatuses).default("idle"),
    cursor: p.json<AnalyticsPullCursor>().nullable(),
    completeThrough: p.string().columnType("date").nullable(),
    /** TikTok `latest_available_date` as last reported. */
    latestAvailableDate: p.string().columnType("date").nullable(),
    /** Platform calls made and rate-limit answers received by the last run. */
    calls: p.integer().default(0),
    rateLimited: p.integer().default(0),
    startedAt: p.datetime().nullable(),
    finishedAt: p.datetime().nullable(),
    error: p.string().columnType("text").nullable(),
    updatedAt: p
      .datetime()
      .defaultRaw("now()")
      .onCreate(() => new Date())
      .onUpdate(() => new Date()),
  },
});
export type AnalyticsPull = InferEntity<typeof AnalyticsPull>;

/** Shopee `get_item_extra_info` counters, the first reading of each shop-local day per item. */
export const ItemMetricSnapshot = defineEntity({
  name: "ItemMetricSnapshot",
  tableName: "item_metric_snapshot",
  uniques: [{ properties: ["connectionId", "externalProductId", "snapshotDate"] }],
  properties: {
    id: uuid(),
    organizationId: organization(),
    connectionId: connection,
    externalProductId: p.string().columnType("text"),
    snapshotDate: p.string().columnType("date"),
    takenAt: p.datetime().defaultRaw("now()"),
    sales: p.bigint("number"),
    views: p.bigint("number"),
    likes: p.bigint("number"),
    ratingStar: p.double(),
    commentCount: p.bigint("number"),
  },
});
export type ItemMetricSnapshot = InferEntity<typeof ItemMetricSnapshot>;

export const productMetricSources = ["tiktok_analytics", "shopee_snapshot_diff"] as const;

/**
 * Marketplace performance per shop-local day: per SKU (`externalVariantId` set), per product
 * (`externalVariantId` empty) or for the whole shop (both empty). TikTok rows are the platform's
 * own daily figures; Shopee rows are differences of consecutive daily snapshots (`derived`).
 */
export const ProductMetricDaily = defineEntity({
  name: "ProductMetricDaily",
  tableName: "product_metric_daily",
  uniques: [{ properties: ["connectionId", "externalProductId", "externalVariantId", "date"] }],
  indexes: [{ properties: ["organizationId", "date"] }],
  properties: {
    id: uuid(),
    organizationId: organization(),
    connectionId: connection,
    externalProductId: p.string().columnType("text").default(""),
    externalVariantId: p.string().columnType("text").default(""),
    date: p.string().columnType("date"),
    orders: p.integer().nullable(),
    unitsSold: p.integer().nullable(),
    /** GMV in minor units of `currency`. */
    gmv: p.bigint("number").nullable(),
    currency: p.string().columnType("text").nullable(),
    pageViews: p.integer().nullable(),
    impressions: p.integer().nullable(),
    likes: p.integer().nullable(),
    source: p.enum(productMetricSources),
    derived: p.boolean().default(false),
    fetchedAt: p.datetime().defaultRaw("now()"),
  },
});
export type ProductMetricDaily = InferEntity<typeof ProductMetricDaily>;

/**
 * Sales rollup per order-line key (the matched variant, else the SKU) per shop per shop-local day
 * of the order's creation. Amounts in minor units of the shop's currency (`currency`).
 */
export const SalesDaily = defineEntity({
  name: "SalesDaily",
  tableName: "sales_daily",
  uniques: [{ properties: ["connectionId", "day", "lineKey", "currency"] }],
  // (variant, day): the sales period rollup recomputes the variants a run touched.
  indexes: [{ properties: ["organizationId", "day"] }, { properties: ["variantId", "day"] }],
  properties: {
    id: uuid(),
    organizationId: organization(),
    connectionId: connection,
    day: p.string().columnType("date"),
    /** `v:<variant id>` when matched, else `s:<sku>`, else `x:<external product>/<external variant>`. */
    lineKey: p.string().columnType("text"),
    variantId: () => p.manyToOne(Variant).mapToPk().nullable().fieldName("variant_id").deleteRule("set null"),
    sku: p.string().columnType("text").nullable(),
    currency: p.string().columnType("text"),
    orders: p.integer().default(0),
    validOrders: p.integer().default(0),
    units: p.integer().default(0),
    validUnits: p.integer().default(0),
    revenue: p.bigint("number").default(0),
    cancelledUnits: p.integer().default(0),
    refundedUnits: p.integer().default(0),
  },
});
export type SalesDaily = InferEntity<typeof SalesDaily>;

/** Sales rollup per shop per hour (UTC) of the order's creation; amounts as in `sales_daily`. */
export const SalesHourly = defineEntity({
  name: "SalesHourly",
  tableName: "sales_hourly",
  uniques: [{ properties: ["connectionId", "hour", "currency"] }],
  indexes: [{ properties: ["organizationId", "hour"] }],
  properties: {
    id: uuid(),
    organizationId: organization(),
    connectionId: connection,
    hour: p.datetime(),
    /** The shop-local date of the hour (the order's creation date in the shop's zone). */
    day: p.string().columnType("date"),
    currency: p.string().columnType("text"),
    orders: p.integer().default(0),
    validOrders: p.integer().default(0),
    cancelledOrders: p.integer().default(0),
    refundedOrders: p.integer().default(0),
    units: p.integer().default(0),
    revenue: p.bigint("number").default(0),
  },
});
export type SalesHourly = InferEntity<typeof SalesHourly>;

/**
 * Sync health per shop per hour (UTC) from `sync_log` and `webhook_event`: push attempts and their
 * outcomes, failures by error code, push latency (exact p50/p95 of the hour, and a histogram so
 * any range's percentiles can be read without the raw logs), webhooks and oversold incidents.
 */
export const SyncHealthHourly = defineEntity({
  name: "SyncHealthHourly",
  tableName: "sync_health_hourly",
  uniques: [{ properties: ["connectionId", "hour"] }],
  indexes: [{ properties: ["organizationId", "hour"] }],
  properties: {
    id: uuid(),
    organizationId: organization(),
    connectionId: connection,
    hour: p.datetime(),
    attempts: p.integer().default(0),
    successes: p.integer().default(0),
    failures: p.integer().default(0),
    retries: p.integer().default(0),
    failuresByReason: p.json<Record<string, number>>().default("{}"),
    latencyP50: p.integer().nullable(),
    latencyP95: p.integer().nullable(),
    /** Counts of push durations per bucket of `latencyBucketsMs` (upper bounds). */
    latencyHistogram: p.json<number[]>().default("[]"),
    webhooksReceived: p.integer().default(0),
    webhooksFailed: p.integer().default(0),
    oversold: p.integer().default(0),
  },
});
export type SyncHealthHourly = InferEntity<typeof SyncHealthHourly>;

/** The Analytics page's range presets (days ending yesterday), which `sales_period_*` precompute. */
export const salesPeriodPresets = [7, 30, 90, 365] as const;

/**
 * Which shops a `sales_period_*` row sums: `all` (the organization's shops not disconnected) or one
 * connection's id (kept only while the organization has more than one such shop).
 */
export const SALES_PERIOD_ALL_SHOPS = "all";

/**
 * Sales per variant over one preset period (the last `periodDays` days through `through` of
 * `sales_period_state`) across the shops of its `scope`: what Stock health ranks, read from an index
 * instead of summing a year of `sales_daily` rows per request. Revenue per currency (valid orders).
 */
export const SalesPeriodVariant = defineEntity({
  name: "SalesPeriodVariant",
  tableName: "sales_period_variant",
  uniques: [{ properties: ["organizationId", "periodDays", "scope", "variantId"] }],
  indexes: [
    {
      // Stock health's order (most units, then SKU): its first 5000 rows straight off the index.
      name: "sales_period_variant_rank_index",
      expression: `create index "sales_period_variant_rank_index" on "sales_period_variant" ("organization_id", "period_days", "scope", "units" desc, "sku")`,
    },
    // Moved variants, renamed SKUs and deleted variants are looked up by variant.
    { properties: ["variantId"] },
  ],
  properties: {
    id: uuid(),
    organizationId: organization(),
    periodDays: p.integer(),
    scope: p.string().columnType("text").default(SALES_PERIOD_ALL_SHOPS),
    variantId: () => p.manyToOne(Variant).mapToPk().fieldName("variant_id").deleteRule("cascade"),
    /**
     * The variant's product when summed: a run that finds the variant under another product
     * recomputes both products' rows (a move changes no sales_daily row).
     */
    productId: p.uuid().nullable(),
    /** The variant's SKU, for the order only (kept current by every rollup run; pages show the live one). */
    sku: p.string().columnType("text"),
    units: p.integer().default(0),
    revenues: p.json<{ currency: string; revenue: number }[]>().default("[]"),
  },
});
export type SalesPeriodVariant = InferEntity<typeof SalesPeriodVariant>;

/** Sales per product per currency over one preset period, as `sales_period_variant` (Products ranks these). */
export const SalesPeriodProduct = defineEntity({
  name: "SalesPeriodProduct",
  tableName: "sales_period_product",
  uniques: [{ properties: ["organizationId", "periodDays", "scope", "productId", "currency"] }],
  indexes: [{ properties: ["organizationId", "periodDays", "scope", "revenue"] }],
  properties: {
    id: uuid(),
    organizationId: organization(),
    periodDays: p.integer(),
    scope: p.string().columnType("text").default(SALES_PERIOD_ALL_SHOPS),
    productId: () => p.manyToOne(Product).mapToPk().fieldName("product_id").deleteRule("cascade"),
    currency: p.string().columnType("text"),
    units: p.integer().default(0),
    revenue: p.bigint("number").default(0),
  },
});
export type SalesPeriodProduct = InferEntity<typeof SalesPeriodProduct>;

/**
 * What the `sales_period_*` rows of one organization and preset cover: the shop-local days
 * `through − periodDays + 1 … through` (`through` = yesterday in the organization's time zone when
 * refreshed) of the shops in `shops` (its connections not disconnected, sorted). A request uses the
 * rows only when its range and shops are exactly these.
 */
export const SalesPeriodState = defineEntity({
  name: "SalesPeriodState",
  tableName: "sales_period_state",
  uniques: [{ properties: ["organizationId", "periodDays", "scope"] }],
  properties: {
    id: uuid(),
    organizationId: organization(),
    periodDays: p.integer(),
    scope: p.string().columnType("text").default(SALES_PERIOD_ALL_SHOPS),
    through: p.string().columnType("date"),
    shops: p.array().columnType("text[]").default([]),
    refreshedAt: p.datetime().defaultRaw("now()"),
  },
});
export type SalesPeriodState = InferEntity<typeof SalesPeriodState>;

/** How far each rollup has read its sources (one row per rollup name; system table). */
export const RollupState = defineEntity({
  name: "RollupState",
  tableName: "rollup_state",
  properties: {
    name: p.string().columnType("text").primary(),
    watermark: p.datetime(),
    runs: p.integer().default(0),
    lastRunAt: p.datetime().nullable(),
  },
});
export type RollupState = InferEntity<typeof RollupState>;

/** Tenant tables of the analytics capability (RollupState is a system table). */
export const analyticsTenantEntities = [
  AnalyticsPull,
  ItemMetricSnapshot,
  ProductMetricDaily,
  SalesDaily,
  SalesHourly,
  SyncHealthHourly,
  SalesPeriodVariant,
  SalesPeriodProduct,
  SalesPeriodState,
];
export const analyticsEntities = [...analyticsTenantEntities, RollupState];
