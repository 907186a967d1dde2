import { createOrm, type Orm } from "@syncstore/db";
import { createTestDatabase } from "@syncstore/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { markListingsForSync } from "./mark";

let orm: Orm;
let drop: () => Promise<void>;
const org = "org-mark";
const ids = {
  product: crypto.randomUUID(),
  variants: [crypto.randomUUID(), crypto.randomUUID()],
  connection: crypto.randomUUID(),
  published: [crypto.randomUUID(), crypto.randomUUID()],
  unpublished: crypto.randomUUID(),
  disabled: crypto.randomUUID(),
};

beforeAll(async () => {
  const database = await createTestDatabase();
  drop = database.drop;
  orm = await createOrm(database.url, { pool: { min: 0, max: 3 } });
  const em = orm.em.fork();
  await em.execute(`insert into organization (id, name, slug) values (?, 'Mark', 'mark')`, [org]);
  await em.execute(`insert into product (id, organization_id, title) values (?, ?, 'Tee')`, [ids.product, org]);
  for (const [i, id] of ids.variants.entries()) {
    await em.execute(`insert into variant (id, organization_id, product_id, sku) values (?, ?, ?, ?)`, [
      id,
      org,
      ids.product,
      `TEE-${i}`,
    ]);
  }
  await em.execute(
    `insert into channel_connection (id, organization_id, platform, external_shop_id, name) values (?, ?, 'shopee', '1', 'Shop')`,
    [ids.connection, org],
  );
  const listing = (id: string, variant: string | null, external: string | null, enabled = true) =>
    em.execute(
      `insert into listing (id, organization_id, connection_id, variant_id, product_id, external_product_id, external_variant_id, enabled, sync_state)
       values (?, ?, ?, ?, ?, ?, ?, ?, 'in_sync')`,
      [id, org, ids.connection, variant, ids.product, external, external, enabled],
    );
  await listing(ids.published[0]!, ids.variants[0]!, "p1");
  await listing(ids.published[1]!, ids.variants[1]!, "p2");
  await listing(ids.unpublished, null, null);
  await listing(ids.disabled, null, "p3", false);
}, 60_000);
afterAll(async () => {
  await orm?.close(true);
  await drop?.();
});

const pendingJobs = () =>
  orm.em.fork().execute<{ key: string; priority: number; payload: { listingId: string } }[]>(
    `select j.key, j.priority, j.payload from graphile_worker._private_jobs j
         join graphile_worker._private_tasks t on t.id = j.task_id where t.identifier = 'sync-listing' order by j.key`,
  );

describe("markListingsForSync", () => {
  it("marks published, enabled listings pending, bumps their version and adds one keyed job each", async () => {
    const count = await orm.em
      .fork()
      .transactional((tx) => markListingsForSync(tx, { organizationId: org, productIds: [ids.product] }));
    expect(count).toBe(2);
    const rows = await orm.em
      .fork()
      .execute<{ id: string; sync_state: string; desired_version: number }[]>(
        `select id, sync_state, desired_version from listing where id = any(?::uuid[]) order by id`,
        [`{${ids.published.join(",")}}`],
      );
    expect(rows.map((r) => [r.sync_state, r.desired_version])).toEqual([
      ["pending", 2],
      ["pending", 2],
    ]);
    const jobs = await pendingJobs();
    expect(jobs.map((j) => j.payload.listingId).sort()).toEqual([...ids.published].sort());
    expect(jobs.every((j) => j.key === `sync-listing:${j.payload.listingId}` && j.priority === 0)).toBe(true);
  });

  it("coalesces a burst of edits into one pending job per listing", async () => {
    for (let i = 0; i < 50; i++) {
      await orm.em
        .fork()
        .transactional((tx) =>
          markListingsForSync(tx, { organizationId: org, variantIds: [ids.variants[0]!], priority: "high" }),
        );
    }
    const jobs = (await pendingJobs()).filter((j) => j.payload.listingId === ids.published[0]);
    expect(jobs).toHaveLength(1);
    expect(jobs[0]?.priority).toBe(-10);
  });

  it("moves a listing from an unfinished run to a newer one, finishing the older when nothing is left", async () => {
    const [older, newer] = [crypto.randomUUID(), crypto.randomUUID()];
    const em = orm.em.fork();
    await em.execute(
      `insert into sync_run (id, organization_id, kind, total, done, status) values (?, ?, 'all', 2, 1, 'running'), (?, ?, 'all', 0, 0, 'running')`,
      [older, org, newer, org],
    );
    await orm.em
      .fork()
      .transactional((tx) =>
        markListingsForSync(tx, { organizationId: org, listingIds: [ids.published[0]!], syncRunId: older }),
      );
    await orm.em
      .fork()
      .transactional((tx) =>
        markListingsForSync(tx, { organizationId: org, listingIds: [ids.published[0]!], syncRunId: newer }),
      );
    const runs = await orm.em
      .fork()
      .execute<{ id: string; total: number; status: string }[]>(
        `select id, total, status from sync_run where id in (?, ?)`,
        [older, newer],
      );
    expect(runs.find((run) => run.id === older)).toMatchObject({ total: 1, status: "succeeded" });
    expect(runs.find((run) => run.id === newer)).toMatchObject({ total: 0, status: "running" });
  });

  it("leaves nothing behind when the transaction rolls back, and ignores other organizations", async () => {
    const before = await pendingJobs();
    await expect(
      orm.em.fork().transactional(async (tx) => {
        await markListingsForSync(tx, { organizationId: org, all: true });
        throw new Error("rollback");
      }),
    ).rejects.toThrow("rollback");
    expect(await pendingJobs()).toEqual(before);
    expect(
      await orm.em.fork().transactional((tx) => markListingsForSync(tx, { organizationId: "other", all: true })),
    ).toBe(0);
    expect(await orm.em.fork().transactional((tx) => markListingsForSync(tx, { organizationId: org }))).toBe(0);
  });
});
