import { text } from "@syncstore/domain";
import { z } from "zod";
import { scopeOf } from "../../core/scope";
import { permissionProcedure } from "../../core/trpc";
import { adjustModes, adjustReasons, adjustStock as adjust } from "../../services/inventory/adjust";

export const adjustStockInput = z
  .object({
    variantId: z.uuid("Must be a valid variant id"),
    mode: z.enum(adjustModes),
    quantity: z
      .number({ error: "Enter a whole number" })
      .int("Enter a whole number")
      .min(0, "Enter 0 or more")
      .max(1_000_000, "At most 1,000,000"),
    expected: z.number().int().min(0),
    reason: z.enum(adjustReasons),
    note: text().trim().max(500, "At most 500 characters").optional(),
  })
  .strict()
  .refine((input) => input.mode === "set" || input.quantity > 0, {
    message: "Enter a quantity above 0",
    path: ["quantity"],
  });

/**
 * Set, add or remove on-hand units with a reason. `expected` is the on hand the user saw: when an
 * order moved it since, the change is refused (CONFLICT) and nothing is written.
 */
export const adjustStock = permissionProcedure("inventory:write")
  .input(adjustStockInput)
  .output(z.object({ variantId: text(), before: z.number().int(), after: z.number().int() }))
  .mutation(({ ctx, input }) => adjust(scopeOf(ctx), input));
