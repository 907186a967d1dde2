import {
  autoMapHeaders,
  mappingProblems,
  validateImportRow,
  type ImportField,
  type ImportMapping,
  type ImportRecord,
  type ImportRowError,
} from "@syncstore/domain";
import type { EntityManager } from "@syncstore/db";
import { sqlRows } from "./sql";
import type { ImportApplyRecord } from "./batch";
import { organizationCurrency } from "../settings/currency";

/** Errors listed in a report (all are counted). */
export const IMPORT_REPORT_ERRORS = 200;
/** Staged records read, and valid rows compared with the catalog, per query. */
const PAGE = 2000;

export type MappingOverrides = Record<string, ImportField | null>;

/** An upload waiting in `catalog_import` (not yet applied). */
export interface StagedImport {
  id: string;
  organizationId: string;
  fileName: string | null;
  headers: string[] | null;
  rows: number;
}

export interface ImportReport {
  importId: string;
  fileName: string | null;
  headers: string[];
  mapping: ImportMapping;
  unknownColumns: { column: number; header: string }[];
  problems: string[];
  rows: number;
  creates: number;
  newProducts: number;
  updates: number;
  unchanged: number;
  errorRows: number;
  errors: ImportRowError[];
  currency: string;
}

/** A row that cannot be imported: its record number `n`, and all its messages in one line. */
export interface InvalidImportRow {
  n: number;
  row: number;
  sku: string | null;
  message: string;
}

/** One staged record: `row` is its 1-based position in the file, the header being row 1. */
export interface StagedRow {
  n: number;
  cells: string[] | null;
  error: string | null;
}
export const rowOf = (n: number) => n + 1;

type CurrentRow = CurrentRowLike & { sku: string };

export interface CurrentRowLike {
  title: string;
  brand: string | null;
  status: string;
  categoryId: string | null;
  tags: string[];
  price: string;
  compareAtPrice: string | null;
  cost: string | null;
  barcode: string | null;
  weightGrams: number | null;
  options: Record<string, string>;
  onHand: number | null;
}

/** Columns of the current state of variants by SKU, for `importChanges`. */
export const currentRowColumns = `v.id as "variantId", v.product_id as "productId", v.sku, p.title, p.brand, p.status,
  p.category_id as "categoryId", p.tags, v.price::text as price, v.compare_at_price::text as "compareAtPrice",
  v.cost::text as cost, v.barcode, v.weight_grams as "weightGrams", v.options, s.on_hand as "onHand", s.reserved`;
/**
 * The current rows of a list of SKUs (`$1` organization, `$2` text[]): one unique-index lookup per
 * SKU. Written as a join on unnest, because with `sku = any(…)` over thousands of SKUs the planner
 * prefers a sequential scan of every variant.
 */
export const currentRowsBySku = `select ${currentRowColumns}
  from unnest($2::text[]) as k(sku)
  join variant v on v.organization_id = $1 and v.sku = k.sku
  join product p on p.id = v.product_id and p.organization_id = v.organization_id
  left join stock_level s on s.variant_id = v.id`;

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** Fields of `patch` that differ from `current`, as an audit diff. */
export function fieldChanges(current: Record<string, unknown>, patch: Record<string, unknown>) {
  const out: Record<string, { before: unknown; after: unknown }> = {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined) continue;
    if (!same(current[key], value)) out[key] = { before: current[key] ?? null, after: value };
  }
  return out;
}

export function productStateOf(row: Pick<CurrentRowLike, "title" | "brand" | "status" | "categoryId" | "tags">) {
  return { title: row.title, brand: row.brand, status: row.status, categoryId: row.categoryId, tags: row.tags };
}

export function variantStateOf(
  row: Pick<CurrentRowLike, "price" | "compareAtPrice" | "cost" | "barcode" | "weightGrams" | "options" | "onHand">,
) {
  const money = (value: string | null) => (value === null ? null : Number(value));
  return {
    price: Number(row.price),
    compareAtPrice: money(row.compareAtPrice),
    cost: money(row.cost),
    barcode: row.barcode,
    weightGrams: row.weightGrams,
    options: row.options,
    stockOnHand: row.onHand ?? 0,
  };
}

/** What an import row would change on an existing variant (used by the dry run and the job). */
export function importChanges(current: CurrentRowLike, record: Pick<ImportApplyRecord, "product" | "variant">) {
  const { expectedStockOnHand: _expected, ...variant } = record.variant;
  return {
    product: fieldChanges(productStateOf(current), record.product),
    variant: fieldChanges(variantStateOf(current), variant),
  };
}

