import { text } from "@syncstore/domain";
import { can } from "@syncstore/auth/permissions";
import { z } from "zod";
import { permissionProcedure } from "../../core/trpc";
import { homeSummary } from "../../services/home";
import { auditItemSchema } from "../schemas";
import { attemptSchema } from "../sync/schemas";

export const getSummary = permissionProcedure("report:read")
  .output(
    z.object({
      members: z.number(),
      pendingInvitations: z.number(),
      auditLast7d: z.array(z.object({ day: text(), count: z.number() })),
      recentAudit: z.array(auditItemSchema).nullable(),
      products: z.number(),
      connectedChannels: z.number(),
      syncSuccessRate24h: z.number().nullable(),
      syncSuccessRate7d: z.number().nullable(),
      syncLast7d: z.array(z.object({ day: text(), succeeded: z.number(), failed: z.number() })),
      recentSync: z.array(attemptSchema),
    }),
  )
  .query(({ ctx }) => homeSummary(ctx.em, { includeAudit: can(ctx.role, "audit:read"), viewerId: ctx.user.id }));
