import { roleNames } from "@syncstore/auth/permissions";
import { z } from "zod";

export const roleSchema = z.enum(roleNames, { message: `Role must be one of ${roleNames.join(", ")}` });
export const idSchema = z.uuid("Must be a valid id");

export const auditItemSchema = z.object({
  id: z.string(),
  at: z.date(),
  actor: z.object({ id: z.string(), name: z.string(), email: z.string() }).nullable(),
  action: z.string(),
  entity: z.string(),
  entityId: z.string().nullable(),
  diff: z.record(z.string(), z.object({ before: z.unknown(), after: z.unknown() })),
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
});
