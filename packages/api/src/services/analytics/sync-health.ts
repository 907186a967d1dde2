import { sqlRows, type EntityManager } from "@syncstore/db";
import { addHistograms, daysBetween, histogramPercentile, ratio } from "@syncstore/domain";
import { organizationOf } from "../sql";
import { periodsOf, rollupFreshness, shopsOf, type AnalyticsFilter } from "./range";

export interface SyncHealthShop {
  id: string;
  name: string;
  platform: string;
  attempts: number;
  successes: number;
  failures: number;
  successRate: number | null;
  /** From the summed latency histograms: the upper bound of the bucket holding the percentile. */
  p50: number | null;
  p95: number | null;
  webhooks: number;
  webhookFailures: number;
  /** Listings whose channel values differ from what we last pushed, now. */
  drift: number;
}

export interface SyncHealth {
  shops: SyncHealthShop[];
  days: { day: string; attempts: number; successes: number; failures: number }[];
  reasons: { reason: string; count: number }[];
  freshness: { rolledUpAt: string | null };
}

export async function syncHealth(em: EntityManager, filter: AnalyticsFilter): Promise<SyncHealth> {
  const organizationId = organizationOf(em);
  const { current } = periodsOf(filter);
  const shops = await shopsOf(em, filter);
  const ids = shops.map((shop) => shop.id);
  const hours = await sqlRows<{
    connection_id: string;
    day: string;
    attempts: number;
    successes: number;
    failures: number;
    failures_by_reason: Record<string, number>;
    latency_histogram: number[];
    webhooks_received: number;
    webhooks_failed: number;
  }>(
    em,
    `select connection_id::text, (hour at time zone 'UTC')::date::text as day, attempts, successes, failures, failures_by_reason,
            latency_histogram, webhooks_received, webhooks_failed
       from sync_health_hourly
      where organization_id = $1 and connection_id = any($2::uuid[]) and hour >= $3::date and hour < $4::date`,
    [organizationId, ids, current.from, current.to],
  );
  const drift = await sqlRows<{ connection_id: string; n: number }>(
    em,
    `select connection_id::text, count(*)::int as n from listing
      where organization_id = $1 and connection_id = any($2::uuid[]) and drift is not null group by 1`,
    [organizationId, ids],
  );
  const driftBy = new Map(drift.map((row) => [row.connection_id, row.n]));
  const perShop = new Map(
    shops.map((shop) => [
      shop.id,
      { ...shop, attempts: 0, successes: 0, failures: 0, webhooks: 0, webhookFailures: 0, histogram: [] as number[] },
    ]),
  );
  const days = new Map(
    daysBetween(current.from, current.to).map((day) => [day, { day, attempts: 0, successes: 0, failures: 0 }]),
  );
  const reasons = new Map<string, number>();
  for (const hour of hours) {
    const shop = perShop.get(hour.connection_id);
    if (shop) {
      shop.attempts += hour.attempts;
      shop.successes += hour.successes;
      shop.failures += hour.failures;
      shop.webhooks += hour.webhooks_received;
      shop.webhookFailures += hour.webhooks_failed;
      shop.histogram = addHistograms(shop.histogram, hour.latency_histogram);
    }
    const day = days.get(hour.day);
    if (day) {
      day.attempts += hour.attempts;
      day.successes += hour.successes;
      day.failures += hour.failures;
    }
    for (const [reason, count] of Object.entries(hour.failures_by_reason))
      reasons.set(reason, (reasons.get(reason) ?? 0) + count);
  }
  return {
    shops: [...perShop.values()].map(({ histogram, region: _region, ...shop }) => ({
      ...shop,
      successRate: ratio(shop.successes, shop.successes + shop.failures),
      p50: histogramPercentile(histogram, 0.5),
      p95: histogramPercentile(histogram, 0.95),
      drift: driftBy.get(shop.id) ?? 0,
    })),
    days: [...days.values()],
    reasons: [...reasons.entries()]
      .map(([reason, count]) => ({ reason, count }))
      .sort((a, b) => b.count - a.count)
      .slice(0, 10),
    freshness: { rolledUpAt: await rollupFreshness(em, "sync_health") },
  };
}
