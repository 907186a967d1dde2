import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createOrm, type Orm } from "./orm";
import { sqlRows } from "./sql";
import { setStockLevels } from "./stock";
import { createTestDatabase, type TestDatabase } from "./testing";
import { typedSql } from "./typed-sql";

let database: TestDatabase;
let orm: Orm;
const organizationId = crypto.randomUUID();
let variantId = "";

beforeAll(async () => {
  database = await createTestDatabase();
  orm = await createOrm(database.url, { pool: { min: 0, max: 2 } });
  const em = orm.em.fork();
  await sqlRows(em, `insert into organization (id, name, slug, created_at) values ($1, 'Typed Co', $1, now())`, [
    organizationId,
  ]);
  const [row] = await sqlRows<{ id: string }>(
    em,
    `with p as (insert into product (id, organization_id, title, status) values (gen_random_uuid(), $1, 'Mug', 'active') returning id)
     insert into variant (id, organization_id, product_id, sku, price, cost, position)
     select gen_random_uuid(), $1, p.id, 'TYPED-1', 9007199254740, null, 0 from p returning id::text as id`,
    [organizationId],
  );
  variantId = row!.id;
  await em.transactional((tx) =>
    setStockLevels(tx, {
      organizationId,
      reason: "manual",
      sourceRef: null,
      actorId: null,
      targets: new Map([[variantId, 7]]),
    }),
  );
}, 60_000);
afterAll(async () => {
  await orm?.close(true);
  await database?.drop();
});

describe("typedSql", () => {
  it("returns values as the entities declare them, where raw rows carry PostgreSQL's text forms", async () => {
    const em = orm.em.fork();
    const typed = await typedSql(em)
      .selectFrom("variant")
      .select(["price", "cost", "created_at"])
      .where("id", "=", variantId)
      .executeTakeFirstOrThrow();
    expect(typed.price).toBe(9007199254740);
    expect(typed.cost).toBeNull();
    expect(typed.created_at).toBeInstanceOf(Date);

    const [raw] = await sqlRows<{ price: unknown; created_at: unknown }>(
      em,
      `select price, created_at from variant where id = $1`,
      [variantId],
    );
    expect(typeof raw?.price).toBe("string");
    expect(typeof raw?.created_at).toBe("string");
  });

  it("reads the generated stock columns and joins inside the caller's transaction", async () => {
    await orm.em.fork().transactional(async (tx) => {
      await sqlRows(tx, `update stock_level set committed = 2 where variant_id = $1`, [variantId]);
      const row = await typedSql(tx)
        .selectFrom("stock_level as s")
        .innerJoin("variant as v", "v.id", "s.variant_id")
        .select(["v.sku", "s.on_hand", "s.reserved", "s.available"])
        .where("s.organization_id", "=", organizationId)
        .executeTakeFirstOrThrow();
      expect(row).toEqual({ sku: "TYPED-1", on_hand: 7, reserved: 2, available: 5 });
    });
  });
});
