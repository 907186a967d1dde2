import { z } from "zod";
import { scopeOf } from "../../core/scope";
import { permissionProcedure } from "../../core/trpc";
import { linkPreview as preview } from "../../services/conflicts/link-preview";

const values = z.object({
  title: z.string().nullable().optional(),
  description: z.string().nullable().optional(),
  price: z.number().nullable().optional(),
  currency: z.string().nullable().optional(),
});
const group = z.object({ master: values, channel: values, differs: z.boolean(), canTakeChannel: z.boolean() });

/** Link-time choice: master against the shop's values per field group, before a listing is linked. */
export const linkPreview = permissionProcedure("channel:read")
  .input(z.strictObject({ listingId: z.uuid(), variantId: z.uuid() }))
  .output(z.object({ content: group, price: group }))
  .query(({ ctx, input }) => preview(scopeOf(ctx), input));
