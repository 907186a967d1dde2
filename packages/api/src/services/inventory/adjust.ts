import { DomainError } from "@syncstore/domain";
import { setOnHand } from "@syncstore/services";
import { withChange } from "../../core/change";
import type { OrgScope } from "../scope";
import { sqlRows } from "../sql";

export const adjustModes = ["set", "add", "remove"] as const;
export type AdjustMode = (typeof adjustModes)[number];
export const adjustReasons = ["manual", "count"] as const;
export type AdjustReason = (typeof adjustReasons)[number];

export interface AdjustStockInput {
  variantId: string;
  mode: AdjustMode;
  /** The new on hand (set) or the units added / removed. */
  quantity: number;
  /** The on hand the user saw (compare-and-set). */
  expected: number;
  /** The movement reason: a correction (`manual`) or a recount (`count`). */
  reason: AdjustReason;
  /** Why, in the user's words (kept on the audit row). */
  note?: string | undefined;
}

export interface AdjustStockResult {
  variantId: string;
  before: number;
  after: number;
}

/** The on hand an adjustment asks for, from the on hand the user saw. */
export function targetOf(input: Pick<AdjustStockInput, "mode" | "quantity" | "expected">): number {
  if (input.mode === "set") return input.quantity;
  return input.mode === "add" ? input.expected + input.quantity : input.expected - input.quantity;
}

/**
 * Sets, adds to or removes from one variant's on hand (reason `manual` or `count`, source the user) through
 * the stock writer with the on hand the user saw as the expected value: when an order (or another
 * user) moved it since, the change is refused with a CONFLICT naming the new value and nothing is
 * written. A change queues the variant's pushes and announces `stock.changed`.
 */
export async function adjustStock(scope: OrgScope, input: AdjustStockInput): Promise<AdjustStockResult> {
  const organizationId = scope.actor.organizationId;
  const [variant] = await sqlRows<{ sku: string }>(
    scope.em,
    `select sku from variant where organization_id = $1 and id = $2`,
    [organizationId, input.variantId],
  );
  if (!variant) throw new DomainError("NOT_FOUND", `Variant ${input.variantId} does not exist in this organization`);
  const target = targetOf(input);
  if (target < 0)
    throw new DomainError("INVALID", `On hand cannot be negative (${input.expected} − ${input.quantity})`, {
      fields: [{ path: ["quantity"], message: `At most ${input.expected} can be removed` }],
    });
  return withChange(scope.deps, scope.em, scope.actor, async (change) => {
    const result = await setOnHand(change.tx, {
      organizationId,
      targets: [{ variantId: input.variantId, onHand: target, expected: input.expected }],
      reason: input.reason,
      sourceKind: "user",
      sourceRef: scope.actor.userId,
      actorId: scope.actor.userId,
    });
    const refused = result.refused[0];
    if (refused) {
      throw new DomainError(refused.kind === "stale" ? "CONFLICT" : "INVALID", `${variant.sku}: ${refused.message}`, {
        fields: refused.kind === "stale" ? [] : [{ path: ["quantity"], message: refused.message }],
      });
    }
    const move = result.moves[0];
    const before = move?.before ?? input.expected;
    const after = move?.after ?? target;
    change.audit({
      action: "inventory.adjust",
      entity: "variant",
      entityId: input.variantId,
      label: variant.sku,
      before: { onHand: before },
      after: {
        onHand: after,
        mode: input.mode,
        reason: input.reason,
        quantity: input.quantity,
        ...(input.note ? { note: input.note } : {}),
      },
    });
    if (before !== after) change.emit("stock.changed", { variantIds: [input.variantId], reason: "adjustment" });
    for (const alert of result.alerts) change.emit("alert.raised", alert);
    return { variantId: input.variantId, before, after };
  });
}
