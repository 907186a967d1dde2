import { text } from "@syncstore/domain";
import { reportFiltersSchema } from "@syncstore/services/reports";
import { z } from "zod";

export { reportFiltersSchema };

export const reportRunSchema = z.object({
  id: text(),
  report: text(),
  title: text(),
  status: text(),
  rows: z.number(),
  totalRows: z.number().nullable(),
  bytes: z.number(),
  scheduleName: text().nullable(),
  sentTo: z.array(text()),
  error: text().nullable(),
  createdAt: text(),
  finishedAt: text().nullable(),
  expiresAt: text().nullable(),
  downloadable: z.boolean(),
});
