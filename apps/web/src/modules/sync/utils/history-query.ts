import { z } from "zod";

export const historyOutcomes = ["failed", "succeeded", "retrying", "skipped"] as const;
export const historyRanges = ["1h", "24h", "7d", "30d", "all"] as const;
export type HistoryRange = (typeof historyRanges)[number];

export const rangeLabels: Record<HistoryRange, string> = {
  "1h": "Last hour",
  "24h": "Last 24 hours",
  "7d": "Last 7 days",
  "30d": "Last 30 days",
  all: "All time",
};

const rangeMs: Record<Exclude<HistoryRange, "all">, number> = {
  "1h": 3600_000,
  "24h": 24 * 3600_000,
  "7d": 7 * 24 * 3600_000,
  "30d": 30 * 24 * 3600_000,
};

const uuid = z.uuid();

/** The history filters as they live in the URL; each value is checked alone and dropped when bad. */
export const historyQuerySchema = z.object({
  channel: uuid.optional().catch(undefined),
  product: uuid.optional().catch(undefined),
  outcome: z.enum(historyOutcomes).optional().catch(undefined),
  range: z.enum(historyRanges).catch("24h"),
});
export type HistoryQuery = z.infer<typeof historyQuerySchema>;

export function parseHistoryQuery(params: URLSearchParams): HistoryQuery {
  return historyQuerySchema.parse({
    channel: params.get("channel") ?? undefined,
    product: params.get("product") ?? undefined,
    outcome: params.get("outcome") ?? undefined,
    range: params.get("range") ?? undefined,
  });
}

export function historyQueryToSearch(query: HistoryQuery): string {
  const params = new URLSearchParams();
  if (query.channel) params.set("channel", query.channel);
  if (query.product) params.set("product", query.product);
  if (query.outcome) params.set("outcome", query.outcome);
  if (query.range !== "24h") params.set("range", query.range);
  const search = params.toString();
  return search ? `?${search}` : "";
}

/** The `sync.history` input; `now` is rounded to the minute so the query key stays stable. */
export function toHistoryInput(query: HistoryQuery, now: number) {
  return {
    connectionId: query.channel,
    productId: query.product,
    outcomes: query.outcome ? [query.outcome] : undefined,
    from: query.range === "all" ? undefined : new Date(Math.floor(now / 60_000) * 60_000 - rangeMs[query.range]),
    limit: 50,
  };
}
