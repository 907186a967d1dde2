import { z } from "zod";
import {
  MAX_STOCK,
  compareAtPriceField,
  priceField,
  statusField,
  stockField,
  tagField,
  type ProductStatusValue,
} from "./fields";
import { computePrice, PriceRuleError } from "./price-rules";

/**
 * Bulk actions over catalog rows: what the "Bulk edit" dialog sends, what the preview and the
 * bulk-operation job apply row by row. Pure: the caller locks and writes.
 */

export const priceEndingSchema = z.enum(["none", "99", "90", "whole"]);
const ending = priceEndingSchema.default("none");

/** A signed change of minor units. */
const minorDelta = z
  .number({ message: "Amount must be a number" })
  .int("Amount must be a whole number of minor units")
  .min(-Number.MAX_SAFE_INTEGER)
  .max(Number.MAX_SAFE_INTEGER);

export const bulkActionSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("set_price"), amount: priceField, ending }),
  z.object({ kind: z.literal("change_price_amount"), amount: minorDelta, ending }),
  z.object({
    kind: z.literal("change_price_percent"),
    /** Percent with up to two decimals: 10 = +10 %, -12.5 = -12.5 %. */
    percent: z
      .number({ message: "Percent must be a number" })
      .min(-100, "A price cannot drop by more than 100%")
      .max(1000, "A price cannot rise by more than 1000%")
      .refine((value) => Math.abs(value * 100 - Math.round(value * 100)) < 1e-6, {
        message: "Percent may have at most two decimals",
      }),
    ending,
  }),
  z.object({ kind: z.literal("round_price"), ending: z.enum(["99", "90", "whole"]) }),
  z.object({ kind: z.literal("set_compare_at"), amount: compareAtPriceField }),
  z.object({ kind: z.literal("set_category"), categoryId: z.uuid("Category must be a valid id").nullable() }),
  z.object({ kind: z.literal("set_status"), status: statusField }),
  z.object({ kind: z.literal("add_tag"), tag: tagField }),
  z.object({ kind: z.literal("remove_tag"), tag: tagField }),
  z.object({ kind: z.literal("set_stock"), quantity: stockField }),
]);
export type BulkAction = z.infer<typeof bulkActionSchema>;
export type BulkActionInput = z.input<typeof bulkActionSchema>;
export type BulkActionKind = BulkAction["kind"];

export const bulkActionLabels: Record<BulkActionKind, string> = {
  set_price: "Set price",
  change_price_amount: "Change price by amount",
  change_price_percent: "Change price by percent",
  round_price: "Round price to an ending",
  set_compare_at: "Set compare-at price",
  set_category: "Set category",
  set_status: "Set status",
  add_tag: "Add tag",
  remove_tag: "Remove tag",
  set_stock: "Set stock",
};

/** The values of a row a bulk action can read or change. Money in minor units. */
export interface BulkRowValues {
  price: number;
  compareAtPrice: number | null;
  categoryId: string | null;
  status: ProductStatusValue;
  tags: string[];
  stockOnHand: number;
}

export interface BulkRow extends BulkRowValues {
  /** Units reserved for orders: stock cannot be set below them. */
  reserved: number;
}

export type BulkOutcome = { ok: true; changed: boolean; next: BulkRowValues } | { ok: false; reason: string };

export const MAX_TAGS = 50;

/** The product-level fields an action touches ("product") or the variant-level ones ("variant"). */
export function bulkActionLevel(action: BulkAction): "product" | "variant" | "stock" {
  switch (action.kind) {
    case "set_category":
    case "set_status":
    case "add_tag":
    case "remove_tag":
      return "product";
    case "set_stock":
      return "stock";
    default:
      return "variant";
  }
}

function priceOutcome(row: BulkRow, compute: () => number): BulkOutcome {
  try {
    const price = compute();
    const parsed = priceField.safeParse(price);
    if (!parsed.success) return { ok: false, reason: parsed.error.issues[0]?.message ?? "Invalid price" };
    return { ok: true, changed: price !== row.price, next: { ...values(row), price } };
  } catch (err) {
    if (err instanceof PriceRuleError) return { ok: false, reason: err.message };
    throw err;
  }
}

function values(row: BulkRow): BulkRowValues {
  return {
    price: row.price,
    compareAtPrice: row.compareAtPrice,
    categoryId: row.categoryId,
    status: row.status,
    tags: [...row.tags],
    stockOnHand: row.stockOnHand,
  };
}

function outcome(row: BulkRow, next: BulkRowValues): BulkOutcome {
  const before = values(row);
  return { ok: true, changed: JSON.stringify(before) !== JSON.stringify(next), next };
}

/**
 * The row's values after the action, or why the action cannot apply to it (a negative price, stock
 * below the reserved units, too many tags). `changed` is false when the row already has the values.
 */
export function applyBulkAction(row: BulkRow, action: BulkAction, currency: string): BulkOutcome {
  switch (action.kind) {
    case "set_price":
      return priceOutcome(row, () =>
        computePrice(row.price, { kind: "set", amount: action.amount }, action.ending, currency),
      );
    case "change_price_amount":
      return priceOutcome(row, () =>
        computePrice(row.price, { kind: "change_amount", amount: action.amount }, action.ending, currency),
      );
    case "change_price_percent":
      return priceOutcome(row, () =>
        computePrice(
          row.price,
          { kind: "change_percent", basisPoints: Math.round(action.percent * 100) },
          action.ending,
          currency,
        ),
      );
    case "round_price":
      return priceOutcome(row, () =>
        computePrice(row.price, { kind: "change_amount", amount: 0 }, action.ending, currency),
      );
    case "set_compare_at":
      return outcome(row, { ...values(row), compareAtPrice: action.amount });
    case "set_category":
      return outcome(row, { ...values(row), categoryId: action.categoryId });
    case "set_status":
      return outcome(row, { ...values(row), status: action.status });
    case "add_tag": {
      if (row.tags.includes(action.tag)) return outcome(row, values(row));
      if (row.tags.length >= MAX_TAGS) return { ok: false, reason: `The product already has ${MAX_TAGS} tags` };
      return outcome(row, { ...values(row), tags: [...row.tags, action.tag] });
    }
    case "remove_tag":
      return outcome(row, { ...values(row), tags: row.tags.filter((tag) => tag !== action.tag) });
    case "set_stock": {
      if (action.quantity > MAX_STOCK) return { ok: false, reason: "Stock must be at most 1,000,000,000" };
      if (action.quantity < row.reserved)
        return { ok: false, reason: `Stock cannot go below the ${row.reserved} units reserved for orders` };
      return outcome(row, { ...values(row), stockOnHand: action.quantity });
    }
  }
}
