import { checkLowStock, DEFAULT_LOW_STOCK_THRESHOLD } from "@syncstore/services";
import { DomainError } from "@syncstore/domain";
import { sqlRows } from "@syncstore/db";
import { withChange } from "../../core/change";
import type { OrgScope } from "../scope";

export interface VariantThreshold {
  variantId: string;
  sku: string;
  /** The variant's own threshold; null: the organization default applies. */
  threshold: number | null;
  available: number | null;
}

/** The organization default and each variant's override, for a product's variants. */
export async function productThresholds(
  scope: OrgScope,
  productId: string,
): Promise<{ defaultThreshold: number; variants: VariantThreshold[] }> {
  const [settings] = await sqlRows<{ threshold: number }>(
    scope.em,
    `select low_stock_threshold as threshold from inventory_settings where organization_id = $1`,
    [scope.actor.organizationId],
  );
  const variants = await sqlRows<{
    variant_id: string;
    sku: string;
    threshold: number | null;
    available: number | null;
  }>(
    scope.em,
    `select v.id::text as variant_id, v.sku, vs.low_stock_threshold as threshold, s.available
       from variant v
       left join variant_stock_setting vs on vs.variant_id = v.id
       left join stock_level s on s.variant_id = v.id
      where v.organization_id = $1 and v.product_id = $2::uuid
      order by v.position, v.sku`,
    [scope.actor.organizationId, productId],
  );
  return {
    defaultThreshold: settings?.threshold ?? DEFAULT_LOW_STOCK_THRESHOLD,
    variants: variants.map((row) => ({
      variantId: row.variant_id,
      sku: row.sku,
      threshold: row.threshold,
      available: row.available,
    })),
  };
}

/**
 * Sets (or clears, with null) a variant's low-stock threshold, audited, and checks the variant
 * against it at once: raising the threshold above what is available raises the alert now.
 */
export async function setVariantThreshold(
  scope: OrgScope,
  variantId: string,
  threshold: number | null,
): Promise<VariantThreshold> {
  return withChange(scope.deps, scope.em, scope.actor, async (change) => {
    const [variant] = await sqlRows<{ sku: string; before: number | null; available: number | null }>(
      change.tx,
      `select v.sku, vs.low_stock_threshold as before, s.available
         from variant v
         left join variant_stock_setting vs on vs.variant_id = v.id
         left join stock_level s on s.variant_id = v.id
        where v.organization_id = $1 and v.id = $2::uuid
        for update of v`,
      [scope.actor.organizationId, variantId],
    );
    if (!variant) throw new DomainError("NOT_FOUND", "This variant does not exist in this organization");
    await sqlRows(
      change.tx,
      `insert into variant_stock_setting (variant_id, organization_id, low_stock_threshold) values ($1, $2, $3)
       on conflict (variant_id) do update set low_stock_threshold = excluded.low_stock_threshold`,
      [variantId, scope.actor.organizationId, threshold],
    );
    if (variant.before !== threshold) {
      change.audit({
        action: "variant.low_stock_threshold",
        entity: "variant",
        entityId: variantId,
        label: variant.sku,
        before: { lowStockThreshold: variant.before },
        after: { lowStockThreshold: threshold },
      });
    }
    for (const alert of await checkLowStock(change.tx, scope.actor.organizationId, [variantId])) {
      change.emit("alert.raised", alert);
    }
    return { variantId, sku: variant.sku, threshold, available: variant.available };
  });
}
