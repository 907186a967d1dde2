import type { EntityManager } from "@syncstore/db";
import { markListingsForSync } from "../sync/mark";
import { sqlRows } from "./sql";

/**
 * The catalog side of ARCHITECTURE invariant 1: in the transaction of a catalog change, marks the
 * published listings of the changed variants (and of every variant of the changed products) for
 * sync through `markListingsForSync`. Callers pass only changes a channel shows: a product's
 * title, description or status; a variant's price, compare-at price or stock. Returns the number
 * of listings marked.
 */
export async function markCatalogForSync(
  tx: EntityManager,
  organizationId: string,
  changed: { variantIds?: Iterable<string>; productIds?: Iterable<string> },
): Promise<number> {
  const variantIds = new Set(changed.variantIds ?? []);
  const productIds = [...new Set(changed.productIds ?? [])];
  if (productIds.length) {
    // A listing is linked to a variant; its product's fields reach it through that variant.
    const rows = await sqlRows<{ id: string }>(
      tx,
      `select id from variant where organization_id = $1 and product_id = any($2::uuid[])`,
      [organizationId, productIds],
    );
    for (const row of rows) variantIds.add(row.id);
  }
  if (!variantIds.size && !productIds.length) return 0;
  return markListingsForSync(tx, { organizationId, variantIds: [...variantIds], productIds });
}
