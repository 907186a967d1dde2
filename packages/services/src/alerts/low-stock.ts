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
}

/**
 * Low stock, one alert per crossing: when a variant's available falls to its threshold (the
 * variant's override, else the organization default) or below, one alert is raised and the
 * variant is marked; no other alert until available rises above the threshold again, which
 * clears the mark and resolves the alert. Out of stock is critical. Call it in the transaction
 * that changed the stock.
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
            coalesce(vs.low_stock_alerted, false) as alerted
       from stock_level s
       join variant v on v.id = s.variant_id
       left join variant_stock_setting vs on vs.variant_id = s.variant_id
       left join inventory_settings i on i.organization_id = s.organization_id
      where s.organization_id = $1 and s.variant_id = any($2::uuid[])`,
    [organizationId, variantIds, DEFAULT_LOW_STOCK_THRESHOLD],
  );
  const raised: AlertRaisedPayload[] = [];
  const crossedDown = rows.filter((row) => row.available <= row.threshold && !row.alerted);
  const crossedUp = rows.filter((row) => row.available > row.threshold && row.alerted);
  if (crossedDown.length > 0)
    await sqlRows(
      tx,
      `insert into variant_stock_setting (variant_id, organization_id, low_stock_alerted)
       select unnest($2::uuid[]), $1, true
       on conflict (variant_id) do update set low_stock_alerted = true`,
      [organizationId, crossedDown.map((row) => row.variant_id)],
    );
  for (const row of crossedDown) {
    const out = row.available <= 0;
    raised.push(
      await raiseAlert(tx, {
        organizationId,
        kind: out ? "stock.out" : "stock.low",
        dedupeKey: `stock.low:${row.variant_id}`,
        severity: out ? "critical" : "warning",
        title: out ? `${row.sku} is out of stock` : `${row.sku} is low on stock (${row.available} left)`,
        detail: `Available ${row.available}, threshold ${row.threshold}.`,
        subject: { variantId: row.variant_id, sku: row.sku, available: row.available, threshold: row.threshold },
      }),
    );
  }
  if (crossedUp.length > 0) {
    const ids = crossedUp.map((row) => row.variant_id);
    await sqlRows(tx, `update variant_stock_setting set low_stock_alerted = false where variant_id = any($1::uuid[])`, [
      ids,
    ]);
    await sqlRows(
      tx,
      `update alert set status = 'resolved', resolved_at = now()
        where organization_id = $1 and status <> 'resolved' and dedupe_key = any($2::text[])`,
      [organizationId, ids.map((id) => `stock.low:${id}`)],
    );
  }
  return raised;
}
