import { text } from "@syncstore/domain";
import { roleNames } from "@syncstore/auth/permissions";
import { z } from "zod";

export const roleSchema = z.enum(roleNames, { message: `Role must be one of ${roleNames.join(", ")}` });
export const idSchema = z.uuid("Must be a valid id");

export const auditItemSchema = z.object({
  id: text(),
  at: z.date(),
  actor: z.object({ id: text(), name: text(), email: text() }).nullable(),
  action: text(),
  entity: text(),
  entityId: text().nullable(),
  /** What the entity was called when the row was written (SKU, title, shop name, email). */
  label: text().nullable(),
  /** Where the entity is shown, while it still exists. */
  href: text().nullable(),
  diff: z.record(text(), z.object({ before: z.unknown(), after: z.unknown() })),
  ip: text().nullable(),
  userAgent: text().nullable(),
});
