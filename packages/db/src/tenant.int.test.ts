import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AuditLog, Organization } from "./index";
import { createOrm, type Orm } from "./orm";
import { forOrganization, TenantScopeError } from "./tenant";
import { createTestDatabase, type TestDatabase } from "./testing";

/*
 * The tenant boundary of the ORM: the default filter scopes every read of a tenant entity to the
 * active organization (and refuses reads without one), and the subscriber stamps new rows with it
 * and refuses writes into, or moves to, another organization.
 */

let database: TestDatabase;
let orm: Orm;
const orgA = randomUUID();
const orgB = randomUUID();

beforeAll(async () => {
  database = await createTestDatabase();
  orm = await createOrm(database.url, { pool: { min: 0, max: 2 } });
  const em = orm.em.fork();
  for (const id of [orgA, orgB]) em.create(Organization, { id, name: id, slug: id, createdAt: new Date() });
  await em.flush();
}, 60_000);

afterAll(async () => {
  await orm?.close(true);
  await database?.drop();
});

const entry = (action: string, organizationId?: string) => ({
  ...(organizationId ? { organizationId } : {}),
  actorId: null,
  action,
  entity: "test",
});

describe("tenant scope", () => {
  it("stamps new rows with the active organization and reads only that organization's rows", async () => {
    const a = forOrganization(orm.em.fork(), orgA);
    a.create(AuditLog, entry("a.one") as never);
    await a.flush();
    const b = forOrganization(orm.em.fork(), orgB);
    b.create(AuditLog, entry("b.one") as never);
    await b.flush();

    const seenByA = await forOrganization(orm.em.fork(), orgA).find(AuditLog, {});
    expect(seenByA.map((row) => [row.action, row.organizationId])).toEqual([["a.one", orgA]]);
    const seenByB = await forOrganization(orm.em.fork(), orgB).find(AuditLog, {});
    expect(seenByB.map((row) => row.action)).toEqual(["b.one"]);
    // An explicit opt-out sees both (a user's own memberships across organizations).
    const all = await orm.em.fork().find(AuditLog, {}, { filters: { tenant: false } });
    expect(all.map((row) => row.action).sort()).toEqual(["a.one", "b.one"]);
  });

  it("refuses to read a tenant entity without an active organization", async () => {
    await expect(orm.em.fork().find(AuditLog, {})).rejects.toThrow(/organizationId|tenant/);
  });

  it("refuses a row without an organization, and one for another organization", async () => {
    const unscoped = orm.em.fork();
    unscoped.create(AuditLog, entry("nobody") as never);
    await expect(unscoped.flush()).rejects.toThrow(
      new TenantScopeError("Cannot create AuditLog without an active organization"),
    );

    const a = forOrganization(orm.em.fork(), orgA);
    a.create(AuditLog, entry("smuggled", orgB) as never);
    await expect(a.flush()).rejects.toThrow(new TenantScopeError("Cannot create AuditLog in another organization"));

    const total = await orm.em
      .fork()
      .count(AuditLog, { action: { $in: ["nobody", "smuggled"] } }, { filters: { tenant: false } });
    expect(total).toBe(0);
  });

  it("lets system writes name the organization without a scope", async () => {
    const system = orm.em.fork();
    system.create(AuditLog, entry("system", orgB) as never);
    await system.flush();
    const rows = await forOrganization(orm.em.fork(), orgB).find(AuditLog, { action: "system" });
    expect(rows).toHaveLength(1);
  });

  it("refuses to move a row to another organization", async () => {
    const a = forOrganization(orm.em.fork(), orgA);
    const row = await a.findOneOrFail(AuditLog, { action: "a.one" });
    row.organizationId = orgB;
    await expect(a.flush()).rejects.toThrow(new TenantScopeError("Cannot move AuditLog to another organization"));
    const still = await forOrganization(orm.em.fork(), orgA).findOneOrFail(AuditLog, { action: "a.one" });
    expect(still.organizationId).toBe(orgA);
  });
});
