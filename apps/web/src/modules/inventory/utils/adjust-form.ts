import { z } from "zod";

export const adjustFormSchema = z.object({
  mode: z.enum(["set", "add", "remove"]),
  quantity: z
    .number({ error: "Enter a whole number" })
    .int("Enter a whole number")
    .min(0, "Enter 0 or more")
    .max(1_000_000, "At most 1,000,000"),
  reason: z.enum(["manual", "count"]),
  note: z.string().trim().max(500, "At most 500 characters"),
});

export type AdjustFormValues = z.infer<typeof adjustFormSchema>;

/** The on hand an adjustment leads to, from the on hand shown (null: the form is not valid yet). */
export function resultingOnHand(values: Pick<AdjustFormValues, "mode" | "quantity">, onHand: number): number | null {
  if (!Number.isInteger(values.quantity)) return null;
  if (values.mode === "set") return values.quantity;
  return values.mode === "add" ? onHand + values.quantity : onHand - values.quantity;
}

/** Form-level checks the schema cannot make alone (they depend on the row). */
export function adjustProblem(values: AdjustFormValues, onHand: number, held: number): string | null {
  const next = resultingOnHand(values, onHand);
  if (next === null) return null;
  if (values.mode !== "set" && values.quantity === 0) return "Enter a quantity above 0";
  if (next < 0) return `At most ${onHand} can be removed`;
  if (next < held) return `On hand cannot go below the ${held} unit(s) held by open orders and promotions`;
  return null;
}
