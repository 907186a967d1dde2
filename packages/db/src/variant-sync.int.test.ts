import fc from "fast-check";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { variantSyncStatusValues } from "./entities/listings";
import { createTestDatabase, type TestDatabase } from "./testing";

/**
 * `variant_sync` is written only by triggers (Migration20261205090000_variant_sync,
 * Migration20261206090000_variant_sync_order): after any sequence of listing, variant and product
 * writes, single-row or set-based, each variant's row must equal the status computed directly from
 * its listings (the worst state of its enabled, linked listings, `not_listed` without any) and carry
 * its product's title, its product and its position (the grid's default order).
 */
let database: TestDatabase;
let pool: pg.Pool;
const organizationId = crypto.randomUUID();
const states = ["unlinked", "pending", "syncing", "in_sync", "failed", "conflict", "disabled"] as const;
const VARIANTS = 4;
const LISTINGS = 6;
let connections: string[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
  pool = new pg.Pool({ connectionString: database.url, max: 4 });
  await pool.query(`insert into organization (id, name, slug, created_at) values ($1, 'Sync Co', $1, now())`, [
    organizationId,
  ]);
  const { rows } = await pool.query<{ id: string }>(
    `insert into channel_connection (id, organization_id, platform, external_shop_id, name)
     select gen_random_uuid(), $1, platform, platform || '-1', platform from unnest(array['shopee', 'tiktok']) platform
     returning id::text`,
    [organizationId],
  );
  connections = rows.map((row) => row.id);
}, 60_000);
afterAll(async () => {
  await pool?.end();
  await database?.drop();
});

/** The status the grid defines, computed from the listings themselves. */
const direct = `select v.id::text as id, p.title, v.product_id::text as product, v.position,
       coalesce((select ls.sync_state from listing ls where ls.variant_id = v.id and ls.enabled
                   and ls.sync_state in ('failed', 'conflict', 'syncing', 'pending', 'in_sync')
                 order by array_position(array['failed', 'conflict', 'syncing', 'pending', 'in_sync'], ls.sync_state::text)
                 limit 1), 'not_listed') as status
  from variant v join product p on p.id = v.product_id where v.organization_id = $1 order by v.id`;
const kept = `select v.id::text as id, vs.title, vs.product_id::text as product, vs.position, vs.status
  from variant v left join variant_sync vs on vs.variant_id = v.id
  where v.organization_id = $1 order by v.id`;

type Op =
  | { kind: "insert"; listing: number; variant: number; state: (typeof states)[number]; enabled: boolean }
  | { kind: "state"; listings: number[]; state: (typeof states)[number] }
  | { kind: "enabled"; listing: number; enabled: boolean }
  | { kind: "relink"; listing: number; variant: number | null }
  | { kind: "delete"; listing: number }
  | { kind: "deleteVariant"; variant: number }
  | { kind: "noop"; listing: number }
  | { kind: "retitle"; products: number[]; title: string }
  | { kind: "move"; variants: number[]; product: number }
  | { kind: "reposition"; variants: number[]; position: number };

const index = (size: number) => fc.integer({ min: 0, max: size - 1 });
const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({
    kind: fc.constant("insert" as const),
    listing: index(LISTINGS),
    variant: index(VARIANTS),
    state: fc.constantFrom(...states),
    enabled: fc.boolean(),
  }),
  fc.record({
    kind: fc.constant("state" as const),
    listings: fc.uniqueArray(index(LISTINGS), { minLength: 1, maxLength: 4 }),
    state: fc.constantFrom(...states),
  }),
  fc.record({ kind: fc.constant("enabled" as const), listing: index(LISTINGS), enabled: fc.boolean() }),
  fc.record({
    kind: fc.constant("relink" as const),
    listing: index(LISTINGS),
    variant: fc.option(index(VARIANTS), { nil: null }),
  }),
  fc.record({ kind: fc.constant("delete" as const), listing: index(LISTINGS) }),
  fc.record({ kind: fc.constant("deleteVariant" as const), variant: index(VARIANTS) }),
  fc.record({ kind: fc.constant("noop" as const), listing: index(LISTINGS) }),
  fc.record({
    kind: fc.constant("retitle" as const),
    products: fc.uniqueArray(index(2), { minLength: 1, maxLength: 2 }),
    title: fc.constantFrom("Mug", "Bowl", "Cup"),
  }),
  fc.record({
    kind: fc.constant("move" as const),
    variants: fc.uniqueArray(index(VARIANTS), { minLength: 1, maxLength: 3 }),
    product: index(2),
  }),
  fc.record({
    kind: fc.constant("reposition" as const),
    variants: fc.uniqueArray(index(VARIANTS), { minLength: 1, maxLength: 3 }),
    position: fc.integer({ min: 0, max: 3 }),
  }),
);

