import { allocateStock } from "@syncstore/domain";
import { generateDemoCatalog, insertCatalog } from "@syncstore/db";
import { BULK_KIND_COUNT, runCountBatch } from "@syncstore/services";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiHarness, type ApiHarness } from "../../testing/harness";
import { exportStockCsv } from "./export-csv";

/*
 * The inventory router over a real database: the stock list (keyset blocks, filters, per-shop
 * pushed / reported numbers), explain (the domain's allocation), adjustments with compare-and-set,
 * the stock count preview and apply, the export, the movement history and the shop stock rules.
 */

let h: ApiHarness;
let owner: Awaited<ReturnType<ApiHarness["signUp"]>>;
let viewer: Awaited<ReturnType<ApiHarness["callerFor"]>>;
let editor: Awaited<ReturnType<ApiHarness["callerFor"]>>;
let variants: { id: string; sku: string }[];
let shopee: string;
let tiktok: string;

async function setStock(variantId: string, onHand: number, committed = 0, promotionReserved = 0) {
  await h.query(
    `update stock_level set on_hand = $2, committed = $3, promotion_reserved = $4, unavailable = 0 where variant_id = $1`,
    [variantId, onHand, committed, promotionReserved],
  );
}

async function stockOf(variantId: string) {
  const [row] = await h.query<{ on_hand: number; available: number }>(
    `select on_hand, available from stock_level where variant_id = $1`,
    [variantId],
  );
  return row;
}

async function movementCount(variantId: string) {
  const [row] = await h.query<{ n: number }>(
    `select count(*)::int as n from inventory_movement where variant_id = $1`,
    [variantId],
  );
  return row?.n ?? 0;
}

const v = (i: number) => variants[i]!;

beforeAll(async () => {
  h = await createApiHarness();
  owner = await h.signUp("Stock Owner");
  for (const [name, role] of [
    ["Stock Viewer", "viewer"],
    ["Stock Editor", "editor"],
  ] as const) {
    const member = await h.signUp(name);
    await h.addMember(owner.organizationId, member.me.user.id, role);
    await member.caller.organization.setActive({ organizationId: owner.organizationId });
    const caller = await h.callerFor(member.cookie);
    if (role === "viewer") viewer = caller;
    else editor = caller;
  }
  await insertCatalog(h.orm.em.fork(), owner.organizationId, generateDemoCatalog(8));
  variants = await h.query<{ id: string; sku: string }>(
    `select id::text as id, sku from variant where organization_id = $1 order by sku`,
    [owner.organizationId],
  );
  await h.query(
    `insert into stock_level (id, organization_id, variant_id, on_hand, committed)
     select gen_random_uuid(), organization_id, id, 0, 0 from variant where organization_id = $1
     on conflict do nothing`,
    [owner.organizationId],
  );
  for (const variant of variants) await setStock(variant.id, 50);
  const connections = await h.query<{ id: string; platform: string }>(
    `insert into channel_connection (id, organization_id, platform, external_shop_id, name, status)
     values (gen_random_uuid(), $1, 'shopee', '880001', 'Shopee Test', 'active'),
            (gen_random_uuid(), $1, 'tiktok', '770001', 'TikTok Test', 'active')
     returning id::text as id, platform`,
    [owner.organizationId],
  );
  shopee = connections.find((c) => c.platform === "shopee")!.id;
  tiktok = connections.find((c) => c.platform === "tiktok")!.id;
  // v0 listed on both shops (TikTok reports a number that differs from what we pushed: drift),
  // v1 on Shopee only.
  const listing = (connectionId: string, variantId: string, pushed: number, reported: number, n: number) =>
    h.query(
      `insert into listing (id, organization_id, connection_id, variant_id, product_id, external_product_id, external_variant_id,
                            enabled, sync_state, desired_version, synced_version, last_synced, channel_state,
                            created_at, updated_at)
       select gen_random_uuid(), $1, $2, v.id, v.product_id, $5, $5, true, 'in_sync', 1, 1,
              jsonb_build_object('stock', $3::int), jsonb_build_object('stock', $4::int), now(), now()
         from variant v where v.id = $6`,
      [owner.organizationId, connectionId, pushed, reported, `ext-${n}`, variantId],
    );
  await listing(shopee, v(0).id, 50, 50, 1);
  await listing(tiktok, v(0).id, 50, 47, 2);
  await listing(shopee, v(1).id, 50, 50, 3);
  // v2 is out of stock, v3 is low (3 ≤ default threshold 5), v4 has an oversold order line.
  await setStock(v(2).id, 0);
  await setStock(v(3).id, 3);
  const [order] = await h.query<{ id: string }>(
    `insert into channel_order (id, organization_id, connection_id, external_order_id, status, placed_at, created_at, updated_at)
     values (gen_random_uuid(), $1, $2, 'ORDER-1', 'paid', now() - interval '2 days', now(), now()) returning id::text as id`,
    [owner.organizationId, shopee],
  );
  await h.query(
    `insert into channel_order_line (id, organization_id, order_id, variant_id, sku, quantity, line_key, effect,
                                     committed_quantity, oversold_quantity)
     values (gen_random_uuid(), $1, $2, $3, $4, 6, 'l1', 'committed', 4, 2)`,
    [owner.organizationId, order!.id, v(4).id, v(4).sku],
  );
  await setStock(v(4).id, 4, 4);
}, 60_000);

