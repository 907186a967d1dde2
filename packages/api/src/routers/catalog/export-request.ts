import { searchText } from "@syncstore/domain";
import { z } from "zod";
import { exportColumnNames, type ExportColumn } from "../../services/catalog/export-csv";
import { filterSchema, sortSchema } from "./schemas";

/** The `view` query parameter of the CSV download: the grid's filters, search, sort and columns. */
export const exportRequestSchema = z.strictObject({
  filter: filterSchema.optional(),
  sort: sortSchema.optional(),
  search: searchText().max(200).optional(),
  columns: z
    .array(z.enum(exportColumnNames as [ExportColumn, ...ExportColumn[]]))
    .min(1)
    .optional(),
});
export type ExportRequest = z.infer<typeof exportRequestSchema>;
