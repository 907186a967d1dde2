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

const text = (value: unknown): string | null => (value === null || value === undefined ? null : String(value));
const num = (value: unknown): number | null => (value === null || value === undefined ? null : Number(value));
const date = (value: unknown): Date | null => (value === null || value === undefined ? null : new Date(String(value)));
const money = (value: unknown, currency: string): string | null =>
  value === null || value === undefined ? null : formatMinor(Number(value), currency);
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
    headers: (c) => [
      "SKU",
      "Product",
      "Brand",
      "Status",
      `Price (${c})`,
      `Cost (${c})`,
      "On hand",
      "Reserved",
      "Updated",
    ],
    sql: `select v.sku, p.title, p.brand, p.status, v.price, v.cost, sl.on_hand, sl.reserved, v.updated_at
            from variant v join product p on p.id = v.product_id left join stock_level sl on sl.variant_id = v.id
           where v.organization_id = $1
           order by v.sku`,
    cells: (r, c) => [
      text(r.sku),
      text(r.title),
      text(r.brand),
      text(r.status),
      money(r.price, c),
      money(r.cost, c),
      num(r.on_hand),
      num(r.reserved),
      date(r.updated_at),
    ],
  },
  {
    id: "inventory-valuation",
    title: "Inventory valuation (at cost)",
    description: "Units on hand × cost per variant",
    permission: "inventory:read",
    dated: false,
    shops: false,
    headers: (c) => ["SKU", "Product", "On hand", "Reserved", `Cost (${c})`, `Value at cost (${c})`],
    sql: `select v.sku, p.title, coalesce(sl.on_hand, 0) as on_hand, coalesce(sl.reserved, 0) as reserved, v.cost,
                 case when v.cost is null then null else coalesce(sl.on_hand, 0) * v.cost end as value
            from variant v join product p on p.id = v.product_id left join stock_level sl on sl.variant_id = v.id
           where v.organization_id = $1
           order by v.sku`,
    cells: (r, c) => [text(r.sku), text(r.title), num(r.on_hand), num(r.reserved), money(r.cost, c), money(r.value, c)],
  },
  {
    id: "stock-movements",
    title: "Stock movements",
    description: "Every change of stock with its reason, before and after",
    permission: "inventory:read",
    dated: true,
    shops: false,
    headers: () => ["When", "SKU", "Change", "Before", "After", "Reason", "Source"],
    sql: `select m.at, v.sku, m.delta, m.before, m.after, m.reason, m.source_ref
            from inventory_movement m left join variant v on v.id = m.variant_id
           where m.organization_id = $1 and ${dateFilter("m.at")}
           order by m.at, m.id`,
    cells: (r) => [
      date(r.at),
      text(r.sku),
      num(r.delta),
      num(r.before),
      num(r.after),
      text(r.reason),
      text(r.source_ref),
    ],
  },
  {
    id: "orders",
    title: "Orders",
    description: "Order lines from every shop with status and amounts in the shop's currency",
    permission: "report:read",
    dated: true,
    shops: true,
    headers: () => ["Placed", "Shop", "Order", "Status", "Currency", "SKU", "Quantity", "Unit price", "Line total"],
    sql: `select coalesce(o.placed_at, o.created_at) as placed, c.name as shop, o.external_order_id, o.status, o.currency,
                 l.sku, l.quantity, l.unit_price
            from channel_order o join channel_connection c on c.id = o.connection_id
            join channel_order_line l on l.order_id = o.id
           where o.organization_id = $1 and ${dateFilter("coalesce(o.placed_at, o.created_at)")} and ${shopFilter("o.connection_id")}
           order by coalesce(o.placed_at, o.created_at), o.id, l.id`,
    cells: (r) => {
      const currency = text(r.currency) ?? "XXX";
      const unit = num(r.unit_price);
      return [
        date(r.placed),
        text(r.shop),
        text(r.external_order_id),
        text(r.status),
        currency,
        text(r.sku),
        num(r.quantity),
        unit === null ? null : formatMinor(unit, currency),
        unit === null ? null : formatMinor(unit * Number(r.quantity), currency),
      ];
    },
  },
  {
    id: "sales-by-sku",
    title: "Sales by SKU and shop",
    description: "Valid orders, units and revenue per SKU per shop (from the daily rollup)",
    permission: "report:read",
    dated: true,
    shops: true,
    headers: () => [
      "Shop",
      "SKU",
      "Currency",
      "Orders",
      "Valid orders",
      "Units",
      "Revenue",
      "Cancelled units",
      "Refunded units",
    ],
    sql: `select c.name as shop, coalesce(v.sku, s.sku, s.line_key) as sku, s.currency, sum(s.orders) as orders,
                 sum(s.valid_orders) as valid_orders, sum(s.valid_units) as units, sum(s.revenue) as revenue,
                 sum(s.cancelled_units) as cancelled, sum(s.refunded_units) as refunded
            from sales_daily s join channel_connection c on c.id = s.connection_id left join variant v on v.id = s.variant_id
           where s.organization_id = $1 and ($2::timestamptz is null or s.day >= $2::date) and ($3::timestamptz is null or s.day < $3::date)
             and ${shopFilter("s.connection_id")}
           group by 1, 2, 3 order by 1, 2`,
    cells: (r) => {
      const currency = text(r.currency) ?? "XXX";
      return [
        text(r.shop),
        text(r.sku),
        currency,
        num(r.orders),
        num(r.valid_orders),
        num(r.units),
        money(r.revenue, currency),
        num(r.cancelled),
        num(r.refunded),
      ];
    },
  },
  {
    id: "product-performance",
    title: "Product performance",
    description: "Marketplace views, impressions, units and GMV per product per day (Shopee days derived)",
    permission: "report:read",
    dated: true,
    shops: true,
    headers: () => [
      "Date",
      "Shop",
      "Product id",
      "SKU id",
      "Page views",
      "Impressions",
      "Units sold",
      "Orders",
      "GMV",
      "Currency",
      "Source",
      "Derived",
    ],
    sql: `select m.date, c.name as shop, m.external_product_id, m.external_variant_id, m.page_views, m.impressions, m.units_sold,
                 m.orders, m.gmv, m.currency, m.source, m.derived
            from product_metric_daily m join channel_connection c on c.id = m.connection_id
           where m.organization_id = $1 and ($2::timestamptz is null or m.date >= $2::date) and ($3::timestamptz is null or m.date < $3::date)
             and ${shopFilter("m.connection_id")}
           order by m.date, c.name, m.external_product_id, m.external_variant_id`,
    cells: (r) => [
      text(r.date),
      text(r.shop),
      text(r.external_product_id),
      text(r.external_variant_id),
      num(r.page_views),
      num(r.impressions),
      num(r.units_sold),
      num(r.orders),
      r.gmv === null ? null : formatMinor(Number(r.gmv), text(r.currency) ?? "XXX"),
      text(r.currency),
      text(r.source),
      r.derived === true,
    ],
  },
  {
    id: "pricing-inconsistencies",
    title: "Pricing inconsistencies",
    description: "Listings of variants on several shops: the price each shop shows against its channel rule",
    permission: "report:read",
    dated: false,
    shops: true,
    headers: (c) => [
      "SKU",
      "Product",
      "Shop",
      `Master price (${c})`,
      "Channel rule",
      `Price by rule (${c})`,
      `Shop shows (${c})`,
      `Difference (${c})`,
    ],
    sql: `select v.sku, p.title, c.name as shop, v.price, l.price_rule,
                 coalesce((l.channel_state ->> 'price')::float8, (l.last_synced ->> 'price')::float8) as shown
            from listing l join variant v on v.id = l.variant_id join product p on p.id = v.product_id
            join channel_connection c on c.id = l.connection_id
           where l.organization_id = $1 and l.enabled
             and ${shopFilter("l.connection_id")}
             and l.variant_id in (select variant_id from listing where organization_id = $1 and enabled and variant_id is not null
                                   group by variant_id having count(distinct connection_id) > 1)
           order by v.sku, c.name`,
    cells: (r, c) => {
      const rule = (r.price_rule ?? null) as ListingPriceRule | null;
      const expected = listingPrice(Number(r.price), rule, c);
      const shown = num(r.shown);
      return [
        text(r.sku),
        text(r.title),
        text(r.shop),
        money(r.price, c),
        formatListingPriceRule(rule, c) || "Master price",
        money(expected, c),
        money(shown, c),
        expected === null || shown === null ? null : money(shown - expected, c),
      ];
    },
  },
  {
    id: "sync-log",
    title: "Sync log",
    description: "Every push to a shop with its outcome, attempt, duration and error",
    permission: "sync:read",
    dated: true,
    shops: true,
    headers: () => [
      "When",
      "Shop",
      "Operation",
      "Outcome",
      "Attempt",
      "Duration (ms)",
      "Error code",
      "Error",
      "Request id",
    ],
    sql: `select s.created_at, c.name as shop, s.operation, s.outcome, s.attempt, s.duration_ms, s.error_code, s.error, s.request_id
            from sync_log s join channel_connection c on c.id = s.connection_id
           where s.organization_id = $1 and ${dateFilter("s.created_at")} and ${shopFilter("s.connection_id")}
           order by s.created_at, s.id`,
    cells: (r) => [
      date(r.created_at),
      text(r.shop),
      text(r.operation),
      text(r.outcome),
      num(r.attempt),
      num(r.duration_ms),
      text(r.error_code),
      text(r.error),
      text(r.request_id),
    ],
  },
  {
    id: "webhook-log",
    title: "Webhook log",
    description: "Every marketplace webhook received, with its processing status",
    permission: "webhook:read",
    dated: true,
    shops: true,
    headers: () => [
      "Received",
      "Platform",
      "Shop",
      "Type",
      "Event key",
      "Status",
      "Attempts",
      "Duplicates",
      "Processed",
      "Error",
    ],
    sql: `select w.received_at, w.platform, c.name as shop, w.event_type, w.event_key, w.status, w.attempts, w.duplicates, w.processed_at, w.error
            from webhook_event w left join channel_connection c on c.id = w.connection_id
           where w.organization_id = $1 and ${dateFilter("w.received_at")} and ${shopFilter("w.connection_id")}
           order by w.received_at, w.id`,
    cells: (r) => [
      date(r.received_at),
      text(r.platform),
      text(r.shop),
      text(r.event_type),
      text(r.event_key),
      text(r.status),
      num(r.attempts),
      num(r.duplicates),
      date(r.processed_at),
      text(r.error),
    ],
  },
  {
    id: "conflicts",
    title: "Conflicts",
    description: "Values changed both here and on a shop, and how they were resolved",
    permission: "conflict:read",
    dated: true,
    shops: true,
    requiresTable: "conflict",
    headers: () => [
      "Detected",
      "Shop",
      "SKU",
      "Field group",
      "Status",
      "Resolution",
      "Base",
      "Master value",
      "Channel value",
      "Resolved",
    ],
    sql: `select k.detected_at, c.name as shop, v.sku, k.field_group, k.status, k.resolution, k.base::text as base,
                 k.master::text as master, k.channel::text as channel, k.resolved_at
            from conflict k join channel_connection c on c.id = k.connection_id left join variant v on v.id = k.variant_id
           where k.organization_id = $1 and ${dateFilter("k.detected_at")} and ${shopFilter("k.connection_id")}
           order by k.detected_at, k.id`,
    cells: (r) => [
      date(r.detected_at),
      text(r.shop),
      text(r.sku),
      text(r.field_group),
      text(r.status),
      text(r.resolution),
      text(r.base),
      text(r.master),
      text(r.channel),
      date(r.resolved_at),
    ],
  },
  {
    id: "audit-log",
    title: "Audit log",
    description: "Every change made in SyncStore: who, what and when",
    permission: "audit:read",
    dated: true,
    shops: false,
    headers: () => ["When", "Actor", "Action", "Entity", "Entity id", "IP", "Request id"],
    sql: `select a.created_at, u.email as actor, a.action, a.entity, a.entity_id, a.ip, a.request_id
            from audit_log a left join "user" u on u.id = a.actor_id
           where a.organization_id = $1 and ${dateFilter("a.created_at")}
           order by a.created_at, a.id`,
    cells: (r) => [
      date(r.created_at),
      text(r.actor),
      text(r.action),
      text(r.entity),
      text(r.entity_id),
      text(r.ip),
      text(r.request_id),
    ],
  },
];

export const reportIds = reportDefinitions.map((report) => report.id) as [string, ...string[]];

export function reportById(id: string): ReportDefinition | undefined {
  return reportDefinitions.find((report) => report.id === id);
}
