import {
  formatListingPriceRule,
  formatMinor,
  listingPrice,
  type CsvValue,
  type ListingPriceRule,
} from "@syncstore/domain";
import { z } from "zod";

/**
 * The predefined reports. Each is one SQL query over the organization's rows (bound parameters:
 * $1 organization, $2 from, $3 to (exclusive), $4 shop ids, empty for every shop) and a mapping
 * from a row to its CSV cells. Which report a member may run follows the permission of the page
 * showing the same data.
 */
export const reportFiltersSchema = z
  .object({
    from: z.iso.date().optional(),
    to: z.iso.date().optional(),
    shops: z.array(z.uuid()).max(50).default([]),
  })
  .refine((value) => !value.from || !value.to || value.from <= value.to, {
    path: ["to"],
    message: "The end date must not be before the start date",
  });
export type ReportFilters = z.infer<typeof reportFiltersSchema>;

type Row = Record<string, unknown>;

/** The permission (as in `@syncstore/auth/permissions`) a member needs to run a report. */
export type ReportPermission =
  "catalog:read" | "inventory:read" | "report:read" | "sync:read" | "webhook:read" | "conflict:read" | "audit:read";

export interface ReportDefinition {
  id: string;
  title: string;
  description: string;
  permission: ReportPermission;
  /** Whether the date and shop filters apply. */
  dated: boolean;
  shops: boolean;
  headers: (currency: string) => string[];
  sql: string;
  cells: (row: Row, currency: string) => CsvValue[];
  /** A table another capability adds; until it exists the report has its header only. */
  requiresTable?: string;
}

const asText = (value: unknown): string | null => (value === null || value === undefined ? null : String(value));
const asNumber = (value: unknown): number | null => (value === null || value === undefined ? null : Number(value));
const asMoney = (value: unknown, currency: string): string | null =>
  value === null || value === undefined ? null : formatMinor(Number(value), currency);

/** A cell from a row and the organization's currency. */
type Cell = (row: Row, currency: string) => CsvValue;
/** A column: its header (a function of the organization's currency when it names it) and its cell. */
type Column = readonly [header: string | ((currency: string) => string), cell: Cell];

/** Headers and cells of a report from one list of columns, so they never drift apart. */
function table(columns: readonly Column[]): Pick<ReportDefinition, "headers" | "cells"> {
  return {
    headers: (currency) => columns.map(([header]) => (typeof header === "string" ? header : header(currency))),
    cells: (row, currency) => columns.map(([, cell]) => cell(row, currency)),
  };
}

const text =
  (key: string): Cell =>
  (row) =>
    asText(row[key]);
const num =
  (key: string): Cell =>
  (row) =>
    asNumber(row[key]);
const date =
  (key: string): Cell =>
  (row) =>
    row[key] === null || row[key] === undefined ? null : new Date(String(row[key]));
/** An amount in the organization's currency. */
const money =
  (key: string): Cell =>
  (row, currency) =>
    asMoney(row[key], currency);
/** The row's own currency (orders and sales are in the shop's), and amounts in it. */
const rowCurrency = (row: Row): string => asText(row.currency) ?? "XXX";
const rowMoney =
  (key: string): Cell =>
  (row) =>
    asMoney(row[key], rowCurrency(row));
/** A header naming the organization's currency: `Price (SGD)`. */
const priced = (label: string) => (currency: string) => `${label} (${currency})`;
const ruleOf = (row: Row) => (row.price_rule ?? null) as ListingPriceRule | null;
const expectedPrice = (row: Row, currency: string) => listingPrice(Number(row.price), ruleOf(row), currency);
const shopFilter = (column: string) => `(cardinality($4::uuid[]) = 0 or ${column} = any($4::uuid[]))`;
const dateFilter = (column: string) =>
  `($2::timestamptz is null or ${column} >= $2::timestamptz) and ($3::timestamptz is null or ${column} < $3::timestamptz)`;

