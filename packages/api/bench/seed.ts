import { generateDemoCatalog, insertCatalog, type EntityManager } from "@syncstore/db";

const count = (value: number) => value.toLocaleString("en");

/**
 * The benchmarks' catalog: `variantCount` variants (~3.5 per product, inserted set-based) listed on
 * two shops (mostly in sync, some pending or failed: the grid's Sync column and filter read them).
 * Resolves with a line for the report.
 */
export async function seedBenchCatalog(
  em: EntityManager,
  organizationId: string,
  variantCount: number,
): Promise<string> {
  const catalog = generateDemoCatalog(Math.ceil(variantCount / 3));
  catalog.variants = catalog.variants.slice(0, variantCount);
  const kept = new Set(catalog.variants.map((v) => v.productId));
  catalog.products = catalog.products.filter((p) => kept.has(p.id));
  let started = performance.now();
  await insertCatalog(em, organizationId, catalog);
  const seconds = (performance.now() - started) / 1000;
  started = performance.now();
  await em.execute(
    `with shops as (
       insert into channel_connection (id, organization_id, platform, external_shop_id, name)
       select gen_random_uuid(), ?, platform, platform || '-bench', platform || ' bench shop'
         from unnest(array['shopee', 'tiktok']) as platform
       returning id
     )
     insert into listing (id, organization_id, connection_id, variant_id, product_id, external_product_id,
                          external_variant_id, sync_state, last_error)
     select gen_random_uuid(), v.organization_id, shops.id, v.id, v.product_id, v.id::text, v.id::text,
            case when random() < 0.9 then 'in_sync' when random() < 0.5 then 'pending' else 'failed' end,
            null
       from variant v cross join shops where v.organization_id = ?`,
    [organizationId, organizationId],
  );
  const listingSeconds = (performance.now() - started) / 1000;
  return (
    `Seeded ${count(catalog.variants.length)} variants (${count(catalog.products.length)} products) in ${seconds.toFixed(1)} s, ` +
    `${count(catalog.variants.length * 2)} listings on two shops in ${listingSeconds.toFixed(1)} s`
  );
}
