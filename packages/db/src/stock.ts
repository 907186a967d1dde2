import type { EntityManager } from "@mikro-orm/postgresql";
import { sqlRows } from "./sql";

export interface StockMove {
  variantId: string;
  before: number;
  after: number;
}

export interface SetStockLevels {
  organizationId: string;
  /** The on-hand quantity each variant should have. */
  targets: ReadonlyMap<string, number>;
  /** Why: manual, bulk, import, order… (inventory_movement.reason). */
  reason: string;
  sourceRef: string | null;
  actorId: string | null;
}

/**
 * The one way stock changes (ARCHITECTURE invariant 5): a single guarded statement sets on_hand
 * for every target whose new quantity is not negative and covers what is reserved, and writes an
 * `inventory_movement` (before, after, reason) for each real change in the same statement. Rows are
 * locked while they change, so concurrent changes serialize. Returns the variants it set; a target
 * missing from the result was refused (below reserved or negative). Run it inside a transaction.
 */
export async function setStockLevels(tx: EntityManager, input: SetStockLevels): Promise<StockMove[]> {
  if (input.targets.size === 0) return [];
  await sqlRows(
    tx,
    `insert into stock_level (id, organization_id, variant_id, on_hand, reserved, updated_at)
     select gen_random_uuid(), $1, x.variant_id, 0, 0, now() from unnest($2::uuid[]) as x(variant_id)
     on conflict (variant_id) do nothing`,
    [input.organizationId, [...input.targets.keys()]],
  );
  const wanted = [...input.targets].map(([variantId, onHand]) => ({ variant_id: variantId, on_hand: onHand }));
  return sqlRows<StockMove>(
    tx,
    `with wanted as (select * from jsonb_to_recordset($2::jsonb) as x(variant_id uuid, on_hand int)),
          old as (select s.id, s.on_hand from stock_level s join wanted w on w.variant_id = s.variant_id
                   where s.organization_id = $1 for update of s),
          changed as (
            update stock_level s set on_hand = w.on_hand, updated_at = now()
              from old, wanted w
             where s.id = old.id and w.variant_id = s.variant_id and w.on_hand >= 0 and w.on_hand >= s.reserved
            returning s.variant_id, old.on_hand as before, s.on_hand as after),
          movement as (
            insert into inventory_movement (id, organization_id, variant_id, delta, reason, source_ref, actor_id, before, after, at)
            select gen_random_uuid(), $1, variant_id, after - before, $3, $4, $5, before, after, now()
              from changed where after <> before)
     select variant_id as "variantId", before, after from changed`,
    [input.organizationId, JSON.stringify(wanted), input.reason, input.sourceRef, input.actorId],
  );
}
