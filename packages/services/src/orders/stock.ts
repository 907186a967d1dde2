import { applyStockMovements, sqlRows, type EntityManager } from "@syncstore/db";
import { type LineAction, type LineEffect, lineTransitions, type OrderPhase } from "@syncstore/domain";
import type { AlertRaisedPayload } from "@syncstore/realtime";
import { raiseAlert } from "../alerts/raise";
import { checkLowStock } from "../alerts/low-stock";
import { markListingsForSync } from "../sync/mark";

/** What applying an order's phase to stock did. */
export interface OrderStockResult {
  /** Variants whose stock changed (their listings were queued for a push). */
  variantIds: string[];
  /** Units newly recorded as oversold, per variant. */
  oversold: Map<string, number>;
  /** Lines whose SKU matches no variant (flagged; applied when linked). */
  unmatched: number;
  alerts: AlertRaisedPayload[];
}

export interface ApplyOrderStockInput {
  organizationId: string;
  orderId: string;
  phase: OrderPhase;
  /** Fulfilled from the platform's warehouse: seller stock never moves. */
  fulfilledByPlatform: boolean;
  /** The order's platform creation time: earlier orders win the last units. */
  placedAt: Date | null;
  webhookEventId?: string | null;
  actorId?: string | null;
  /** The return was received (or the organization restocks returns automatically). */
  returnReceived?: boolean;
}

interface LockedLine {
  id: string;
  variant_id: string | null;
  quantity: number;
  effect: LineEffect;
  committed_quantity: number;
  oversold_quantity: number;
  restocked_quantity: number;
}

const reasons: Record<Exclude<LineAction, "none">, string> = {
  commit: "order_committed",
  release: "order_released",
  ship: "order_shipped",
  restock: "return_restocked",
};

/**
 * Brings every matched line of one order to what its phase calls for, exactly once: the line's
 * `effect` records what was applied, under a row lock, so a repeat or a replay changes nothing.
 * A commit takes what fits in available; the rest is oversold, unless a later-created order
 * holds units of the same variant, which then give way (first come by platform creation time).
 * Every stock change queues a high-priority push of the variant's listings (coalesced per
 * listing), raises an oversold alert (critical) and checks low stock. Run inside the transaction
 * that stored the order.
 */
export async function applyOrderStock(tx: EntityManager, input: ApplyOrderStockInput): Promise<OrderStockResult> {
  const result: OrderStockResult = { variantIds: [], oversold: new Map(), unmatched: 0, alerts: [] };
  const lines = await sqlRows<LockedLine>(
    tx,
    `select id::text as id, variant_id::text as variant_id, quantity, effect, committed_quantity, oversold_quantity,
            restocked_quantity
       from channel_order_line where order_id = $1 order by id for update`,
    [input.orderId],
  );
  const touched = new Set<string>();
  for (const line of lines) {
    if (!line.variant_id) {
      result.unmatched += 1;
      continue;
    }
    if (input.fulfilledByPlatform) continue;
    const steps = lineTransitions(line.effect, input.phase, { returnReceived: input.returnReceived ?? false });
    for (const step of steps) {
      const moved = await applyLineAction(tx, input, line, line.variant_id, step.action);
      if (moved.oversold > 0)
        result.oversold.set(line.variant_id, (result.oversold.get(line.variant_id) ?? 0) + moved.oversold);
      if (moved.changed) touched.add(line.variant_id);
      line.effect = step.next;
    }
    if (steps.length > 0) {
      await sqlRows(
        tx,
        `update channel_order_line
            set effect = $2, committed_quantity = $3, oversold_quantity = $4, restocked_quantity = $5, effect_at = now()
          where id = $1`,
        [line.id, line.effect, line.committed_quantity, line.oversold_quantity, line.restocked_quantity],
      );
    }
  }
  result.variantIds = [...touched, ...[...result.oversold.keys()].filter((id) => !touched.has(id))];
  if (result.variantIds.length > 0) {
    await markListingsForSync(tx, {
      organizationId: input.organizationId,
      variantIds: result.variantIds,
      priority: "high",
    });
    result.alerts.push(...(await checkLowStock(tx, input.organizationId, result.variantIds)));
  }
  for (const [variantId, units] of result.oversold) {
    result.alerts.push(
      await raiseAlert(tx, {
        organizationId: input.organizationId,
        kind: "stock.oversold",
        dedupeKey: `stock.oversold:${variantId}`,
        severity: "critical",
        title: "Oversold: orders took more units than there are",
        detail: `${units} unit(s) sold without stock. Every shop of the variant is pushed 0; cancel the oversold lines or restock.`,
        subject: { variantId, orderId: input.orderId },
        occurrences: units,
      }),
    );
  }
  return result;
}

