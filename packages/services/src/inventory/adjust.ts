import {
  readStockLevels,
  setStockLevels,
  type EntityManager,
  type MovementSource,
  type StockMove,
} from "@syncstore/db";
import type { AlertRaisedPayload } from "@syncstore/realtime";
import { checkLowStock } from "../alerts/low-stock";
import { markListingsForSync } from "../sync/mark";

/** One absolute on-hand target, with the on hand the caller saw (compare-and-set). */
export interface StockTarget {
  variantId: string;
  onHand: number;
  /** The on hand the caller read; a variant whose on hand moved since is refused. */
  expected: number | null;
}

export interface SetOnHandInput {
  organizationId: string;
  targets: readonly StockTarget[];
  reason: "manual" | "count" | "bulk" | "import" | "reconciliation";
  sourceKind: MovementSource;
  sourceRef: string | null;
  actorId: string | null;
}

/** Why a target was refused, with the stock as it is now. */
export interface RefusedTarget {
  variantId: string;
  kind: "stale" | "below_held" | "negative";
  message: string;
  onHand: number;
  held: number;
}

export interface SetOnHandResult {
  moves: StockMove[];
  refused: RefusedTarget[];
  alerts: AlertRaisedPayload[];
}

/**
 * Absolute on-hand changes of the inventory capability (adjustments, stock counts), through the
 * one stock writer (`setStockLevels`, compare-and-set), in the caller's transaction: the variants'
 * listings are queued for a high-priority push and low stock is checked, like every other stock
 * change. Targets the writer refused come back with the reason and the current values.
 */
export async function setOnHand(tx: EntityManager, input: SetOnHandInput): Promise<SetOnHandResult> {
  const targets = new Map(input.targets.map((t) => [t.variantId, t.onHand]));
  const expected = new Map(
    input.targets.flatMap((t) => (t.expected === null ? [] : [[t.variantId, t.expected] as const])),
  );
  const moves = await setStockLevels(tx, {
    organizationId: input.organizationId,
    targets,
    expected,
    reason: input.reason,
    sourceKind: input.sourceKind,
    sourceRef: input.sourceRef,
    actorId: input.actorId,
  });
  const set = new Set(moves.map((move) => move.variantId));
  const missing = input.targets.filter((t) => !set.has(t.variantId));
  const now = new Map(
    (
      await readStockLevels(
        tx,
        input.organizationId,
        missing.map((t) => t.variantId),
      )
    ).map((row) => [row.variantId, row]),
  );
  const refused = missing.map((target): RefusedTarget => {
    const row = now.get(target.variantId);
    const onHand = row?.onHand ?? 0;
    const held = row ? row.committed + row.promotionReserved + row.unavailable : 0;
    if (target.onHand < 0)
      return { variantId: target.variantId, kind: "negative", onHand, held, message: "On hand cannot be negative" };
    if (target.expected !== null && target.expected !== onHand)
      return {
        variantId: target.variantId,
        kind: "stale",
        onHand,
        held,
        message: `On hand changed since it was read: expected ${target.expected}, it is now ${onHand}. Nothing was changed; review the new value and try again.`,
      };
    return {
      variantId: target.variantId,
      kind: "below_held",
      onHand,
      held,
      message: `On hand cannot go below the ${held} unit(s) held by open orders, promotions and unavailable stock (asked ${target.onHand}).`,
    };
  });
  const changed = moves.filter((move) => move.after !== move.before).map((move) => move.variantId);
  let alerts: AlertRaisedPayload[] = [];
  if (changed.length > 0) {
    await markListingsForSync(tx, { organizationId: input.organizationId, variantIds: changed, priority: "high" });
    alerts = await checkLowStock(tx, input.organizationId, changed);
  }
  return { moves, refused, alerts };
}
