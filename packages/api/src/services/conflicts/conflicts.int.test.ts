import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiHarness, type ApiHarness } from "../../testing/harness";

/*
 * The conflicts router over a real database: the list with its filters, a manual merge written into
 * master and audited, bad input refused with a 4xx, policies per organization and per shop.
 */

let h: ApiHarness;
let owner: Awaited<ReturnType<ApiHarness["signUp"]>>;
let connectionId: string;
let conflictId: string;
let productId: string;

beforeAll(async () => {
  h = await createApiHarness();
  owner = await h.signUp("Conflict Owner");
  const org = owner.organizationId;
  [{ id: connectionId }] = (await h.query<{ id: string }>(
    `insert into channel_connection (id, organization_id, platform, external_shop_id, name, status)
     values (gen_random_uuid(), $1, 'tiktok', '7100001', 'Conflict shop', 'active') returning id::text as id`,
    [org],
  )) as [{ id: string }];
  [{ id: productId }] = (await h.query<{ id: string }>(
    `insert into product (id, organization_id, title, status) values (gen_random_uuid(), $1, 'Master title', 'active') returning id::text as id`,
    [org],
  )) as [{ id: string }];
  const [variant] = await h.query<{ id: string }>(
    `insert into variant (id, organization_id, product_id, sku, price) values (gen_random_uuid(), $1, $2, 'CF-1', 1000) returning id::text as id`,
    [org, productId],
  );
  const [listing] = await h.query<{ id: string }>(
    `insert into listing (id, organization_id, connection_id, variant_id, product_id, external_product_id, external_variant_id,
                          sync_state, last_synced, channel_state)
     values (gen_random_uuid(), $1, $2, $3, $4, 'P1', 'S1', 'in_sync', '{"title":"Base title","price":1000}', '{"title":"Seller title","price":1000}')
     returning id::text as id`,
    [org, connectionId, variant?.id, productId],
  );
  [{ id: conflictId }] = (await h.query<{ id: string }>(
    `insert into conflict (id, organization_id, listing_id, connection_id, product_id, variant_id, field_group, status, source,
                           base, master, channel)
     values (gen_random_uuid(), $1, $2, $3, $4, $5, 'content', 'open', 'webhook', '{"title":"Base title"}',
             '{"title":"Master title"}', '{"title":"Seller title"}') returning id::text as id`,
    [org, listing?.id, connectionId, productId, variant?.id],
  )) as [{ id: string }];
}, 60_000);

afterAll(async () => {
  await h?.close();
});

describe("conflicts router", () => {
  it("lists open conflicts with filters and counts them", async () => {
    const all = await owner.caller.conflicts.list({});
    expect(all.total).toBe(1);
    expect(all.rows[0]).toMatchObject({ id: conflictId, fieldGroup: "content", connectionName: "Conflict shop" });
    expect(all.rows[0]?.detectedAt).toBeInstanceOf(Date);
    expect((await owner.caller.conflicts.list({ fieldGroup: "price" })).total).toBe(0);
    expect(await owner.caller.conflicts.countOpen()).toEqual({ open: 1 });
  });

  it("refuses a manual merge without a title, and an unknown conflict, with 4xx errors", async () => {
    await expect(
      owner.caller.conflicts.resolve({ strategy: "manual", conflictIds: [conflictId], value: { title: "" } }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(
      owner.caller.conflicts.resolve({ strategy: "master", conflictIds: ["00000000-0000-4000-8000-000000000000"] }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("a manual merge goes into master, closes the conflict and is audited", async () => {
    const result = await owner.caller.conflicts.resolve({
      strategy: "manual",
      conflictIds: [conflictId],
      value: { title: "Merged title" },
    });
    expect(result).toEqual({ resolved: 1, skipped: 0, closed: 0 });
    const [product] = await h.query<{ title: string }>(`select title from product where id = $1`, [productId]);
    expect(product?.title).toBe("Merged title");
    const [audit] = await h.query<{ action: string; actor_id: string | null }>(
      `select action, actor_id from audit_log where entity = 'conflict' and entity_id = $1`,
      [conflictId],
    );
    expect(audit?.action).toBe("conflict.resolve_manual");
    expect(audit?.actor_id).not.toBeNull();
    const history = await owner.caller.conflicts.productHistory({ productId });
    expect(history[0]).toMatchObject({ id: conflictId, resolution: "manual", status: "resolved" });
    expect(await owner.caller.conflicts.countOpen()).toEqual({ open: 0 });
  });

  it("keeps policies per organization with per-shop overrides", async () => {
    await owner.caller.conflicts.policies.set({ connectionId: null, policies: { price: "adopt" } });
    const settings = await owner.caller.conflicts.policies.set({ connectionId, policies: { price: "overwrite" } });
    expect(settings.organization).toEqual({ price: "adopt" });
    expect(settings.shops.find((s) => s.connectionId === connectionId)?.policies).toEqual({ price: "overwrite" });
    const cleared = await owner.caller.conflicts.policies.set({ connectionId, policies: { price: null } });
    expect(cleared.shops.find((s) => s.connectionId === connectionId)?.policies).toEqual({});
  });
});
