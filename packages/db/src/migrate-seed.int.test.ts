import { randomUUID } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { demoLogin, migrateDatabase, migrationsList, pendingMigrations, seedDemo } from "./index";
import { admin, databaseUrl } from "./testing/admin";
import { createTestDatabase, type TestDatabase } from "./testing";

/*
 * What `npm start` does to a database: `migrateDatabase` on an empty one (our migrations, then
 * graphile-worker's schema), and the demo seed, once.
 */

// The server of this run's template database (TEST_DATABASE_URL, or the embedded cluster).
const serverUrl = databaseUrl(inject("syncstoreTemplateDatabaseUrl") ?? "", "postgres");
const emptyName = `syncstore_migrate_${randomUUID().slice(0, 8)}`;
const emptyUrl = databaseUrl(serverUrl, emptyName);
let seeded: TestDatabase;

beforeAll(async () => {
  await admin(serverUrl, (client) => client.query(`create database ${client.escapeIdentifier(emptyName)}`));
  seeded = await createTestDatabase();
}, 60_000);

afterAll(async () => {
  await admin(serverUrl, (client) =>
    client.query(`drop database if exists ${client.escapeIdentifier(emptyName)} with (force)`),
  );
  await seeded?.drop();
});

async function one<T>(url: string, sql: string, params: unknown[] = []): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows[0] as T;
  } finally {
    await client.end();
  }
}

describe("migrateDatabase", () => {
  it("applies every shipped migration and the job queue's schema to an empty database, then nothing", async () => {
    expect(await pendingMigrations(emptyUrl)).toEqual(migrationsList.map((migration) => migration.name));
    const first = await migrateDatabase(emptyUrl);
    expect(first.applied).toEqual(migrationsList.map((migration) => migration.name));
    expect(await pendingMigrations(emptyUrl)).toEqual([]);
    const queue = await one<{ n: number }>(
      emptyUrl,
      `select count(*)::int as n from information_schema.routines where routine_schema = 'graphile_worker' and routine_name = 'add_job'`,
    );
    expect(queue.n).toBeGreaterThan(0);
    expect((await migrateDatabase(emptyUrl)).applied).toEqual([]);
  }, 120_000);
});

describe("seedDemo", () => {
  it("creates the demo organization with its owner and catalog once, and reuses it afterwards", async () => {
    const login = await seedDemo(seeded.url);
    expect(login).toEqual({
      email: demoLogin.email,
      password: demoLogin.password,
      organizationName: demoLogin.organizationName,
    });
    const org = await one<{ id: string; name: string }>(
      seeded.url,
      `select id, name from organization where slug = $1`,
      [demoLogin.organizationSlug],
    );
    expect(org.name).toBe(demoLogin.organizationName);
    const owner = await one<{ role: string; email: string; verified: boolean; password: string }>(
      seeded.url,
      `select m.role, u.email, u.email_verified as verified, a.password
         from member m join "user" u on u.id = m.user_id join account a on a.user_id = u.id
        where m.organization_id = $1`,
      [org.id],
    );
    expect(owner).toMatchObject({ role: "owner", email: demoLogin.email, verified: true });
    // The password is stored hashed, never as given.
    expect(owner.password).not.toContain(demoLogin.password);
    const catalog = await one<{ products: number }>(
      seeded.url,
      `select count(*)::int as products from product where organization_id = $1`,
      [org.id],
    );
    expect(catalog.products).toBeGreaterThan(0);

    expect(await seedDemo(seeded.url)).toBeNull();
    const again = await one<{ orgs: number; products: number }>(
      seeded.url,
      `select (select count(*)::int from organization where slug = $1) as orgs,
              (select count(*)::int from product where organization_id = $2) as products`,
      [demoLogin.organizationSlug, org.id],
    );
    expect(again).toEqual({ orgs: 1, products: catalog.products });
  }, 60_000);
});
