import { text } from "@syncstore/domain";
import { z } from "zod";
import { scopeOf } from "../../core/scope";
import { permissionProcedure } from "../../core/trpc";
import { statsRanges, webhookStats, type StatsRange } from "../../services/webhooks/stats";

const rangeSchema = z.enum(Object.keys(statsRanges) as [StatsRange, ...StatsRange[]]);

/** Counts (statuses, duplicates, signature failures), the processing lag series and reconciliation results. */
export const getStats = permissionProcedure("webhook:read")
  .input(z.strictObject({ range: rangeSchema.default("24h") }))
  .output(
    z.object({
      from: z.date(),
      counts: z.object({
        received: z.number(),
        processed: z.number(),
        pending: z.number(),
        failed: z.number(),
        unknownShop: z.number(),
        ignored: z.number(),
        duplicates: z.number(),
        replays: z.number(),
      }),
      rejections: z.object({ missingSignature: z.number(), invalidSignature: z.number(), staleTimestamp: z.number() }),
      signatureFailures: z.number(),
      lag: z.array(
        z.object({ at: z.date(), events: z.number(), p50Ms: z.number(), p95Ms: z.number(), maxMs: z.number() }),
      ),
      reconciliation: z.array(
        z.object({
          connectionId: text(),
          connectionName: text(),
          platform: z.enum(["shopee", "tiktok"]),
          lastReconciledAt: z.date().nullable(),
          lastRun: z
            .object({
              id: text(),
              status: text(),
              startedAt: z.date(),
              finishedAt: z.date().nullable(),
              ordersChecked: z.number(),
              ordersMissed: z.number(),
              listingsChecked: z.number(),
              listingChangesMissed: z.number(),
              error: text().nullable(),
            })
            .nullable(),
        }),
      ),
    }),
  )
  .query(({ ctx, input }) => webhookStats(scopeOf(ctx), input.range));
