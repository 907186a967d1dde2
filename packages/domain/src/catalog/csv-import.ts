import {
  barcodeField,
  brandField,
  skuField,
  statusField,
  stockField,
  tagsField,
  titleField,
  weightGramsField,
} from "./fields";
import { coerceCell } from "./paste";

/**
 * CSV import, the pure part: which catalog field each column of the file feeds (matched by header
 * name, with the user's overrides), and each row validated into a product/variant patch keyed by
 * SKU with per-cell errors. The server streams the file through these; the dialog shows them.
 */

export const importFields = [
  "sku",
  "title",
  "options",
  "price",
  "compareAtPrice",
  "cost",
  "barcode",
  "weightGrams",
  "stockOnHand",
  "expectedStockOnHand",
  "status",
  "brand",
  "category",
  "tags",
] as const;
export type ImportField = (typeof importFields)[number];

export const importFieldLabels: Record<ImportField, string> = {
  sku: "SKU",
  title: "Title",
  options: "Options",
  price: "Price",
  compareAtPrice: "Compare-at price",
  cost: "Cost",
  barcode: "Barcode",
  weightGrams: "Weight (g)",
  stockOnHand: "Stock on hand",
  expectedStockOnHand: "Expected stock",
  status: "Status",
  brand: "Brand",
  category: "Category",
  tags: "Tags",
};

/** Lower case, letters and digits only: "Compare-at price" → "compareatprice". */
export function normalizeHeader(header: string): string {
  return header
    .normalize("NFKD")
    .toLowerCase()
    .replace(/[^a-z0-9]/g, "");
}

const synonyms: Record<ImportField, string[]> = {
  sku: ["sku", "variantsku", "skucode", "itemsku", "productsku", "articlenumber"],
  title: ["title", "name", "producttitle", "productname", "itemname"],
  options: ["options", "variantoptions", "option", "variant"],
  price: ["price", "variantprice", "sellingprice", "saleprice", "unitprice", "retailprice"],
  compareAtPrice: ["compareatprice", "compareprice", "variantcompareatprice", "msrp", "listprice", "originalprice"],
  cost: ["cost", "costprice", "unitcost", "costperitem", "variantcost"],
  barcode: ["barcode", "ean", "upc", "gtin", "variantbarcode", "ean13"],
  weightGrams: ["weight", "weightg", "weightgrams", "grams", "variantgrams", "variantweight"],
  stockOnHand: [
    "stock",
    "qty",
    "quantity",
    "stockonhand",
    "onhand",
    "inventory",
    "inventoryquantity",
    "variantinventoryqty",
    "stockqty",
    "available",
  ],
  // Compare-and-set for "Stock on hand": the on hand the file was made from (see docs/inventory.md).
  expectedStockOnHand: [
    "expectedstock",
    "expectedonhand",
    "stockexpected",
    "previousstock",
    "systemstock",
    "stockbefore",
  ],
  status: ["status", "productstatus", "state"],
  brand: ["brand", "vendor", "manufacturer", "make"],
  category: ["category", "categorypath", "producttype", "type", "collection"],
  tags: ["tags", "tag", "keywords", "labels"],
};

const byAlias = new Map<string, ImportField>(
  importFields.flatMap((field) => synonyms[field].map((alias) => [alias, field] as const)),
);

/** Column index → field (null: not imported). */
export type ImportMapping = (ImportField | null)[];

export interface MappingResult {
  mapping: ImportMapping;
  /** Headers no field matched (their columns are ignored unless the user maps them). */
  unknown: { column: number; header: string }[];
}

/**
 * Matches headers to fields (first column wins when two headers mean the same field); `overrides`
 * (header text or column index → field or null) take precedence.
 */
export function autoMapHeaders(
  headers: readonly string[],
  overrides: Record<string, ImportField | null> = {},
): MappingResult {
  const mapping: ImportMapping = headers.map(() => null);
  const taken = new Set<ImportField>();
  const overridden = new Set<number>();
  headers.forEach((header, column) => {
    const override =
      String(column) in overrides ? overrides[String(column)] : header in overrides ? overrides[header] : undefined;
    if (override === undefined) return;
    overridden.add(column);
    if (override && !taken.has(override)) {
      mapping[column] = override;
      taken.add(override);
    }
  });
  headers.forEach((header, column) => {
    if (overridden.has(column)) return;
    const field = byAlias.get(normalizeHeader(header));
    if (field && !taken.has(field)) {
      mapping[column] = field;
      taken.add(field);
    }
  });
  const unknown = headers.flatMap((header, column) =>
    mapping[column] === null && !overridden.has(column) ? [{ column, header }] : [],
  );
  return { mapping, unknown };
}

/** Problems with a mapping as a whole (the SKU is the key, so it must be mapped; no field twice). */
export function mappingProblems(mapping: ImportMapping): string[] {
  const problems: string[] = [];
  if (!mapping.includes("sku")) problems.push("Map a column to SKU: rows are matched by SKU");
  const seen = new Set<ImportField>();
  for (const field of mapping) {
    if (!field) continue;
    if (seen.has(field)) problems.push(`${importFieldLabels[field]} is mapped to more than one column`);
    seen.add(field);
  }
  return problems;
}

export interface ImportProductPatch {
  title?: string;
  brand?: string | null;
  status?: "draft" | "active" | "archived";
  /** Category path or name as written in the file ("Apparel / Shirts"); resolved by the server. */
  category?: string | null;
  tags?: string[];
}

