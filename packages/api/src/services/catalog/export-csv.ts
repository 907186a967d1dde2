import { formatMinor } from "@syncstore/domain";
import { stringify } from "csv-stringify/sync";
import { cursorChunks, type EntityManager } from "@syncstore/db";
import { organizationCurrency } from "@syncstore/services";
import { buildListQuery, SEARCH_SIMILARITY, type ListQuery } from "./list-query";
import { toVariantRow, variantRowBaseColumns, variantRowFrom, type RawVariantRow, type VariantRow } from "./rows";
import { organizationOf, sqlRows } from "../sql";

/** Every column the export can write, in the grid's order, with its header and cell text. */
export const exportColumns = {
  sku: { header: "SKU", cell: (row) => row.sku },
  title: { header: "Title", cell: (row) => row.productTitle },
  options: {
    header: "Options",
    cell: (row) =>
      Object.entries(row.options)
        .map(([name, value]) => `${name}: ${value}`)
        .join("; "),
  },
  price: { header: "Price", cell: (row, currency) => formatMinor(row.price, currency) },
  compareAtPrice: {
    header: "Compare-at price",
    cell: (row, currency) => (row.compareAtPrice === null ? "" : formatMinor(row.compareAtPrice, currency)),
  },
  cost: { header: "Cost", cell: (row, currency) => (row.cost === null ? "" : formatMinor(row.cost, currency)) },
  barcode: { header: "Barcode", cell: (row) => row.barcode ?? "" },
  weightGrams: { header: "Weight (g)", cell: (row) => (row.weightGrams === null ? "" : String(row.weightGrams)) },
  stockOnHand: { header: "Stock on hand", cell: (row) => String(row.stockOnHand) },
  status: { header: "Status", cell: (row) => row.status },
  brand: { header: "Brand", cell: (row) => row.brand ?? "" },
  category: { header: "Category", cell: (row) => row.categoryPath ?? "" },
  tags: { header: "Tags", cell: (row) => row.tags.join(", ") },
} satisfies Record<string, { header: string; cell: (row: VariantRow, currency: string) => string }>;

export type ExportColumn = keyof typeof exportColumns;
export const exportColumnNames = Object.keys(exportColumns) as ExportColumn[];

export const EXPORT_CHUNK = 2000;

/**
 * The catalog (or the grid's current view: its filters, search, sort and columns) as CSV text
 * chunks, read through a server-side cursor so memory stays flat at any size. The first chunk is
 * a UTF-8 BOM plus the header row (spreadsheet apps need the BOM to read UTF-8).
 */
export async function* exportVariantsCsv(
  em: EntityManager,
  query: Omit<ListQuery, "startRow" | "endRow">,
  columns: readonly ExportColumn[] = exportColumnNames,
): AsyncGenerator<string> {
  const organizationId = organizationOf(em);
  const currency = await organizationCurrency(em, organizationId);
  const built = buildListQuery(
    organizationId,
    { ...query, startRow: 0, endRow: Number.MAX_SAFE_INTEGER },
    `${variantRowBaseColumns}, null::json as sync`,
    variantRowFrom,
  );
  yield `\ufeff${stringify([columns.map((column) => exportColumns[column].header)])}`;
  const search = query.search?.trim();
  for await (const raw of cursorChunks<RawVariantRow>(em, built.all, built.countParams, {
    chunk: EXPORT_CHUNK,
    prepare: search
      ? (connection) =>
          sqlRows(connection, `select set_config('pg_trgm.word_similarity_threshold', $1, true)`, [
            String(SEARCH_SIMILARITY),
          ])
      : undefined,
  })) {
    const rows = raw.map(toVariantRow);
    yield stringify(rows.map((row) => columns.map((column) => exportColumns[column].cell(row, currency))));
  }
}