afterAll(() => h?.close());

describe("inventory.list", () => {
  it("returns blocks in SKU order by keyset, with the total on the first block", async () => {
    const first = await owner.caller.inventory.list({ limit: 5 });
    expect(first.total).toBe(variants.length);
    expect(first.rows.map((row) => row.sku)).toEqual(variants.slice(0, 5).map((x) => x.sku));
    expect(first.nextCursor).toBe(v(4).sku);
    const second = await owner.caller.inventory.list({ limit: 5, cursor: first.nextCursor! });
    expect(second.total).toBeNull();
    expect(second.rows.map((row) => row.sku)).toEqual(variants.slice(5, 10).map((x) => x.sku));
    const jumped = await owner.caller.inventory.list({ limit: 5, offset: 5 });
    expect(jumped.rows.map((row) => row.sku)).toEqual(second.rows.map((row) => row.sku));
  });

  it("shows the buckets, 30-day sales, days of cover and per shop what was pushed and reported", async () => {
    const { rows } = await owner.caller.inventory.list({ limit: 10 });
    const zero = rows.find((row) => row.variantId === v(0).id)!;
    expect(zero).toMatchObject({ onHand: 50, committed: 0, available: 50, daysOfCover: null });
    expect(zero.shops).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ connectionId: shopee, pushed: 50, reported: 50, drift: false }),
        expect.objectContaining({ connectionId: tiktok, pushed: 50, reported: 47, drift: true }),
      ]),
    );
    const four = rows.find((row) => row.variantId === v(4).id)!;
    expect(four).toMatchObject({ onHand: 4, committed: 4, available: 0, oversold: 2, sold30d: 6 });
    expect(four.daysOfCover).toBe(0);
  });

  it("filters low, out of stock, oversold, drift and shop", async () => {
    const ids = async (input: Parameters<typeof owner.caller.inventory.list>[0]) =>
      (await owner.caller.inventory.list({ limit: 500, ...input })).rows.map((row) => row.variantId).sort();
    expect(await ids({ stock: "low" })).toEqual([v(3).id]);
    expect(await ids({ stock: "out" })).toEqual([v(2).id, v(4).id].sort());
    expect(await ids({ stock: "oversold" })).toEqual([v(4).id]);
    expect(await ids({ stock: "drift" })).toEqual([v(0).id]);
    expect(await ids({ connectionId: shopee })).toEqual([v(0).id, v(1).id].sort());
    expect(await ids({ connectionId: tiktok, stock: "drift" })).toEqual([v(0).id]);
    expect(await ids({ search: v(3).sku })).toContain(v(3).id);
    await expect(owner.caller.inventory.list({ connectionId: crypto.randomUUID() })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
  });

  it("is readable by a viewer", async () => {
    const { rows } = await viewer.inventory.list({ limit: 2 });
    expect(rows).toHaveLength(2);
  });
});

