import { sqlRows, type EntityManager } from "@syncstore/db";
import type { AlertRaisedPayload } from "@syncstore/realtime";
import { raiseAlert } from "./raise";

/** Used when the organization has not set its own default (Settings → Inventory). */
export const DEFAULT_LOW_STOCK_THRESHOLD = 5;

interface Crossing {
  variant_id: string;
  sku: string;
  available: number;
  threshold: number;
  alerted: boolean;
  out_alerted: boolean;
}

/**
 * Low stock, one alert per crossing of each line. Falling to the threshold (the variant's override,
 * else the organization default) or below raises one warning and marks the variant; falling to 0
 * or below raises one critical out-of-stock alert (a fall past both lines at once raises only the
 * critical one). Nothing is raised again until available rises back above the line, which clears
 * the mark and resolves that line's alert. Call it in the transaction that changed the stock.
 */
export async function checkLowStock(
  tx: EntityManager,
  organizationId: string,
  variantIds: readonly string[],
): Promise<AlertRaisedPayload[]> {
  if (variantIds.length === 0) return [];
  const rows = await sqlRows<Crossing>(
    tx,
    `select s.variant_id::text as variant_id, v.sku, s.available,
            coalesce(vs.low_stock_threshold, i.low_stock_threshold, $3)::int as threshold,
            coalesce(vs.low_stock_alerted, false) as alerted,
            coalesce(vs.out_of_stock_alerted, false) as out_alerted
       from stock_level s
       join variant v on v.id = s.variant_id
       left join variant_stock_setting vs on vs.variant_id = s.variant_id
       left join inventory_settings i on i.organization_id = s.organization_id
      where s.organization_id = $1 and s.variant_id = any($2::uuid[])`,
    [organizationId, variantIds, DEFAULT_LOW_STOCK_THRESHOLD],
  );
  const raised: AlertRaisedPayload[] = [];
  const out = rows.filter((row) => row.available <= 0 && !row.out_alerted);
  const low = rows.filter((row) => row.available > 0 && row.available <= row.threshold && !row.alerted);
  const marked = [...out, ...low];
  if (marked.length > 0)
    await sqlRows(
      tx,
      `insert into variant_stock_setting (variant_id, organization_id, low_stock_alerted, out_of_stock_alerted)
       select x.id, $1, true, x.out from unnest($2::uuid[], $3::boolean[]) as x(id, out)
       on conflict (variant_id) do update
         set low_stock_alerted = true,
             out_of_stock_alerted = variant_stock_setting.out_of_stock_alerted or excluded.out_of_stock_alerted`,
      [organizationId, marked.map((row) => row.variant_id), marked.map((row) => row.available <= 0)],
    );
  for (const row of out)
    raised.push(
      await raiseAlert(tx, {
        organizationId,
        kind: "stock.out",
        dedupeKey: `stock.out:${row.variant_id}`,
        severity: "critical",
        title: `${row.sku} is out of stock`,
        detail: `Available ${row.available}. Every shop of the variant is pushed 0 until it is restocked.`,
        subject: { variantId: row.variant_id, sku: row.sku, available: row.available, threshold: row.threshold },
      }),
    );
  for (const row of low)
    raised.push(
      await raiseAlert(tx, {
        organizationId,
        kind: "stock.low",
        dedupeKey: `stock.low:${row.variant_id}`,
        severity: "warning",
        title: `${row.sku} is low on stock (${row.available} left)`,
        detail: `Available ${row.available}, threshold ${row.threshold}.`,
        subject: { variantId: row.variant_id, sku: row.sku, available: row.available, threshold: row.threshold },
      }),
    );
  // Back above a line: clear its mark and resolve its alert (above the threshold clears both).
  const aboveZero = rows.filter((row) => row.available > 0 && row.out_alerted);
  const aboveThreshold = rows.filter((row) => row.available > row.threshold && row.alerted);
  if (aboveZero.length > 0 || aboveThreshold.length > 0) {
    await sqlRows(
      tx,
      `update variant_stock_setting
          set out_of_stock_alerted = out_of_stock_alerted and not (variant_id = any($1::uuid[])),
              low_stock_alerted = low_stock_alerted and not (variant_id = any($2::uuid[]))
        where variant_id = any($1::uuid[] || $2::uuid[])`,
      [aboveZero.map((row) => row.variant_id), aboveThreshold.map((row) => row.variant_id)],
    );
    await sqlRows(
      tx,
      `update alert set status = 'resolved', resolved_at = now()
        where organization_id = $1 and status <> 'resolved' and dedupe_key = any($2::text[])`,
      [
        organizationId,
        [
          ...aboveZero.map((row) => `stock.out:${row.variant_id}`),
          ...aboveThreshold.map((row) => `stock.low:${row.variant_id}`),
        ],
      ],
    );
  }
  return raised;
}
