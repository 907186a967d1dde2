import { formatMinor, orderPhase, type OrderPlatform } from "@syncstore/domain";
import { stringify } from "csv-stringify/sync";
import { cursorChunks, type EntityManager } from "@syncstore/db";
import { organizationOf } from "../sql";
import { orderWhere, type OrderFilters } from "./list";

const headers = [
  "Order",
  "Platform",
  "Shop",
  "Marketplace status",
  "Status",
  "Placed at (UTC)",
  "Paid at (UTC)",
  "Cancelled by",
  "Cancel reason",
  "Currency",
  "Order total",
  "Marketplace SKU",
  "Matched SKU",
  "Quantity",
  "Unit price",
  "Stock effect",
  "Committed",
  "Oversold",
];

interface ExportRow {
  external_order_id: string;
  platform: OrderPlatform;
  connection_name: string;
  platform_status: string | null;
  placed_at: Date | string | null;
  paid_at: Date | string | null;
  cancelled_by: string | null;
  cancel_reason: string | null;
  currency: string | null;
  total: string | number | null;
  sku: string | null;
  variant_sku: string | null;
  quantity: number | null;
  unit_price: string | number | null;
  effect: string | null;
  committed_quantity: number | null;
  oversold_quantity: number | null;
}

const platformNames: Record<OrderPlatform, string> = { shopee: "Shopee", tiktok: "TikTok Shop" };
const iso = (value: Date | string | null) => (value === null ? "" : new Date(value).toISOString());
const money = (value: string | number | null, currency: string | null) =>
  value === null ? "" : currency ? formatMinor(Number(value), currency) : String(value);

function cells(row: ExportRow): string[] {
  return [
    row.external_order_id,
    platformNames[row.platform],
    row.connection_name,
    row.platform_status ?? "",
    orderPhase(row.platform, row.platform_status),
    iso(row.placed_at),
    iso(row.paid_at),
    row.cancelled_by ?? "",
    row.cancel_reason ?? "",
    row.currency ?? "",
    money(row.total, row.currency),
    row.sku ?? "",
    row.variant_sku ?? (row.quantity === null ? "" : "unmatched"),
    row.quantity === null ? "" : String(row.quantity),
    money(row.unit_price, row.currency),
    row.effect ?? "",
    row.committed_quantity === null ? "" : String(row.committed_quantity),
    row.oversold_quantity === null ? "" : String(row.oversold_quantity),
  ];
}

const CHUNK = 2000;

/**
 * The orders of the Orders page's current filter as CSV, one row per order line (an order without
 * lines gets one row), newest first, read through a server-side cursor so memory stays flat. The
 * first chunk is a UTF-8 BOM and the header row.
 */
export async function* exportOrdersCsv(em: EntityManager, filters: OrderFilters): AsyncGenerator<string> {
  const { where, params } = orderWhere(organizationOf(em), filters);
  yield `\ufeff${stringify([headers])}`;
  const sql = `
    select o.external_order_id, c.platform, c.name as connection_name, o.platform_status, o.placed_at, o.paid_at,
           o.cancelled_by, o.cancel_reason, o.currency, o.total, l.sku, v.sku as variant_sku, l.quantity,
           l.unit_price, l.effect, l.committed_quantity, l.oversold_quantity
      from channel_order o
      join channel_connection c on c.id = o.connection_id
      left join channel_order_line l on l.order_id = o.id
      left join variant v on v.id = l.variant_id
     where ${where.join(" and ")}
     order by coalesce(o.placed_at, o.created_at) desc, o.created_at desc, o.id desc, l.line_key`;
  for await (const rows of cursorChunks<ExportRow>(em, sql, params, { chunk: CHUNK })) yield stringify(rows.map(cells));
}