describe("inventory.explain", () => {
  it("explains the pushed number with the domain's allocation and names the deciding rule", async () => {
    await owner.caller.inventory.setShopRule({ connectionId: tiktok, rule: { buffer: 2, max: 40 } });
    const explained = await owner.caller.inventory.explain({ variantId: v(0).id, connectionId: tiktok });
    const expected = allocateStock({
      buckets: { onHand: 50, committed: 0, promotionReserved: 0, unavailable: 0 },
      connectionRule: { buffer: 2, max: 40 },
      connectionId: tiktok,
    });
    expect(explained).toMatchObject({
      decidedBy: "connection",
      quantity: expected.quantity,
      pushed: 40,
      terms: expected.terms,
      lastPushed: 50,
      reported: 47,
    });
    // The listing's own rule wins over the shop's rule; clearing it gives the decision back to the shop.
    await editor.inventory.setListingRule({ listingId: explained.listingId, rule: { percent: 50, buffer: 5 } });
    const listing = await viewer.inventory.explain({ variantId: v(0).id, connectionId: tiktok });
    expect(listing).toMatchObject({
      decidedBy: "listing",
      quantity: 20,
      rules: { listing: { percent: 50, buffer: 5 }, connection: { buffer: 2, max: 40 } },
    });
    await expect(
      viewer.inventory.setListingRule({ listingId: explained.listingId, rule: { buffer: 1 } }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await editor.inventory.setListingRule({ listingId: explained.listingId, rule: {} })).toEqual({
      listingId: explained.listingId,
      rule: null,
    });
    expect(await viewer.inventory.explain({ variantId: v(0).id, connectionId: tiktok })).toMatchObject({
      decidedBy: "connection",
      rules: { listing: null },
    });
  });

  it("adds Shopee's promotion stock to what is pushed there", async () => {
    await setStock(v(1).id, 50, 0, 5);
    const explained = await owner.caller.inventory.explain({ variantId: v(1).id, connectionId: shopee });
    expect(explained).toMatchObject({ available: 45, quantity: 45, pushed: 50, decidedBy: "none" });
    await setStock(v(1).id, 50);
  });

  it("the organization default rule decides where neither the listing nor its shop has one; audited, viewer refused", async () => {
    await expect(viewer.inventory.setDefaultRule({ rule: { stopBelow: 60 } })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    await expect(
      owner.caller.inventory.setDefaultRule({ rule: { stopExceptConnectionId: tiktok } }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });
    expect(await owner.caller.inventory.setDefaultRule({ rule: { stopBelow: 60, percent: 50 } })).toEqual({
      rule: { stopBelow: 60, percent: 50 },
    });
    expect(await viewer.inventory.defaultRule()).toEqual({ rule: { stopBelow: 60, percent: 50 } });
    // Shopee has no shop rule: available 50 is below 60, so the default stops selling there.
    const stopped = await viewer.inventory.explain({ variantId: v(1).id, connectionId: shopee });
    expect(stopped).toMatchObject({ decidedBy: "organization", quantity: 0, pushed: 0 });
    expect(stopped.terms.at(-1)).toMatch(/stop selling/);
    // TikTok's own rule wins over the default.
    expect(await viewer.inventory.explain({ variantId: v(0).id, connectionId: tiktok })).toMatchObject({
      decidedBy: "connection",
    });
    const [audit] = await h.query<{ n: number }>(
      `select count(*)::int as n from audit_log where organization_id = $1 and action = 'settings.default_stock_rule'`,
      [owner.organizationId],
    );
    expect(audit?.n).toBe(1);
    expect(await owner.caller.inventory.setDefaultRule({ rule: {} })).toEqual({ rule: null });
    expect(await viewer.inventory.explain({ variantId: v(1).id, connectionId: shopee })).toMatchObject({
      decidedBy: "none",
      quantity: 50,
    });
  });

  it("refuses a variant that is not listed on the shop", async () => {
    await expect(owner.caller.inventory.explain({ variantId: v(5).id, connectionId: shopee })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
  });
});

describe("inventory.setShopRule", () => {
  it("validates the rule with the domain schema and keeps it per shop", async () => {
    await expect(
      owner.caller.inventory.setShopRule({ connectionId: shopee, rule: { percent: 150 } }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(
      owner.caller.inventory.setShopRule({ connectionId: shopee, rule: { stopExceptConnectionId: tiktok } }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(viewer.inventory.setShopRule({ connectionId: shopee, rule: { buffer: 1 } })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    await editor.inventory.setShopRule({
      connectionId: shopee,
      rule: { stopBelow: 10, stopExceptConnectionId: tiktok },
    });
    const rules = await viewer.inventory.shopRules();
    expect(rules.find((r) => r.connectionId === shopee)?.rule).toEqual({
      stopBelow: 10,
      stopExceptConnectionId: tiktok,
    });
    await editor.inventory.setShopRule({ connectionId: shopee, rule: {} });
    expect((await viewer.inventory.shopRules()).find((r) => r.connectionId === shopee)?.rule).toBeNull();
  });
});

describe("inventory.adjust", () => {
  it("sets, adds and removes with the on hand the user saw, writing one movement each", async () => {
    const id = v(5).id;
    const before = await movementCount(id);
    expect(
      await editor.inventory.adjust({ variantId: id, mode: "set", quantity: 30, expected: 50, reason: "count" }),
    ).toEqual({
      variantId: id,
      before: 50,
      after: 30,
    });
    await editor.inventory.adjust({ variantId: id, mode: "add", quantity: 5, expected: 30, reason: "manual" });
    await editor.inventory.adjust({
      variantId: id,
      mode: "remove",
      quantity: 10,
      expected: 35,
      reason: "manual",
      note: "damaged",
    });
    expect((await stockOf(id))?.on_hand).toBe(25);
    expect(await movementCount(id)).toBe(before + 3);
    // The pushes of the variant's listings are queued (none here) and the audit names the SKU.
    const [audit] = await h.query<{ n: number }>(
      `select count(*)::int as n from audit_log where organization_id = $1 and action = 'inventory.adjust' and entity_id = $2`,
      [owner.organizationId, id],
    );
    expect(audit?.n).toBe(3);
  });

  it("refuses a stale expected value with a conflict and changes nothing", async () => {
    const id = v(0).id;
    const before = await movementCount(id);
    const [jobsBefore] = await h.query<{ n: number }>(`select count(*)::int as n from graphile_worker.jobs`);
    const failure = editor.inventory.adjust({
      variantId: id,
      mode: "add",
      quantity: 5,
      expected: 48,
      reason: "manual",
    });
    await expect(failure).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(failure).rejects.toThrow(/expected 48, it is now 50/);
    expect((await stockOf(id))?.on_hand).toBe(50);
    expect(await movementCount(id)).toBe(before);
    const [jobsAfter] = await h.query<{ n: number }>(`select count(*)::int as n from graphile_worker.jobs`);
    expect(jobsAfter?.n).toBe(jobsBefore?.n);
  });

  it("refuses going below what open orders hold, or below zero", async () => {
    await expect(
      editor.inventory.adjust({ variantId: v(4).id, mode: "set", quantity: 3, expected: 4, reason: "manual" }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(
      editor.inventory.adjust({ variantId: v(4).id, mode: "remove", quantity: 9, expected: 4, reason: "manual" }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });
    expect((await stockOf(v(4).id))?.on_hand).toBe(4);
  });

  it("is refused to a viewer", async () => {
    await expect(
      viewer.inventory.adjust({ variantId: v(0).id, mode: "set", quantity: 1, expected: 50, reason: "manual" }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});

describe("stock count import", () => {
  it("previews counted vs system vs difference with row errors", async () => {
    const csv = [
      "SKU,Counted",
      `${v(6).sku},45`,
      `${v(7).sku},50`,
      "NO-SUCH-SKU,3",
      `${v(8).sku},ten`,
      `${v(6).sku},44`,
      `${v(4).sku},1`,
    ].join("\n");
    const preview = await editor.inventory.previewCount({ csv });
    expect(preview.summary).toEqual({ rows: 6, valid: 2, errors: 4, changes: 1, unitsDifference: -5 });
    expect(preview.rows[0]).toMatchObject({
      row: 2,
      sku: v(6).sku,
      counted: 45,
      system: 50,
      difference: -5,
      error: null,
    });
    expect(preview.rows[2]?.error).toMatch(/No variant has SKU NO-SUCH-SKU/);
    expect(preview.rows[3]?.error).toMatch(/not a whole number/);
    expect(preview.rows[4]?.error).toMatch(/already counted on line 2/);
    expect(preview.rows[5]?.error).toMatch(/below the 4 unit\(s\) held/);
    await expect(editor.inventory.previewCount({ csv: "SKU,Colour\nA,red" })).rejects.toMatchObject({
      code: "BAD_REQUEST",
    });
    await expect(viewer.inventory.previewCount({ csv })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("applies as one bulk operation with reason count; a row moved since the preview is refused", async () => {
    const preview = await editor.inventory.previewCount({ csv: `${v(6).sku},45\n${v(7).sku},20\n${v(8).sku},12` });
    expect(preview.summary.errors).toBe(0);
    // An order takes a unit of v8 after the preview.
    await setStock(v(8).id, 49);
    const rows = preview.rows.map((row) => ({
      variantId: row.variantId!,
      counted: row.counted!,
      expected: row.system!,
    }));
    const result = await editor.inventory.applyCount({ fileName: "count.csv", rows });
    expect(result).toMatchObject({ status: "succeeded", total: 3, done: 3, failed: 1 });
    expect((await stockOf(v(6).id))?.on_hand).toBe(45);
    expect((await stockOf(v(7).id))?.on_hand).toBe(20);
    expect((await stockOf(v(8).id))?.on_hand).toBe(49);
    const [failure] = await h.query<{ reason: string }>(
      `select reason from bulk_operation_item where operation_id = $1`,
      [result.operationId],
    );
    expect(failure?.reason).toMatch(/expected 50, it is now 49/);
    const [movement] = await h.query<{ reason: string; source_kind: string; source_ref: string }>(
      `select reason, source_kind, source_ref from inventory_movement where variant_id = $1 order by at desc limit 1`,
      [v(7).id],
    );
    expect(movement).toEqual({ reason: "count", source_kind: "bulk_operation", source_ref: result.operationId });
  });

  it("runs batch by batch (the bulk job's path), each batch announcing its progress and resuming after its cursor", async () => {
    const rows = [v(9), v(10), v(11)].map((x) => ({ variantId: x.id, sku: x.sku, counted: 7, expected: 50 }));
    rows.sort((a, b) => (a.variantId < b.variantId ? -1 : 1));
    const [op] = await h.query<{ id: string }>(
      `insert into bulk_operation (id, organization_id, kind, parameters, selection, total, done, failed, status, created_at)
       values (gen_random_uuid(), $1, $2, $3::jsonb, '{"mode":"import"}', 3, 0, 0, 'queued', now()) returning id::text as id`,
      [owner.organizationId, BULK_KIND_COUNT, JSON.stringify({ count: { fileName: null, rows } })],
    );
    const progress = [];
    for (;;) {
      const result = await h.orm.em.fork().transactional((tx) => runCountBatch(tx, op!.id, 2));
      progress.push(result.progress);
      if (result.status !== "running") break;
    }
    expect(progress.map((p) => [p.done, p.status])).toEqual([
      [2, "running"],
      [3, "succeeded"],
    ]);
    for (const row of rows) expect((await stockOf(row.variantId))?.on_hand).toBe(7);
  });
});

describe("inventory.movements", () => {
  it("lists the ledger newest first with source, actor, before and after; filters and pages", async () => {
    const id = v(5).id;
    const all = await viewer.inventory.movements({ variantId: id, limit: 2 });
    expect(all.items).toHaveLength(2);
    expect(all.items[0]).toMatchObject({ reason: "manual", bucket: "on_hand", delta: -10, before: 35, after: 25 });
    expect(all.items[0]?.actorName).toBe("Stock Editor");
    expect(all.items[0]?.source).toMatchObject({ kind: "user", label: "Stock Editor" });
    const next = await viewer.inventory.movements({ variantId: id, limit: 2, cursor: all.nextCursor! });
    expect(next.items[0]).toMatchObject({ reason: "count", before: 50, after: 30 });
    const counts = await viewer.inventory.movements({ variantId: id, reason: "count" });
    expect(counts.items.map((item) => item.reason)).toEqual(["count"]);
    const counted = await viewer.inventory.movements({ variantId: v(7).id, reason: "count" });
    expect(counted.items[0]?.source).toMatchObject({ kind: "bulk_operation", label: "Stock count import" });
    await expect(viewer.inventory.movements({ variantId: id, cursor: "garbage" })).rejects.toMatchObject({
      code: "BAD_REQUEST",
    });
  });
});

describe("export", () => {
  it("streams the current filter as CSV with a pushed / reported pair per shop", async () => {
    const em = h.orm.em.fork();
    let csv = "";
    for await (const chunk of exportStockCsv(em, owner.organizationId, { stock: "drift" })) csv += chunk;
    const lines = csv
      .replace(/^\ufeff/, "")
      .trim()
      .split("\n");
    expect(lines[0]).toContain("Shopee Test pushed,Shopee Test reported");
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain(v(0).sku);
    expect(lines[1]).toMatch(/,50,47$/);
  });
});
