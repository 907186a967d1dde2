import { stringify } from "csv-stringify/sync";
import { cursorChunks, type EntityManager } from "@syncstore/db";
import { listStockShops, requireConnection, stockSql, toStockItem, type StockQuery, type StockRowItem } from "./list";

const CHUNK = 2000;

/**
 * The Inventory grid's current filter as CSV text chunks (SKU order), read through a server-side
 * cursor so memory stays flat at 100,000 variants. One pushed / reported column pair per shop.
 * The first chunk is a UTF-8 BOM plus the header row.
 */
export async function* exportStockCsv(
  em: EntityManager,
  organizationId: string,
  query: StockQuery,
): AsyncGenerator<string> {
  if (query.connectionId) await requireConnection(em, organizationId, query.connectionId);
  const shops = await listStockShops(em, organizationId);
  const header = [
    "SKU",
    "Product",
    "On hand",
    "Committed",
    "Promotion reserved",
    "Unavailable",
    "Available",
    "Oversold",
    "Sold (30 days)",
    "Days of cover",
    ...shops.flatMap((shop) => [`${shop.name} pushed`, `${shop.name} reported`]),
  ];
  const cells = (row: StockRowItem) => {
    const byShop = new Map(row.shops.map((shop) => [shop.connectionId, shop]));
    return [
      row.sku,
      row.productTitle,
      row.onHand,
      row.committed,
      row.promotionReserved,
      row.unavailable,
      row.available,
      row.oversold,
      row.sold30d,
      row.daysOfCover ?? "",
      ...shops.flatMap((shop) => {
        const listed = byShop.get(shop.id);
        return [listed?.pushed ?? "", listed?.reported ?? ""];
      }),
    ];
  };
  yield `\ufeff${stringify([header])}`;
  const { sql, params } = stockSql(organizationId, query, false);
  for await (const raw of cursorChunks<Parameters<typeof toStockItem>[0]>(em, sql, params, { chunk: CHUNK })) {
    yield stringify(raw.map((row) => cells(toStockItem(row))));
  }
}
