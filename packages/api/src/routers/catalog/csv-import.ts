import { importFields, text } from "@syncstore/domain";
import { z } from "zod";
import { scopeOf } from "../../core/scope";
import { permissionProcedure, router } from "../../core/trpc";
import { applyImport, dryRunImport } from "../../services/catalog/csv-import";
import { bulkOperationSchema } from "./bulk";

/** Header text or column index → catalog field, or null to skip the column. */
export const importMappingSchema = z.record(text().max(200), z.enum(importFields).nullable());

const importInput = z.strictObject({ importId: z.uuid(), mapping: importMappingSchema.default({}) });

const reportSchema = z.object({
  importId: text(),
  fileName: text().nullable(),
  headers: z.array(text()),
  mapping: z.array(z.enum(importFields).nullable()),
  unknownColumns: z.array(z.object({ column: z.number(), header: text() })),
  problems: z.array(text()),
  rows: z.number(),
  creates: z.number(),
  newProducts: z.number(),
  updates: z.number(),
  unchanged: z.number(),
  errorRows: z.number(),
  errors: z.array(z.object({ row: z.number(), column: text().nullable(), message: text() })),
  currency: text(),
});
export type ImportReportOutput = z.infer<typeof reportSchema>;

/** The dry run again with the user's mapping (the upload route returns the first one). */
const preview = permissionProcedure("catalog:write")
  .input(importInput)
  .output(reportSchema)
  .query(({ ctx, input }) => dryRunImport(ctx.em, scopeOf(ctx).actor.organizationId, input.importId, input.mapping));

/** `apply` is reserved in tRPC routers (the client proxy uses call/apply), hence `start`. */
const start = permissionProcedure("bulk:write")
  .input(importInput)
  .output(bulkOperationSchema)
  .mutation(({ ctx, input }) => applyImport(scopeOf(ctx), input.importId, input.mapping));

export const importRouter = router({ preview, start });
