import { reportFiltersSchema } from "@syncstore/services/reports";
import { z } from "zod";

export { reportFiltersSchema };

export const reportRunSchema = z.object({
  id: z.string(),
  report: z.string(),
  title: z.string(),
  status: z.string(),
  rows: z.number(),
  totalRows: z.number().nullable(),
  bytes: z.number(),
  scheduleName: z.string().nullable(),
  sentTo: z.array(z.string()),
  error: z.string().nullable(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
  expiresAt: z.string().nullable(),
  downloadable: z.boolean(),
});
