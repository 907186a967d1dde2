import type { EntityManager } from "@mikro-orm/postgresql";
import type { MovementSource, StockBucket } from "./entities/inventory";
import { sqlRows } from "./sql";

export interface StockMove {
  variantId: string;
  before: number;
  after: number;
}

/** Where a stock change came from; written on every movement row it causes. */
export interface StockSource {
  /** Why: manual, count, bulk, import, order_committed… (inventory_movement.reason). */
  reason: string;
  sourceRef: string | null;
  /** What `sourceRef` names (order line, webhook event, bulk operation, import, user). */
  sourceKind?: MovementSource | null;
  actorId: string | null;
  /** The order whose transition caused the change (order movements). */
  orderId?: string | null;
  webhookEventId?: string | null;
}

export interface SetStockLevels extends StockSource {
  organizationId: string;
  /** The on-hand quantity each variant should have. */
  targets: ReadonlyMap<string, number>;
  /**
   * Compare-and-set: the on-hand quantity each variant had when the caller read it. A variant whose
   * on hand differs now (an order moved it since) is refused, like one below what is held.
   */
  expected?: ReadonlyMap<string, number>;
}

const ensureRows = `insert into stock_level (id, organization_id, variant_id, on_hand, committed, updated_at)
     select gen_random_uuid(), $1, x.variant_id, 0, 0, now() from unnest($2::uuid[]) as x(variant_id)
     on conflict (variant_id, location_id) do nothing`;

/**
 * The one way stock changes (ARCHITECTURE invariant 5). `setStockLevels` sets on_hand (absolute)
 * for every target whose new quantity is not negative, covers what is held (committed, promotion
 * reserved, unavailable) and, when an expected value is given, still equals it; it writes one
 * `inventory_movement` (bucket on_hand, before, after, reason, source) per real change in the same
 * statement. Rows are locked while they change, so concurrent changes serialize. Returns the
 * variants it set; a target missing from the result was refused. Run it inside a transaction.
 * The bucket identity `available = on_hand − committed − promotion_reserved − unavailable ≥ 0` is
 * a check constraint and `available` a generated column (docs/inventory.md).
 */
export async function setStockLevels(tx: EntityManager, input: SetStockLevels): Promise<StockMove[]> {
  if (input.targets.size === 0) return [];
  await sqlRows(tx, ensureRows, [input.organizationId, [...input.targets.keys()]]);
  const wanted = [...input.targets].map(([variantId, onHand]) => ({
    variant_id: variantId,
    on_hand: onHand,
    expected: input.expected?.get(variantId) ?? null,
  }));
  return sqlRows<StockMove>(
    tx,
    `with wanted as (select * from jsonb_to_recordset($2::jsonb) as x(variant_id uuid, on_hand int, expected int)),
          old as (select s.id, s.on_hand from stock_level s join wanted w on w.variant_id = s.variant_id
                   where s.organization_id = $1 for update of s),
          changed as (
            update stock_level s set on_hand = w.on_hand, updated_at = now()
              from old, wanted w
             where s.id = old.id and w.variant_id = s.variant_id and w.on_hand >= 0 and w.on_hand >= s.reserved
               and (w.expected is null or w.expected = old.on_hand)
            returning s.variant_id, s.location_id, old.on_hand as before, s.on_hand as after),
          movement as (
            insert into inventory_movement (id, organization_id, variant_id, location_id, bucket, delta, reason,
                                            source_kind, source_ref, order_id, webhook_event_id, actor_id, before, after, at)
            select gen_random_uuid(), $1, variant_id, location_id, 'on_hand', after - before, $3, $6, $4, $7, $8, $5,
                   before, after, now()
              from changed where after <> before)
     select variant_id as "variantId", before, after from changed`,
    [
      input.organizationId,
      JSON.stringify(wanted),
      input.reason,
      input.sourceRef,
      input.actorId,
      input.sourceKind ?? null,
      input.orderId ?? null,
      input.webhookEventId ?? null,
    ],
  );
}

/** A relative change of some buckets of one variant (an order commit, a shipment, a return…). */
export interface StockDelta {
  variantId: string;
  onHand?: number;
  committed?: number;
  promotionReserved?: number;
  unavailable?: number;
  /** Per-delta source reference (the order line); falls back to the call's. */
  sourceRef?: string | null;
}

export interface ApplyStockMovements extends StockSource {
  organizationId: string;
  deltas: readonly StockDelta[];
}

export interface BucketMove {
  variantId: string;
  bucket: StockBucket;
  before: number;
  after: number;
}

export interface AppliedDelta {
  variantId: string;
  /** Available after the change (on_hand − committed − promotion_reserved − unavailable). */
  available: number;
  onHand: number;
  committed: number;
  moves: BucketMove[];
}

interface DeltaRow {
  variantId: string;
  available: number;
  onHand: number;
  committed: number;
  moves: BucketMove[];
}

