import { DomainError } from "@syncstore/domain";
import type { EntityManager, ListingSyncState } from "@syncstore/db";
import { organizationOf, sqlRows } from "../sql";
import { syncHistory } from "./history";
import type { SyncAttempt } from "./attempts";

export interface ProductListingStatus {
  listingId: string;
  connection: { id: string; name: string; platform: "shopee" | "tiktok"; paused: boolean };
  variantId: string | null;
  sku: string | null;
  options: Record<string, string>;
  externalProductId: string | null;
  externalVariantId: string | null;
  enabled: boolean;
  syncState: ListingSyncState;
  lastErrorCode: string | null;
  lastError: string | null;
  lastSyncedAt: Date | null;
}

/** The product page's sync section: each listing of the product with its state, and the latest attempts. */
export async function productSyncStatus(
  em: EntityManager,
  productId: string,
  attemptLimit: number,
): Promise<{ listings: ProductListingStatus[]; attempts: SyncAttempt[] }> {
  const organizationId = organizationOf(em);
  const [product] = await sqlRows<{ id: string }>(
    em,
    `select id from product where organization_id = $1 and id = $2::uuid`,
    [organizationId, productId],
  );
  if (!product) throw new DomainError("NOT_FOUND", "This product does not exist (it may have been deleted)");
  const [rows, history] = await Promise.all([
    sqlRows<
      Omit<ProductListingStatus, "connection"> & {
        connectionId: string;
        connectionName: string;
        platform: "shopee" | "tiktok";
        paused: boolean;
      }
    >(
      em,
      `select l.id as "listingId", c.id as "connectionId", c.name as "connectionName", c.platform, c.sync_paused as paused,
              l.variant_id as "variantId", coalesce(v.sku, l.external_sku) as sku, coalesce(v.options, '{}'::jsonb) as options,
              l.external_product_id as "externalProductId", l.external_variant_id as "externalVariantId", l.enabled,
              l.sync_state as "syncState", l.last_error_code as "lastErrorCode", l.last_error as "lastError",
              l.last_synced_at as "lastSyncedAt"
         from listing l
         join channel_connection c on c.id = l.connection_id
         left join variant v on v.id = l.variant_id
        where l.organization_id = $1 and (l.product_id = $2::uuid or v.product_id = $2::uuid)
        order by c.platform, c.name, v.position nulls last, l.id`,
      [organizationId, productId],
    ),
    syncHistory(em, { productId, limit: attemptLimit }),
  ]);
  return {
    listings: rows.map(({ connectionId, connectionName, platform, paused, ...row }) => ({
      ...row,
      lastSyncedAt: row.lastSyncedAt ? new Date(row.lastSyncedAt) : null,
      connection: { id: connectionId, name: connectionName, platform, paused },
    })),
    attempts: history.items,
  };
}
