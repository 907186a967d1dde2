import { z } from "zod";
import { scopeOf } from "../../core/scope";
import { permissionProcedure } from "../../core/trpc";
import { createSchedule as create, deleteSchedule as remove, listSchedules as list } from "../../services/reports";
import { reportFiltersSchema } from "./schemas";

/** PostgreSQL refuses NUL in text, so it is refused here with a field error rather than a 500. */
const nameSchema = z
  .string()
  .trim()
  .min(1, "Give the schedule a name")
  .max(120)
  .refine((value) => !value.includes("\u0000"), "The name contains an invalid character");

const scheduleSchema = z.object({
  id: z.string(),
  name: z.string(),
  report: z.string(),
  title: z.string(),
  frequency: z.enum(["daily", "weekly"]),
  recipients: z.array(z.object({ userId: z.string(), name: z.string() })),
  bom: z.boolean(),
  nextRunAt: z.string(),
  lastRunAt: z.string().nullable(),
});

export const listSchedules = permissionProcedure("report:read")
  .output(z.array(scheduleSchema))
  .query(({ ctx }) => list(scopeOf(ctx)));

/** Any member who may run a report may schedule it for members of the organization. */
export const createSchedule = permissionProcedure("report:read")
  .input(
    z.object({
      name: nameSchema,
      report: z.string().min(1).max(64),
      filters: reportFiltersSchema,
      frequency: z.enum(["daily", "weekly"]),
      recipients: z.array(z.string().min(1).max(64)).min(1, "Choose at least one member").max(50),
      bom: z.boolean().default(true),
    }),
  )
  .output(z.object({ id: z.string() }))
  .mutation(({ ctx, input }) => create(scopeOf(ctx), input));

export const deleteSchedule = permissionProcedure("report:read")
  .input(z.object({ id: z.uuid() }))
  .output(z.object({ ok: z.literal(true) }))
  .mutation(async ({ ctx, input }) => {
    await remove(scopeOf(ctx), input.id);
    return { ok: true as const };
  });
