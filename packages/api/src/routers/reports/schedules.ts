import { text } from "@syncstore/domain";
import { z } from "zod";
import { scopeOf } from "../../core/scope";
import { permissionProcedure } from "../../core/trpc";
import { createSchedule as create, deleteSchedule as remove, listSchedules as list } from "../../services/reports";
import { reportFiltersSchema } from "./schemas";

const nameSchema = text().trim().min(1, "Give the schedule a name").max(120);

const scheduleSchema = z.object({
  id: text(),
  name: text(),
  report: text(),
  title: text(),
  frequency: z.enum(["daily", "weekly"]),
  recipients: z.array(z.object({ userId: text(), name: text() })),
  bom: z.boolean(),
  nextRunAt: text(),
  lastRunAt: text().nullable(),
});

export const listSchedules = permissionProcedure("report:read")
  .output(z.array(scheduleSchema))
  .query(({ ctx }) => list(scopeOf(ctx)));

/** Any member who may run a report may schedule it for members of the organization. */
export const createSchedule = permissionProcedure("report:read")
  .input(
    z.object({
      name: nameSchema,
      report: text().min(1).max(64),
      filters: reportFiltersSchema,
      frequency: z.enum(["daily", "weekly"]),
      recipients: z.array(text().min(1).max(64)).min(1, "Choose at least one member").max(50),
      bom: z.boolean().default(true),
    }),
  )
  .output(z.object({ id: text() }))
  .mutation(({ ctx, input }) => create(scopeOf(ctx), input));

export const deleteSchedule = permissionProcedure("report:read")
  .input(z.object({ id: z.uuid() }))
  .output(z.object({ ok: z.literal(true) }))
  .mutation(async ({ ctx, input }) => {
    await remove(scopeOf(ctx), input.id);
    return { ok: true as const };
  });
