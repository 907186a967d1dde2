import { text } from "@syncstore/domain";
import { z } from "zod";
import { permissionProcedure } from "../../core/trpc";
import { listAudit as list } from "../../services/audit";
import { auditItemSchema } from "../schemas";

export const listAuditInput = z
  .object({
    actorId: text().min(1).optional(),
    action: text().min(1).max(100).optional(),
    entity: text().min(1).max(100).optional(),
    from: z.date().optional(),
    to: z.date().optional(),
    cursor: text().max(200).optional(),
    limit: z.number().int().min(1).max(200).default(50),
  })
  .refine((q) => !q.from || !q.to || q.from < q.to, {
    message: "The start date must be before the end date",
    path: ["to"],
  });

/** The audit CSV download's query string: the list's filters, the day bounds as instants. */
export const auditExportInput = z
  .object({
    actorId: text().min(1).optional(),
    action: text().min(1).max(100).optional(),
    entity: text().min(1).max(100).optional(),
    from: z.coerce.date().optional(),
    to: z.coerce.date().optional(),
  })
  .refine((q) => !q.from || !q.to || q.from < q.to, {
    message: "The start date must be before the end date",
    path: ["to"],
  });

export const listAudit = permissionProcedure("audit:read")
  .input(listAuditInput)
  .output(z.object({ items: z.array(auditItemSchema), nextCursor: text().nullable() }))
  .query(({ ctx, input }) => list(ctx.em, { ...input, viewerId: ctx.user.id }));