export interface ImportVariantPatch {
  price?: number;
  compareAtPrice?: number | null;
  cost?: number | null;
  barcode?: string | null;
  weightGrams?: number | null;
  stockOnHand?: number;
  /** The on hand the row's "Stock on hand" was computed from: the import refuses the row if it moved since. */
  expectedStockOnHand?: number;
  options?: Record<string, string>;
}

/** One valid row: the SKU it is keyed by and only the fields the file sets. */
export interface ImportRecord {
  /** 1-based line of the data row in the file, the header being row 1. */
  row: number;
  sku: string;
  product: ImportProductPatch;
  variant: ImportVariantPatch;
}

export interface ImportRowError {
  row: number;
  /** Header of the column at fault (null for row-level problems such as a wrong column count). */
  column: string | null;
  message: string;
}

export type ImportRowResult = { ok: true; record: ImportRecord } | { ok: false; errors: ImportRowError[] };

const first = (issues: { message: string }[]) => issues[0]?.message ?? "Invalid value";

/** "Color: Red; Size: M" → { Color: "Red", Size: "M" } (what the export writes). */
export function parseOptions(text: string): Record<string, string> | string {
  const options: Record<string, string> = {};
  for (const part of text.split(";")) {
    const trimmed = part.trim();
    if (!trimmed) continue;
    const colon = trimmed.indexOf(":");
    if (colon <= 0) return `"${trimmed}" is not "Name: value"`;
    const name = trimmed.slice(0, colon).trim();
    const value = trimmed.slice(colon + 1).trim();
    if (!name || !value) return `"${trimmed}" is not "Name: value"`;
    options[name] = value;
  }
  return options;
}

/**
 * Validates one data row (`cells` in file order) with the same field schemas as the grid. Empty
 * cells of optional fields clear them (export writes "" for no compare-at price); empty required
 * ones (title, price, stock, status) leave the current value.
 */
export function validateImportRow(
  cells: readonly string[],
  headers: readonly string[],
  mapping: ImportMapping,
  currency: string,
  row: number,
): ImportRowResult {
  const errors: ImportRowError[] = [];
  if (cells.length !== headers.length) {
    return {
      ok: false,
      errors: [{ row, column: null, message: `Row has ${cells.length} columns, the header has ${headers.length}` }],
    };
  }
  const product: ImportProductPatch = {};
  const variant: ImportVariantPatch = {};
  let sku = "";
  mapping.forEach((field, column) => {
    if (!field) return;
    const raw = (cells[column] ?? "").trim();
    const header = headers[column] ?? `Column ${column + 1}`;
    const fail = (message: string) => errors.push({ row, column: header, message });
    const parse = <T>(
      schema: {
        safeParse: (
          v: unknown,
        ) => { success: true; data: T } | { success: false; error: { issues: { message: string }[] } };
      },
      value: unknown,
    ): T | undefined => {
      const result = schema.safeParse(value);
      if (result.success) return result.data;
      fail(first(result.error.issues));
      return undefined;
    };
    const money = (nullable: boolean): number | null | undefined => {
      if (raw === "") return nullable ? null : undefined;
      const coerced = coerceCell(raw, { type: "money", currency });
      if (!coerced.ok) {
        fail(coerced.message);
        return undefined;
      }
      return coerced.value as number;
    };
    const integer = (): number | null | undefined => {
      if (raw === "") return null;
      const coerced = coerceCell(raw, { type: "integer" });
      if (!coerced.ok) {
        fail(coerced.message);
        return undefined;
      }
      return coerced.value as number;
    };
    switch (field) {
      case "sku":
        if (raw === "") fail("SKU is required");
        else sku = parse(skuField, raw) ?? "";
        break;
      case "title":
        if (raw !== "") product.title = parse(titleField, raw);
        break;
      case "brand":
        product.brand = parse(brandField, raw === "" ? null : raw);
        break;
      case "status":
        if (raw !== "") product.status = parse(statusField, raw.toLowerCase());
        break;
      case "category":
        product.category = raw === "" ? null : raw;
        break;
      case "tags":
        product.tags = parse(
          tagsField,
          raw
            .split(/[,;|]/)
            .map((tag) => tag.trim())
            .filter(Boolean),
        );
        break;
      case "options": {
        const options = parseOptions(raw);
        if (typeof options === "string") fail(options);
        else variant.options = options;
        break;
      }
      case "price": {
        const value = money(false);
        if (value !== undefined && value !== null) variant.price = value;
        break;
      }
      case "compareAtPrice": {
        const value = money(true);
        if (value !== undefined) variant.compareAtPrice = value;
        break;
      }
      case "cost": {
        const value = money(true);
        if (value !== undefined) variant.cost = value;
        break;
      }
      case "barcode":
        variant.barcode = parse(barcodeField, raw === "" ? null : raw);
        break;
      case "weightGrams": {
        const value = integer();
        if (value !== undefined) variant.weightGrams = parse(weightGramsField, value);
        break;
      }
      case "stockOnHand": {
        if (raw === "") break;
        const value = integer();
        if (value !== undefined && value !== null) variant.stockOnHand = parse(stockField, value);
        break;
      }
      case "expectedStockOnHand": {
        if (raw === "") break;
        const value = integer();
        if (value !== undefined && value !== null) variant.expectedStockOnHand = parse(stockField, value);
        break;
      }
    }
  });
  if (errors.length) return { ok: false, errors };
  // Drop keys whose parse failed (undefined) so the patch names only the fields the file sets.
  const clean = <T extends object>(patch: T): T =>
    Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== undefined)) as T;
  return { ok: true, record: { row, sku, product: clean(product), variant: clean(variant) } };
}