interface LineMove {
  changed: boolean;
  oversold: number;
}

async function applyLineAction(
  tx: EntityManager,
  input: ApplyOrderStockInput,
  line: LockedLine,
  variantId: string,
  action: LineAction,
): Promise<LineMove> {
  if (action === "none") return { changed: false, oversold: 0 };
  const source = {
    organizationId: input.organizationId,
    reason: reasons[action],
    sourceKind: "order_line" as const,
    sourceRef: line.id,
    orderId: input.orderId,
    webhookEventId: input.webhookEventId ?? null,
    actorId: input.actorId ?? null,
  };
  const move = async (delta: { onHand?: number; committed?: number }) =>
    (await applyStockMovements(tx, { ...source, deltas: [{ variantId, ...delta }] })).length === 1;
  switch (action) {
    case "commit": {
      const available = await lockedAvailable(tx, input.organizationId, variantId);
      const fromStock = Math.min(line.quantity, Math.max(0, available));
      const taken =
        fromStock < line.quantity
          ? await takeFromLaterOrders(tx, input, line, variantId, line.quantity - fromStock)
          : 0;
      if (fromStock > 0 && !(await move({ committed: fromStock })))
        throw new Error(`commit of ${fromStock} for line ${line.id} refused`);
      line.committed_quantity = fromStock + taken;
      line.oversold_quantity = line.quantity - line.committed_quantity;
      // Units taken from later orders make those oversold instead: the total oversold is the same.
      return { changed: fromStock > 0, oversold: line.oversold_quantity + taken };
    }
    case "release": {
      const units = line.committed_quantity;
      if (units > 0 && !(await move({ committed: -units })))
        throw new Error(`release of ${units} for line ${line.id} refused`);
      line.committed_quantity = 0;
      line.oversold_quantity = 0;
      return { changed: units > 0, oversold: 0 };
    }
    case "ship": {
      const units = line.committed_quantity;
      if (units > 0 && !(await move({ onHand: -units, committed: -units })))
        throw new Error(`shipment of ${units} for line ${line.id} refused`);
      line.committed_quantity = 0;
      return { changed: units > 0, oversold: 0 };
    }
    case "restock": {
      const units = line.quantity - line.oversold_quantity;
      if (units > 0 && !(await move({ onHand: units })))
        throw new Error(`restock of ${units} for line ${line.id} refused`);
      line.restocked_quantity = units;
      return { changed: units > 0, oversold: 0 };
    }
  }
}

async function lockedAvailable(tx: EntityManager, organizationId: string, variantId: string): Promise<number> {
  await sqlRows(
    tx,
    `insert into stock_level (id, organization_id, variant_id, on_hand, committed, updated_at)
     values (gen_random_uuid(), $1, $2, 0, 0, now()) on conflict (variant_id, location_id) do nothing`,
    [organizationId, variantId],
  );
  const [row] = await sqlRows<{ available: number }>(
    tx,
    `select available from stock_level where organization_id = $1 and variant_id = $2 for update`,
    [organizationId, variantId],
  );
  return row?.available ?? 0;
}

/**
 * First come by platform creation time: units committed to lines of orders created after this
 * one (still open) move to this line; those lines become oversold by as much. No bucket changes
 * (the units stay committed), so no movement is written.
 */
async function takeFromLaterOrders(
  tx: EntityManager,
  input: ApplyOrderStockInput,
  line: LockedLine,
  variantId: string,
  wanted: number,
): Promise<number> {
  if (!input.placedAt) return 0;
  const later = await sqlRows<{ id: string; committed_quantity: number }>(
    tx,
    `select l.id::text as id, l.committed_quantity
       from channel_order_line l join channel_order o on o.id = l.order_id
      where l.organization_id = $1 and l.variant_id = $2 and l.effect = 'committed' and l.committed_quantity > 0
        and l.id <> $3 and o.placed_at > $4
      order by o.placed_at desc, l.id desc
      for update of l`,
    [input.organizationId, variantId, line.id, input.placedAt],
  );
  let taken = 0;
  for (const other of later) {
    if (taken >= wanted) break;
    const take = Math.min(other.committed_quantity, wanted - taken);
    await sqlRows(
      tx,
      `update channel_order_line
          set committed_quantity = committed_quantity - $2, oversold_quantity = oversold_quantity + $2, effect_at = now()
        where id = $1`,
      [other.id, take],
    );
    taken += take;
  }
  return taken;
}
