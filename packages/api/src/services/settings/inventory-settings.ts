import { DEFAULT_LOW_STOCK_THRESHOLD } from "@syncstore/services";
import type { InventorySettingsInput } from "@syncstore/domain";
import { sqlRows } from "@syncstore/db";
import { withChange } from "../../core/change";
import type { OrgScope } from "../scope";

async function read(scope: OrgScope): Promise<InventorySettingsInput> {
  const [row] = await sqlRows<{ low_stock_threshold: number; auto_restock_returns: boolean }>(
    scope.em,
    `select low_stock_threshold, auto_restock_returns from inventory_settings where organization_id = $1`,
    [scope.actor.organizationId],
  );
  return {
    lowStockThreshold: row?.low_stock_threshold ?? DEFAULT_LOW_STOCK_THRESHOLD,
    autoRestockReturns: row?.auto_restock_returns ?? false,
  };
}

/** Settings → Inventory: the low-stock default and whether returns go back on hand by themselves. */
export function getInventorySettings(scope: OrgScope): Promise<InventorySettingsInput> {
  return read(scope);
}

/**
 * Saves the inventory settings, audited. A new default applies from the next stock change of each
 * variant (variants with their own threshold keep it).
 */
export async function updateInventorySettings(
  scope: OrgScope,
  input: InventorySettingsInput,
): Promise<InventorySettingsInput> {
  const before = await read(scope);
  await withChange(scope.deps, scope.em, scope.actor, async (change) => {
    const [org] = await sqlRows<{ name: string }>(change.tx, `select name from organization where id = $1`, [
      scope.actor.organizationId,
    ]);
    await sqlRows(
      change.tx,
      `insert into inventory_settings (organization_id, low_stock_threshold, auto_restock_returns, updated_at)
       values ($1, $2, $3, now())
       on conflict (organization_id) do update
         set low_stock_threshold = excluded.low_stock_threshold,
             auto_restock_returns = excluded.auto_restock_returns, updated_at = now()`,
      [scope.actor.organizationId, input.lowStockThreshold, input.autoRestockReturns],
    );
    change.audit({
      action: "settings.inventory",
      entity: "organization",
      entityId: scope.actor.organizationId,
      label: org?.name ?? null,
      before: { ...before },
      after: { ...input },
    });
  });
  return read(scope);
}
