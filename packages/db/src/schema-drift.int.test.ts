import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createOrm, type Orm } from "./orm";
import { isHandWrittenSchemaStatement } from "./schema-exceptions";
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
      .filter((statement) => !isHandWrittenSchemaStatement(statement));
    expect(statements).toEqual([]);
  });
});