/**
 * The import's compare-and-set rule: a row with an "Expected stock" that differs from the on hand
 * now is refused (an order or a count moved the stock since the file was made); the message.
 */
export function staleStockMessage(onHand: number | null, record: Pick<ImportApplyRecord, "variant">): string | null {
  const { stockOnHand, expectedStockOnHand } = record.variant;
  if (stockOnHand === undefined || expectedStockOnHand === undefined) return null;
  const now = onHand ?? 0;
  return now === expectedStockOnHand
    ? null
    : `Stock on hand is now ${now}, not the expected ${expectedStockOnHand}: an order or another change moved it since the file was made`;
}

/** Category path ("Apparel > Shirts", "Apparel / Shirts") or name, lower-cased → id. */
export async function loadCategoryIndex(em: EntityManager, organizationId: string): Promise<Map<string, string>> {
  const categories = new Map<string, string>();
  for (const category of await sqlRows<{ id: string; name: string; path: string }>(
    em,
    `select id, name, path from category where organization_id = $1`,
    [organizationId],
  )) {
    categories.set(category.path.trim().toLowerCase(), category.id);
    if (!categories.has(category.name.trim().toLowerCase()))
      categories.set(category.name.trim().toLowerCase(), category.id);
  }
  return categories;
}

export function resolveCategory(record: ImportRecord, categories: Map<string, string>): ImportApplyRecord | string {
  const { category, ...product } = record.product;
  if (category === undefined) return { ...record, product };
  if (category === null) return { ...record, product: { ...product, categoryId: null } };
  const key = category
    .split(/\s*[/>]\s*/)
    .join(" / ")
    .toLowerCase();
  const id = categories.get(key) ?? categories.get(category.trim().toLowerCase());
  if (!id) return `Category "${category}" does not exist`;
  return { ...record, product: { ...product, categoryId: id } };
}

/** The upload, when it exists in this organization and has not been applied. */
export async function loadStagedImport(
  em: EntityManager,
  organizationId: string,
  importId: string,
): Promise<StagedImport | null> {
  const [row] = await sqlRows<StagedImport>(
    em,
    `select id, organization_id as "organizationId", file_name as "fileName", headers, rows
       from catalog_import where id = $1 and organization_id = $2 and operation_id is null`,
    [importId, organizationId],
  );
  return row ?? null;
}

/** The staged records of an upload after record `after`, in file order, a page at a time. */
export async function* stagedRows(em: EntityManager, importId: string, after = 0): AsyncGenerator<StagedRow> {
  let cursor = after;
  for (;;) {
    const page = await sqlRows<StagedRow>(
      em,
      `select n, cells, error from catalog_import_row where import_id = $1 and n > $2 order by n limit $3`,
      [importId, cursor, PAGE],
    );
    yield* page;
    if (page.length < PAGE) return;
    cursor = page.at(-1)!.n;
  }
}

/** The header mapping of an upload with the user's overrides, and what is wrong with it as a whole. */
export function mapImportHeaders(headers: string[] | null, overrides: MappingOverrides) {
  if (!headers) return { mapping: [], unknown: [], problems: ["The file has no header row"] };
  const { mapping, unknown } = autoMapHeaders(headers, overrides);
  const problems = mappingProblems(mapping);
  if (new Set(headers).size !== headers.length) problems.push("Two columns have the same header");
  return { mapping, unknown, problems };
}

/**
 * Reads a staged upload once, in file order and a page at a time (memory holds the SKUs seen, not
 * the rows): validates each row with the mapping, finds duplicate SKUs (the first row wins),
 * resolves category paths and compares every valid row with the current catalog (a page of rows
 * per query) to count creates, updates and unchanged rows. The dry run and the apply both run it,
 * so they agree: an apply records the rows it reports as errors through `onInvalid` (called with
 * a page of them at a time) and applies the others. Writes nothing itself.
 */
