import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createOrm, type Orm } from "./orm";
import { createTestDatabase, type TestDatabase } from "./testing";

let database: TestDatabase;
let orm: Orm;
beforeAll(async () => {
  database = await createTestDatabase();
  orm = await createOrm(database.url, { pool: { min: 0, max: 2 } });
}, 60_000);
afterAll(async () => {
  await orm?.close(true);
  await database?.drop();
});

/**
 * The migrations and the entities describe the same schema: a migrated database needs no change
 * to match the entities. Catches an entity edited without a migration, and hand-written indexes
 * missing from the entities (the next generated migration would silently drop them).
 */
describe("schema drift", () => {
  it("the migrated schema matches the entities", async () => {
    const sql = await orm.schema.getUpdateSchemaSQL({ wrap: false, safe: false });
    const statements = sql
      .split(";")
      .map((statement) => statement.trim())
      .filter(Boolean)
      // graphile-worker owns its schema (installed by its own migrations).
      .filter((statement) => !statement.includes('"graphile_worker"'))
      // The catalog search functions are created by hand in a migration; MikroORM does not model functions.
      .filter((statement) => !/^drop function if exists "catalog_search_(text|vector)"/.test(statement))
      // stock_level's generated columns (reserved, available) and its default-location trigger are
      // declared on the entity, but MikroORM 7.2 leaves generated (non-persisted) columns and
      // defineEntity triggers out of the diff; the migration creates them.
      .filter(
        (statement) =>
          statement !== 'alter table "stock_level" drop column "reserved", drop column "available"' &&
          statement !== 'drop trigger if exists "default_location" on "stock_level"' &&
          statement !== 'drop function if exists "stock_level_default_location_fn"()',
      );
    expect(statements).toEqual([]);
  });
});
