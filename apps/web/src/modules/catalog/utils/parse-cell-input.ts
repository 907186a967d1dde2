import { coerceCell, validateCatalogCell } from "@syncstore/domain";
import { columnKind, fieldSpecs, type CellValue, type EditableField } from "./catalog-fields";
import type { CategoryOption } from "./catalog-types";

export type CellContext = { currency: string; categories: readonly CategoryOption[] };
export type ParsedCell = { ok: true; value: CellValue } | { ok: false; message: string };

function resolveCategory(text: string, categories: readonly CategoryOption[]): ParsedCell {
  const lower = text.toLowerCase();
  const match =
    categories.find((category) => category.id === text) ??
    categories.find((category) => category.path.toLowerCase() === lower) ??
    (categories.filter((category) => category.name.toLowerCase() === lower).length === 1
      ? categories.find((category) => category.name.toLowerCase() === lower)
      : undefined);
  return match ? { ok: true, value: match.id } : { ok: false, message: `No category "${text}"` };
}

function coerce(field: EditableField, text: string, context: CellContext): ParsedCell {
  const spec = fieldSpecs[field];
  if (text === "" && spec.nullable) return { ok: true, value: null };
  if (text === "" && (spec.type === "money" || spec.type === "integer"))
    return { ok: false, message: `${spec.label} is required` };
  if (spec.type === "tags") {
    const tags = [
      ...new Set(
        text
          .split(",")
          .map((tag) => tag.trim())
          .filter(Boolean),
      ),
    ];
    return { ok: true, value: tags };
  }
  if (spec.type === "category") return resolveCategory(text, context.categories);
  const result = coerceCell(text, columnKind(field, context.currency, context.categories));
  if (!result.ok) return result;
  if (spec.type === "text" && result.value === "" && spec.nullable) return { ok: true, value: null };
  return result;
}

/**
 * Text typed, pasted or filled into a cell → the value `catalog.saveChanges` takes, through the
 * domain's coercion ("1,234.50" → 123450 minor units) and then the server's field schema.
 */
export function parseCellInput(field: EditableField, raw: string, context: CellContext): ParsedCell {
  const coerced = coerce(field, raw.trim(), context);
  if (!coerced.ok) return coerced;
  // Categories are checked against the organization's tree above; the rest by the server's schema.
  if (field === "categoryId") return coerced;
  const checked = validateCatalogCell(field, coerced.value);
  return checked.ok ? { ok: true, value: coerced.value } : checked;
}