export async function scanStagedImport(
  em: EntityManager,
  upload: StagedImport,
  overrides: MappingOverrides,
  onInvalid?: (rows: InvalidImportRow[]) => Promise<void>,
): Promise<ImportReport> {
  const organizationId = upload.organizationId;
  const currency = await organizationCurrency(em, organizationId);
  const categories = await loadCategoryIndex(em, organizationId);
  const headers = upload.headers ?? [];
  const mapped = mapImportHeaders(upload.headers, overrides);
  const report: ImportReport = {
    importId: upload.id,
    fileName: upload.fileName,
    headers,
    mapping: mapped.mapping,
    unknownColumns: mapped.unknown,
    problems: mapped.problems,
    rows: 0,
    creates: 0,
    newProducts: 0,
    updates: 0,
    unchanged: 0,
    errorRows: 0,
    errors: [],
    currency,
  };
  if (report.problems.length) return report;
  const mapping = mapped.mapping;
  const column = (field: ImportField, fallback: string) => headers[mapping.indexOf(field)] ?? fallback;
  const newTitles = new Set<string>();
  const firstRowOfSku = new Map<string, number>();
  let pending: ImportApplyRecord[] = [];
  let invalid: InvalidImportRow[] = [];

  const fail = async (n: number, sku: string | null, errors: ImportRowError[]) => {
    report.errorRows += 1;
    for (const error of errors) if (report.errors.length < IMPORT_REPORT_ERRORS) report.errors.push(error);
    if (!onInvalid) return;
    invalid.push({
      n,
      row: rowOf(n),
      sku,
      message: errors.map((e) => (e.column ? `${e.column}: ${e.message}` : e.message)).join("; "),
    });
    if (invalid.length >= PAGE) await flushInvalid();
  };
  const flushInvalid = async () => {
    if (!onInvalid || !invalid.length) return;
    const page = invalid;
    invalid = [];
    await onInvalid(page);
  };

  const flush = async () => {
    if (!pending.length) return;
    const batch = pending;
    pending = [];
    const current = new Map(
      (await sqlRows<CurrentRow>(em, currentRowsBySku, [organizationId, batch.map((record) => record.sku)])).map(
        (row) => [row.sku, row],
      ),
    );
    for (const record of batch) {
      const existing = current.get(record.sku);
      if (!existing) {
        if (!record.product.title) {
          await fail(record.row - 1, record.sku, [
            {
              row: record.row,
              column: column("title", "Title"),
              message: `SKU ${record.sku} is new: a title is needed to create its product`,
            },
          ]);
          continue;
        }
        report.creates += 1;
        newTitles.add(record.product.title);
      } else {
        const stale = staleStockMessage(existing.onHand, record);
        if (stale) {
          await fail(record.row - 1, record.sku, [
            { row: record.row, column: column("expectedStockOnHand", "Expected stock"), message: stale },
          ]);
          continue;
        }
        const diff = importChanges(existing, record);
        if (Object.keys(diff.product).length || Object.keys(diff.variant).length) report.updates += 1;
        else report.unchanged += 1;
      }
    }
  };

  const skuColumn = mapping.indexOf("sku");
  for await (const staged of stagedRows(em, upload.id)) {
    report.rows += 1;
    const row = rowOf(staged.n);
    if (!staged.cells) {
      await fail(staged.n, null, [{ row, column: null, message: staged.error ?? "Malformed CSV" }]);
      continue;
    }
    const result = validateImportRow(staged.cells, headers, mapping, currency, row);
    if (!result.ok) {
      await fail(staged.n, skuColumn >= 0 ? (staged.cells[skuColumn]?.trim() ?? null) : null, result.errors);
      continue;
    }
    const record = result.record;
    const seen = firstRowOfSku.get(record.sku);
    if (seen !== undefined) {
      await fail(staged.n, record.sku, [
        { row, column: column("sku", "SKU"), message: `Duplicate SKU ${record.sku}: it is already in row ${seen}` },
      ]);
      continue;
    }
    firstRowOfSku.set(record.sku, row);
    const resolved = resolveCategory(record, categories);
    if (typeof resolved === "string") {
      await fail(staged.n, record.sku, [{ row, column: column("category", "Category"), message: resolved }]);
      continue;
    }
    pending.push(resolved);
    if (pending.length >= PAGE) await flush();
  }
  await flush();
  await flushInvalid();
  if (newTitles.size) {
    const existing = await sqlRows<{ title: string }>(
      em,
      `select distinct title from product where organization_id = $1 and title = any($2::text[])`,
      [organizationId, [...newTitles]],
    );
    report.newProducts = newTitles.size - existing.length;
  }
  report.errors.sort((a, b) => a.row - b.row);
  return report;
}
