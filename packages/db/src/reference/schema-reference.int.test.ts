import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../testing";
import { renderSchemaReference, tableOwners } from "./schema-reference";

let database: TestDatabase;
let client: pg.Client;
beforeAll(async () => {
  database = await createTestDatabase();
  client = new pg.Client({ connectionString: database.url });
  await client.connect();
}, 60_000);
afterAll(async () => {
  await client?.end();
  await database?.drop();
});

describe("database schema reference", () => {
  it("names the capability owning every table an entity declares", () => {
    const owners = tableOwners();
    expect(owners.get("connection_stock_rule")).toBe("inventory");
    expect(owners.get("channel_order")).toBe("orders");
    expect(owners.get("channel_connection")).toBe("channels");
  });

  it("is current in docs/reference/database.md (run `pnpm docs:generate` after a migration)", async () => {
    const reference = await renderSchemaReference(client);
    expect(reference).toContain("### stock_level");
    await expect(reference).toMatchFileSnapshot("../../../../docs/reference/database.md");
  });
});