describe("variant_sync", () => {
  it("equals the status computed from the listings after any sequence of writes", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 25 }), async (ops) => {
        await pool.query(`delete from product where organization_id = $1`, [organizationId]);
        // Two products: variants move between them and their titles change.
        const products = [crypto.randomUUID(), crypto.randomUUID()];
        const product = products[0]!;
        await pool.query(
          `insert into product (id, organization_id, title, status)
           select id, $2, 'Mug', 'active' from unnest($1::uuid[]) id`,
          [products, organizationId],
        );
        // Variants are inserted in one statement, as the catalog writer and the import do.
        const variants = Array.from({ length: VARIANTS }, () => crypto.randomUUID());
        await pool.query(
          `insert into variant (id, organization_id, product_id, sku, price, position)
           select id, $1, $2, 'SKU-' || id, 1000, n from unnest($3::uuid[]) with ordinality as t(id, n)`,
          [organizationId, product, variants],
        );
        const listings = Array.from({ length: LISTINGS }, () => crypto.randomUUID());
        // Each listing slot sits on one shop; the (shop, variant) pair is unique, so an insert or a
        // relink that would break it is skipped, as the application never issues one.
        const shopOf = (listing: number) => connections[listing % 2]!;
        const variantOf = new Map<number, number | null>();
        const deleted = new Set<number>();
        const free = (listing: number, variant: number) =>
          !deleted.has(variant) &&
          ![...variantOf].some(([other, v]) => other !== listing && v === variant && shopOf(other) === shopOf(listing));
        for (const step of ops) {
          if (step.kind === "insert" && !variantOf.has(step.listing) && free(step.listing, step.variant)) {
            await pool.query(
              `insert into listing (id, organization_id, connection_id, variant_id, product_id, sync_state, enabled)
               values ($1, $2, $3, $4, $5, $6, $7)`,
              [
                listings[step.listing],
                organizationId,
                shopOf(step.listing),
                variants[step.variant],
                product,
                step.state,
                step.enabled,
              ],
            );
            variantOf.set(step.listing, step.variant);
          } else if (step.kind === "state") {
            // Several rows in one statement.
            await pool.query(`update listing set sync_state = $2 where id = any($1::uuid[])`, [
              step.listings.map((listing) => listings[listing]),
              step.state,
            ]);
          } else if (step.kind === "enabled") {
            await pool.query(`update listing set enabled = $2 where id = $1`, [listings[step.listing], step.enabled]);
          } else if (
            step.kind === "relink" &&
            variantOf.has(step.listing) &&
            (step.variant === null || free(step.listing, step.variant))
          ) {
            await pool.query(`update listing set variant_id = $2 where id = $1`, [
              listings[step.listing],
              step.variant === null ? null : variants[step.variant],
            ]);
            variantOf.set(step.listing, step.variant);
          } else if (step.kind === "delete") {
            await pool.query(`delete from listing where id = $1`, [listings[step.listing]]);
            variantOf.delete(step.listing);
          } else if (step.kind === "deleteVariant") {
            // Its listings keep existing, unlinked (variant_id set null by the foreign key).
            await pool.query(`delete from variant where id = $1`, [variants[step.variant]]);
            deleted.add(step.variant);
            for (const [listing, variant] of variantOf) if (variant === step.variant) variantOf.set(listing, null);
          } else if (step.kind === "noop") {
            // An update that changes nothing the status depends on.
            await pool.query(`update listing set external_title = 'Renamed' where id = $1`, [listings[step.listing]]);
          } else if (step.kind === "retitle") {
            await pool.query(`update product set title = $2 where id = any($1::uuid[])`, [
              step.products.map((index) => products[index]),
              step.title,
            ]);
          } else if (step.kind === "move") {
            await pool.query(`update variant set product_id = $2 where id = any($1::uuid[])`, [
              step.variants.map((index) => variants[index]),
              products[step.product],
            ]);
          } else if (step.kind === "reposition") {
            await pool.query(`update variant set position = $2 where id = any($1::uuid[])`, [
              step.variants.map((index) => variants[index]),
              step.position,
            ]);
          }
          const [expected, actual] = await Promise.all([
            pool.query(direct, [organizationId]),
            pool.query(kept, [organizationId]),
          ]);
          expect(actual.rows).toEqual(expected.rows);
        }
      }),
      { numRuns: 60 },
    );
  }, 120_000);

  it("gives a new variant its not-listed row, and its database status list matches the domain's", async () => {
    const { rows } = await pool.query<{ status: string }>(
      `with p as (insert into product (id, organization_id, title, status) values (gen_random_uuid(), $1, 'Cup', 'active') returning id),
            v as (insert into variant (id, organization_id, product_id, sku, price, position)
                  select gen_random_uuid(), $1, p.id, 'CUP-' || gen_random_uuid(), 500, 0 from p returning id)
       select 1 as status from v`,
      [organizationId],
    );
    expect(rows).toHaveLength(1);
    const { rows: statuses } = await pool.query<{ status: string }>(
      `select vs.status from variant_sync vs join variant v on v.id = vs.variant_id where v.sku like 'CUP-%'`,
    );
    expect(statuses).toEqual([{ status: "not_listed" }]);
    const { rows: check } = await pool.query<{ definition: string }>(
      `select pg_get_constraintdef(oid) as definition from pg_constraint where conname = 'variant_sync_status_check'`,
    );
    for (const status of variantSyncStatusValues) expect(check[0]?.definition).toContain(`'${status}'`);
  });
});