/**
 * Moves stock between buckets, relatively, as one guarded statement per variant: a delta whose
 * result would break the identity (a bucket below 0, available below 0) changes nothing and is
 * missing from the result. One `inventory_movement` per bucket touched, with before and after,
 * in the same statement. Deltas for the same variant must be merged by the caller. Run it inside
 * a transaction.
 */
export async function applyStockMovements(tx: EntityManager, input: ApplyStockMovements): Promise<AppliedDelta[]> {
  if (input.deltas.length === 0) return [];
  const ids = input.deltas.map((delta) => delta.variantId);
  if (new Set(ids).size !== ids.length) throw new Error("applyStockMovements: one delta per variant");
  await sqlRows(tx, ensureRows, [input.organizationId, ids]);
  const rows = input.deltas.map((delta) => ({
    variant_id: delta.variantId,
    on_hand: delta.onHand ?? 0,
    committed: delta.committed ?? 0,
    promotion_reserved: delta.promotionReserved ?? 0,
    unavailable: delta.unavailable ?? 0,
    source_ref: delta.sourceRef ?? input.sourceRef,
  }));
  const result = await sqlRows<DeltaRow>(
    tx,
    `with wanted as (select * from jsonb_to_recordset($2::jsonb)
                       as x(variant_id uuid, on_hand int, committed int, promotion_reserved int, unavailable int, source_ref text)),
          old as (select s.* from stock_level s join wanted w on w.variant_id = s.variant_id
                   where s.organization_id = $1 for update of s),
          changed as (
            update stock_level s
               set on_hand = s.on_hand + w.on_hand, committed = s.committed + w.committed,
                   promotion_reserved = s.promotion_reserved + w.promotion_reserved,
                   unavailable = s.unavailable + w.unavailable, updated_at = now()
              from old, wanted w
             where s.id = old.id and w.variant_id = s.variant_id
               and old.on_hand + w.on_hand >= 0 and old.committed + w.committed >= 0
               and old.promotion_reserved + w.promotion_reserved >= 0 and old.unavailable + w.unavailable >= 0
               and (old.on_hand + w.on_hand) - (old.committed + w.committed)
                   - (old.promotion_reserved + w.promotion_reserved) - (old.unavailable + w.unavailable) >= 0
            returning s.variant_id, s.location_id, s.on_hand, s.committed, s.promotion_reserved, s.unavailable,
                      old.on_hand as old_on_hand, old.committed as old_committed,
                      old.promotion_reserved as old_promotion_reserved, old.unavailable as old_unavailable,
                      w.source_ref),
          moves as (
            select c.variant_id, c.location_id, c.source_ref, m.bucket, m.before, m.after
              from changed c
              cross join lateral (values ('on_hand', c.old_on_hand, c.on_hand),
                                         ('committed', c.old_committed, c.committed),
                                         ('promotion_reserved', c.old_promotion_reserved, c.promotion_reserved),
                                         ('unavailable', c.old_unavailable, c.unavailable)) as m(bucket, before, after)
             where m.before <> m.after),
          movement as (
            insert into inventory_movement (id, organization_id, variant_id, location_id, bucket, delta, reason,
                                            source_kind, source_ref, order_id, webhook_event_id, actor_id, before, after, at)
            select gen_random_uuid(), $1, variant_id, location_id, bucket, after - before, $3, $4, source_ref, $5, $6, $7,
                   before, after, now()
              from moves)
     select c.variant_id::text as "variantId",
            (c.on_hand - c.committed - c.promotion_reserved - c.unavailable)::int as available,
            c.on_hand as "onHand", c.committed,
            coalesce((select jsonb_agg(jsonb_build_object('variantId', m.variant_id, 'bucket', m.bucket,
                                                          'before', m.before, 'after', m.after))
                        from moves m where m.variant_id = c.variant_id), '[]'::jsonb) as moves
       from changed c`,
    [
      input.organizationId,
      JSON.stringify(rows),
      input.reason,
      input.sourceKind ?? null,
      input.orderId ?? null,
      input.webhookEventId ?? null,
      input.actorId,
    ],
  );
  return result;
}

/** The stock of some variants as it is now (available derived by PostgreSQL). */
export interface StockRow {
  variantId: string;
  onHand: number;
  committed: number;
  promotionReserved: number;
  unavailable: number;
  available: number;
}

export async function readStockLevels(
  tx: EntityManager,
  organizationId: string,
  variantIds: readonly string[],
  options: { lock?: boolean } = {},
): Promise<StockRow[]> {
  if (variantIds.length === 0) return [];
  return sqlRows<StockRow>(
    tx,
    `select variant_id::text as "variantId", on_hand as "onHand", committed, promotion_reserved as "promotionReserved",
            unavailable, available
       from stock_level where organization_id = $1 and variant_id = any($2::uuid[])
      order by variant_id ${options.lock ? "for update" : ""}`,
    [organizationId, variantIds],
  );
}