export const reportDefinitions: ReportDefinition[] = [
  {
    id: "catalog",
    title: "Catalog",
    description: "Every variant with its product, prices, cost and stock",
    permission: "catalog:read",
    dated: false,
    shops: false,
    ...table([
      ["SKU", text("sku")],
      ["Product", text("title")],
      ["Brand", text("brand")],
      ["Status", text("status")],
      [priced("Price"), money("price")],
      [priced("Cost"), money("cost")],
      ["On hand", num("on_hand")],
      ["Reserved", num("reserved")],
      ["Updated", date("updated_at")],
    ]),
    sql: `select v.sku, p.title, p.brand, p.status, v.price, v.cost, sl.on_hand, sl.reserved, v.updated_at
            from variant v join product p on p.id = v.product_id left join stock_level sl on sl.variant_id = v.id
           where v.organization_id = $1
           order by v.sku`,
  },
  {
    id: "inventory-valuation",
    title: "Inventory valuation (at cost)",
    description: "Units on hand × cost per variant",
    permission: "inventory:read",
    dated: false,
    shops: false,
    ...table([
      ["SKU", text("sku")],
      ["Product", text("title")],
      ["On hand", num("on_hand")],
      ["Reserved", num("reserved")],
      [priced("Cost"), money("cost")],
      [priced("Value at cost"), money("value")],
    ]),
    sql: `select v.sku, p.title, coalesce(sl.on_hand, 0) as on_hand, coalesce(sl.reserved, 0) as reserved, v.cost,
                 case when v.cost is null then null else coalesce(sl.on_hand, 0) * v.cost end as value
            from variant v join product p on p.id = v.product_id left join stock_level sl on sl.variant_id = v.id
           where v.organization_id = $1
           order by v.sku`,
  },
  {
    id: "stock-movements",
    title: "Stock movements",
    description: "Every change of stock with its reason, before and after",
    permission: "inventory:read",
    dated: true,
    shops: false,
    ...table([
      ["When", date("at")],
      ["SKU", text("sku")],
      ["Change", num("delta")],
      ["Before", num("before")],
      ["After", num("after")],
      ["Reason", text("reason")],
      ["Source", text("source_ref")],
    ]),
    sql: `select m.at, v.sku, m.delta, m.before, m.after, m.reason, m.source_ref
            from inventory_movement m left join variant v on v.id = m.variant_id
           where m.organization_id = $1 and ${dateFilter("m.at")}
           order by m.at, m.id`,
  },
  {
    id: "orders",
    title: "Orders",
    description: "Order lines from every shop with status and amounts in the shop's currency",
    permission: "report:read",
    dated: true,
    shops: true,
    ...table([
      ["Placed", date("placed")],
      ["Shop", text("shop")],
      ["Order", text("external_order_id")],
      ["Status", text("status")],
      ["Currency", rowCurrency],
      ["SKU", text("sku")],
      ["Quantity", num("quantity")],
      ["Unit price", rowMoney("unit_price")],
      [
        "Line total",
        (r) => (r.unit_price === null ? null : asMoney(Number(r.unit_price) * Number(r.quantity), rowCurrency(r))),
      ],
    ]),
    sql: `select coalesce(o.placed_at, o.created_at) as placed, c.name as shop, o.external_order_id, o.status, o.currency,
                 l.sku, l.quantity, l.unit_price
            from channel_order o join channel_connection c on c.id = o.connection_id
            join channel_order_line l on l.order_id = o.id
           where o.organization_id = $1 and ${dateFilter("coalesce(o.placed_at, o.created_at)")} and ${shopFilter("o.connection_id")}
           order by coalesce(o.placed_at, o.created_at), o.id, l.id`,
  },
  {
    id: "sales-by-sku",
    title: "Sales by SKU and shop",
    description: "Valid orders, units and revenue per SKU per shop (from the daily rollup)",
    permission: "report:read",
    dated: true,
    shops: true,
    ...table([
      ["Shop", text("shop")],
      ["SKU", text("sku")],
      ["Currency", rowCurrency],
      ["Orders", num("orders")],
      ["Valid orders", num("valid_orders")],
      ["Units", num("units")],
      ["Revenue", rowMoney("revenue")],
      ["Cancelled units", num("cancelled")],
      ["Refunded units", num("refunded")],
    ]),
    sql: `select c.name as shop, coalesce(v.sku, s.sku, s.line_key) as sku, s.currency, sum(s.orders) as orders,
                 sum(s.valid_orders) as valid_orders, sum(s.valid_units) as units, sum(s.revenue) as revenue,
                 sum(s.cancelled_units) as cancelled, sum(s.refunded_units) as refunded
            from sales_daily s join channel_connection c on c.id = s.connection_id left join variant v on v.id = s.variant_id
           where s.organization_id = $1 and ($2::timestamptz is null or s.day >= $2::date) and ($3::timestamptz is null or s.day < $3::date)
             and ${shopFilter("s.connection_id")}
           group by 1, 2, 3 order by 1, 2`,
  },
  {
    id: "product-performance",
    title: "Product performance",
    description: "Marketplace views, impressions, units and GMV per product per day (Shopee days derived)",
    permission: "report:read",
    dated: true,
    shops: true,
    ...table([
      ["Date", text("date")],
      ["Shop", text("shop")],
      ["Product id", text("external_product_id")],
      ["SKU id", text("external_variant_id")],
      ["Page views", num("page_views")],
      ["Impressions", num("impressions")],
      ["Units sold", num("units_sold")],
      ["Orders", num("orders")],
      ["GMV", rowMoney("gmv")],
      ["Currency", text("currency")],
      ["Source", text("source")],
      ["Derived", (r) => r.derived === true],
    ]),
    sql: `select m.date, c.name as shop, m.external_product_id, m.external_variant_id, m.page_views, m.impressions, m.units_sold,
                 m.orders, m.gmv, m.currency, m.source, m.derived
            from product_metric_daily m join channel_connection c on c.id = m.connection_id
           where m.organization_id = $1 and ($2::timestamptz is null or m.date >= $2::date) and ($3::timestamptz is null or m.date < $3::date)
             and ${shopFilter("m.connection_id")}
           order by m.date, c.name, m.external_product_id, m.external_variant_id`,
  },
  {
    id: "pricing-inconsistencies",
    title: "Pricing inconsistencies",
    description: "Listings of variants on several shops: the price each shop shows against its channel rule",
    permission: "report:read",
    dated: false,
    shops: true,
    ...table([
      ["SKU", text("sku")],
      ["Product", text("title")],
      ["Shop", text("shop")],
      [priced("Master price"), money("price")],
      ["Channel rule", (r, c) => formatListingPriceRule(ruleOf(r), c) || "Master price"],
      [priced("Price by rule"), (r, c) => asMoney(expectedPrice(r, c), c)],
      [priced("Shop shows"), money("shown")],
      [
        priced("Difference"),
        (r, c) => {
          const expected = expectedPrice(r, c);
          const shown = asNumber(r.shown);
          return expected === null || shown === null ? null : asMoney(shown - expected, c);
        },
      ],
    ]),
    sql: `select v.sku, p.title, c.name as shop, v.price, l.price_rule,
                 coalesce((l.channel_state ->> 'price')::float8, (l.last_synced ->> 'price')::float8) as shown
            from listing l join variant v on v.id = l.variant_id join product p on p.id = v.product_id
            join channel_connection c on c.id = l.connection_id
           where l.organization_id = $1 and l.enabled
             and ${shopFilter("l.connection_id")}
             and l.variant_id in (select variant_id from listing where organization_id = $1 and enabled and variant_id is not null
                                   group by variant_id having count(distinct connection_id) > 1)
           order by v.sku, c.name`,
  },
  {
    id: "sync-log",
    title: "Sync log",
    description: "Every push to a shop with its outcome, attempt, duration and error",
    permission: "sync:read",
    dated: true,
    shops: true,
    ...table([
      ["When", date("created_at")],
      ["Shop", text("shop")],
      ["Operation", text("operation")],
      ["Outcome", text("outcome")],
      ["Attempt", num("attempt")],
      ["Duration (ms)", num("duration_ms")],
      ["Error code", text("error_code")],
      ["Error", text("error")],
      ["Request id", text("request_id")],
    ]),
    sql: `select s.created_at, c.name as shop, s.operation, s.outcome, s.attempt, s.duration_ms, s.error_code, s.error, s.request_id
            from sync_log s join channel_connection c on c.id = s.connection_id
           where s.organization_id = $1 and ${dateFilter("s.created_at")} and ${shopFilter("s.connection_id")}
           order by s.created_at, s.id`,
  },
  {
    id: "webhook-log",
    title: "Webhook log",
    description: "Every marketplace webhook received, with its processing status",
    permission: "webhook:read",
    dated: true,
    shops: true,
    ...table([
      ["Received", date("received_at")],
      ["Platform", text("platform")],
      ["Shop", text("shop")],
      ["Type", text("event_type")],
      ["Event key", text("event_key")],
      ["Status", text("status")],
      ["Attempts", num("attempts")],
      ["Duplicates", num("duplicates")],
      ["Processed", date("processed_at")],
      ["Error", text("error")],
    ]),
    sql: `select w.received_at, w.platform, c.name as shop, w.event_type, w.event_key, w.status, w.attempts, w.duplicates, w.processed_at, w.error
            from webhook_event w left join channel_connection c on c.id = w.connection_id
           where w.organization_id = $1 and ${dateFilter("w.received_at")} and ${shopFilter("w.connection_id")}
           order by w.received_at, w.id`,
  },
  {
    id: "conflicts",
    title: "Conflicts",
    description: "Values changed both here and on a shop, and how they were resolved",
    permission: "conflict:read",
    dated: true,
    shops: true,
    requiresTable: "conflict",
    ...table([
      ["Detected", date("detected_at")],
      ["Shop", text("shop")],
      ["SKU", text("sku")],
      ["Field group", text("field_group")],
      ["Status", text("status")],
      ["Resolution", text("resolution")],
      ["Base", text("base")],
      ["Master value", text("master")],
      ["Channel value", text("channel")],
      ["Resolved", date("resolved_at")],
    ]),
    sql: `select k.detected_at, c.name as shop, v.sku, k.field_group, k.status, k.resolution, k.base::text as base,
                 k.master::text as master, k.channel::text as channel, k.resolved_at
            from conflict k join channel_connection c on c.id = k.connection_id left join variant v on v.id = k.variant_id
           where k.organization_id = $1 and ${dateFilter("k.detected_at")} and ${shopFilter("k.connection_id")}
           order by k.detected_at, k.id`,
  },
  {
    id: "audit-log",
    title: "Audit log",
    description: "Every change made in SyncStore: who, what and when",
    permission: "audit:read",
    dated: true,
    shops: false,
    ...table([
      ["When", date("created_at")],
      ["Actor", text("actor")],
      ["Action", text("action")],
      ["Entity", text("entity")],
      ["Entity id", text("entity_id")],
      ["IP", text("ip")],
      ["Request id", text("request_id")],
    ]),
    sql: `select a.created_at, u.email as actor, a.action, a.entity, a.entity_id, a.ip, a.request_id
            from audit_log a left join "user" u on u.id = a.actor_id
           where a.organization_id = $1 and ${dateFilter("a.created_at")}
           order by a.created_at, a.id`,
  },
];

export const reportIds = reportDefinitions.map((report) => report.id) as [string, ...string[]];

export function reportById(id: string): ReportDefinition | undefined {
  return reportDefinitions.find((report) => report.id === id);
}
