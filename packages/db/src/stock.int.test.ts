import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createOrm, type Orm } from "./orm";
import { sqlRows } from "./sql";
import { applyStockMovements, readStockLevels, setStockLevels, type StockDelta } from "./stock";
import { createTestDatabase, type TestDatabase } from "./testing";

let database: TestDatabase;
let orm: Orm;
const organizationId = crypto.randomUUID();

beforeAll(async () => {
  database = await createTestDatabase();
  orm = await createOrm(database.url, { pool: { min: 0, max: 3 } });
  const em = orm.em.fork();
  await sqlRows(em, `insert into organization (id, name, slug, created_at) values ($1, 'Stock Co', $1, now())`, [
    organizationId,
  ]);
}, 60_000);
afterAll(async () => {
  await orm?.close(true);
  await database?.drop();
});

async function newVariant(): Promise<string> {
  const em = orm.em.fork();
  const [row] = await sqlRows<{ id: string }>(
    em,
    `with p as (insert into product (id, organization_id, title, status) values (gen_random_uuid(), $1, 'Mug', 'active') returning id)
     insert into variant (id, organization_id, product_id, sku, price, position)
     select gen_random_uuid(), $1, p.id, 'SKU-' || gen_random_uuid(), 1000, 0 from p returning id::text as id`,
    [organizationId],
  );
  if (!row) throw new Error("no variant");
  return row.id;
}

interface Buckets {
  onHand: number;
  committed: number;
  promotionReserved: number;
  unavailable: number;
}

type Op =
  | { kind: "set"; onHand: number; stale: boolean }
  | { kind: "delta"; delta: Omit<StockDelta, "variantId">; reason: string };

const small = fc.integer({ min: -6, max: 8 });
const opArbitrary: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant("set" as const), onHand: fc.integer({ min: -2, max: 30 }), stale: fc.boolean() }),
  // An order commits, a cancellation releases, a shipment takes on hand and committed together…
  fc.record({
    kind: fc.constant("delta" as const),
    reason: fc.constantFrom("order_committed", "order_released", "order_shipped", "promotion", "count"),
    delta: fc.oneof(
      small.map((n) => ({ committed: n })),
      small.map((n) => ({ onHand: -Math.abs(n), committed: -Math.abs(n) })),
      small.map((n) => ({ promotionReserved: n })),
      small.map((n) => ({ unavailable: n })),
      small.map((n) => ({ onHand: n })),
    ),
  }),
);

const valid = (b: Buckets) =>
  b.onHand >= 0 &&
  b.committed >= 0 &&
  b.promotionReserved >= 0 &&
  b.unavailable >= 0 &&
  b.onHand - b.committed - b.promotionReserved - b.unavailable >= 0;

describe("stock buckets", () => {
  it("keeps available = on_hand − committed − promotion_reserved − unavailable ≥ 0 after every movement, and the movements add up", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(opArbitrary, { minLength: 1, maxLength: 25 }), async (ops) => {
        const variantId = await newVariant();
        let model: Buckets = { onHand: 0, committed: 0, promotionReserved: 0, unavailable: 0 };
        for (const op of ops) {
          const em = orm.em.fork();
          await em.transactional(async (tx) => {
            if (op.kind === "set") {
              const expected = op.stale ? model.onHand + 1 : model.onHand;
              const moved = await setStockLevels(tx, {
                organizationId,
                targets: new Map([[variantId, op.onHand]]),
                expected: new Map([[variantId, expected]]),
                reason: "manual",
                sourceRef: null,
                actorId: null,
              });
              const next = { ...model, onHand: op.onHand };
              const accepted = !op.stale && valid(next);
              expect(moved.length).toBe(accepted ? 1 : 0);
              if (accepted) model = next;
            } else {
              const applied = await applyStockMovements(tx, {
                organizationId,
                deltas: [{ variantId, ...op.delta }],
                reason: op.reason,
                sourceRef: null,
                actorId: null,
              });
              const next = {
                onHand: model.onHand + (op.delta.onHand ?? 0),
                committed: model.committed + (op.delta.committed ?? 0),
                promotionReserved: model.promotionReserved + (op.delta.promotionReserved ?? 0),
                unavailable: model.unavailable + (op.delta.unavailable ?? 0),
              };
              expect(applied.length).toBe(valid(next) ? 1 : 0);
              if (valid(next)) model = next;
            }
          });
          const [row] = await readStockLevels(orm.em.fork(), organizationId, [variantId]);
          expect(row).toMatchObject(model);
          expect(row?.available).toBe(model.onHand - model.committed - model.promotionReserved - model.unavailable);
          expect(row?.available).toBeGreaterThanOrEqual(0);
        }
        // The ledger explains the state: per bucket, the deltas add up to the value held.
        const sums = await sqlRows<{ bucket: string; total: number }>(
          orm.em.fork(),
          `select bucket, sum(delta)::int as total from inventory_movement where variant_id = $1 group by bucket`,
          [variantId],
        );
        const total = (bucket: string) => sums.find((s) => s.bucket === bucket)?.total ?? 0;
        expect({
          onHand: total("on_hand"),
          committed: total("committed"),
          promotionReserved: total("promotion_reserved"),
          unavailable: total("unavailable"),
        }).toEqual(model);
      }),
      { numRuns: 40 },
    );
  }, 120_000);

  it("refuses a direct write that would break the identity (the check constraint holds for every writer)", async () => {
    const variantId = await newVariant();
    const em = orm.em.fork();
    await setStockLevels(em, {
      organizationId,
      targets: new Map([[variantId, 3]]),
      reason: "manual",
      sourceRef: null,
      actorId: null,
    });
    await expect(
      sqlRows(em, `update stock_level set committed = 4 where variant_id = $1`, [variantId]),
    ).rejects.toThrow(/stock_level_identity_check/);
  });

  it("puts a row inserted without a location at the organization's default location", async () => {
    const variantId = await newVariant();
    const em = orm.em.fork();
    await sqlRows(
      em,
      `insert into stock_level (id, organization_id, variant_id, on_hand) values (gen_random_uuid(), $1, $2, 2)`,
      [organizationId, variantId],
    );
    const [row] = await sqlRows<{ is_default: boolean }>(
      em,
      `select l.is_default from stock_level s join stock_location l on l.id = s.location_id where s.variant_id = $1`,
      [variantId],
    );
    expect(row?.is_default).toBe(true);
  });
});
