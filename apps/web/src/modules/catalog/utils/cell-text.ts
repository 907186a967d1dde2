import { formatMinor } from "@syncstore/domain";
import { fieldSpecs, type CellValue, type EditableField } from "./catalog-fields";
import type { CategoryOption } from "./catalog-types";
import { formatMoney } from "./format-money";

export type TextContext = { currency: string; categoryPaths: ReadonlyMap<string, string> };

export function categoryPathMap(categories: readonly CategoryOption[]): Map<string, string> {
  return new Map(categories.map((category) => [category.id, category.path]));
}

/** The text an editor starts from, and what fill-down copies: plain, re-parseable. */
export function toEditText(field: EditableField, value: CellValue | undefined, context: TextContext): string {
  if (value === null || value === undefined) return "";
  if (Array.isArray(value)) return value.join(", ");
  const type = fieldSpecs[field].type;
  if (type === "money" && typeof value === "number") return formatMinor(value, context.currency);
  if (type === "category" && typeof value === "string") return context.categoryPaths.get(value) ?? value;
  return String(value);
}

/** What the cell shows. An invalid cell's value is the raw text the user typed. */
export function toDisplayText(field: EditableField, value: CellValue | undefined, context: TextContext): string {
  const type = fieldSpecs[field].type;
  if (type === "money" && typeof value === "number") return formatMoney(value, context.currency);
  if (type === "integer" && typeof value === "number") return value.toLocaleString();
  if (type === "status" && typeof value === "string") return value.charAt(0).toUpperCase() + value.slice(1);
  return toEditText(field, value, context);
}
