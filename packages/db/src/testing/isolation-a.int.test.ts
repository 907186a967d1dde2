import pg from "pg";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "./index";

// Runs alongside isolation-b.int.test.ts: each file writes to its own clone and never sees the other's.
let database: TestDatabase;
let client: pg.Client;

beforeAll(async () => {
  database = await createTestDatabase();
  client = new pg.Client({ connectionString: database.url });
  await client.connect();
});

afterAll(async () => {
  await client.end();
  await database.drop();
});

it("gets a migrated clone of the template", async () => {
  const schemas = await client.query("select 1 from information_schema.schemata where schema_name = 'graphile_worker'");
  expect(schemas.rowCount).toBe(1);
});

it("does not see tables created by the other file", async () => {
  await client.query("create table only_in_a (id int)");
  // Give the other file time to create its table if both shared one database.
  await new Promise((resolve) => setTimeout(resolve, 300));
  const tables = await client.query<{ name: string }>(
    "select table_name as name from information_schema.tables where table_name like 'only_in_%'",
  );
  expect(tables.rows.map((row) => row.name)).toEqual(["only_in_a"]);
});
