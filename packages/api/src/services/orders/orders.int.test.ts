import { closeChannelAgent } from "@syncstore/channels";
import { startSimulator, type RunningSimulator } from "@syncstore/channels/testing";
import { forOrganization, readStockLevels } from "@syncstore/db";
import { createMailer, createTaskList, processWebhookEvent, type JobDeps } from "@syncstore/services";
import {
  connectShop,
  deliveriesOf,
  storeWebhook,
  type ConnectedShop,
  type SimDelivery,
} from "@syncstore/services/testing/webhooks";
import { parse } from "csv-parse/sync";
import { Logger, runOnce } from "graphile-worker";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiHarness, type ApiHarness } from "../../testing/harness";
import { completeConnect } from "../channels/connections";
import { exportOrdersCsv } from "./export-csv";

/*
 * The orders router over a real database and the real simulators: orders arrive as the simulated
 * shops' webhooks, processed by the real worker code; the list filters and pages on the server,
 * the detail shows lines, movements and webhook events, unmatched lines are linked (stock moves
 * then), returns are received, the CSV follows the filter, viewers read and may not write, and
 * connecting a shop pulls its open orders.
 */

let sim: RunningSimulator;
let h: ApiHarness;
let owner: Awaited<ReturnType<ApiHarness["signUp"]>>;
let viewer: Awaited<ReturnType<ApiHarness["callerFor"]>>;
let deps: JobDeps;
let shopee: ConnectedShop;
let tiktok: ConnectedShop;
const log = pino({ level: "silent" });

const em = () => h.orm.em.fork();

beforeAll(async () => {
  sim = await startSimulator("41");
  h = await createApiHarness(sim.env);
  owner = await h.signUp("Orders Owner");
  const colleague = await h.signUp("Orders Viewer");
  await h.addMember(owner.organizationId, colleague.me.user.id, "viewer");
  await colleague.caller.organization.setActive({ organizationId: owner.organizationId });
  viewer = await h.callerFor(colleague.cookie);
  deps = {
    orm: h.orm,
    realtime: h.deps.realtime,
    mailer: createMailer({ from: "SyncStore <no-reply@example.test>", logger: log }),
    logger: log,
    webUrl: "http://localhost:3000",
    channels: h.deps.channels,
  };
  shopee = await connectShop(em(), sim, h.deps.channels, owner.organizationId, "shopee", 1);
  tiktok = await connectShop(em(), sim, h.deps.channels, owner.organizationId, "tiktok", 1);
}, 60_000);

afterAll(async () => {
  await closeChannelAgent();
  sim?.stop();
  await h?.close();
});

/** Stores the shop's new deliveries as the gateway would and processes them as the worker does. */
async function deliverSince(shop: ConnectedShop, after: number): Promise<string[]> {
  const deliveries: SimDelivery[] = await deliveriesOf(sim, shop, after);
  const ids: string[] = [];
  for (const delivery of deliveries) {
    const kind = delivery.kind === "order_status" ? "order.updated" : delivery.kind;
    ids.push(await storeWebhook(em(), shop, owner.organizationId, { ...delivery, kind }));
  }
  for (const id of ids) await processWebhookEvent(deps, id, 1, log);
  return ids;
}

const lastDelivery = async (shop: ConnectedShop) => (await deliveriesOf(sim, shop)).at(-1)?.id ?? 0;

/** Places an order in the simulated shop and delivers its webhooks; returns the marketplace order id. */
async function placeOrder(shop: ConnectedShop, quantity: number): Promise<string> {
  const before = await lastDelivery(shop);
  const placed = await sim.admin<{ result: { id: string } }>("POST", `/shops/${shop.platform}/${shop.shopId}/orders`, {
    lines: [{ productId: shop.products[0]!.id, quantity }],
  });
  await deliverSince(shop, before);
  return placed.result.id;
}

async function act(shop: ConnectedShop, orderId: string, action: "ship" | "cancel", body?: unknown) {
  const before = await lastDelivery(shop);
  await sim.admin("POST", `/shops/${shop.platform}/${shop.shopId}/orders/${orderId}/${action}`, body);
  await deliverSince(shop, before);
}

const variantOf = async (shop: ConnectedShop) =>
  (
    await h.query<{ variant_id: string }>(
      `select variant_id::text as variant_id from listing where connection_id = $1`,
      [shop.connectionId],
    )
  )[0]!.variant_id;

const stockOf = async (variantId: string) => (await readStockLevels(em(), owner.organizationId, [variantId]))[0];

async function idOf(externalOrderId: string): Promise<string> {
  const [row] = await h.query<{ id: string }>(`select id::text as id from channel_order where external_order_id = $1`, [
    externalOrderId,
  ]);
  return row!.id;
}

async function csvOf(filters: Parameters<typeof exportOrdersCsv>[1]): Promise<Record<string, string>[]> {
  let text = "";
  for await (const chunk of exportOrdersCsv(forOrganization(h.orm.em, owner.organizationId), filters)) text += chunk;
  return parse(text.replace(/^\ufeff/, ""), { columns: true }) as Record<string, string>[];
}

describe("orders router", () => {
  let tiktokOrder = "";
  let shopeeOrder = "";
  let cancelledOrder = "";
  let oversoldOrder = "";

  it("lists the orders of every shop newest first, a keyset page at a time, filtered on the server", async () => {
    tiktokOrder = await placeOrder(tiktok, 1);
    shopeeOrder = await placeOrder(shopee, 2);
    cancelledOrder = await placeOrder(tiktok, 1);
    await act(tiktok, cancelledOrder, "cancel", { by: "seller", reason: "OUT_OF_STOCK" });
    // Master holds fewer units than the Shopee shop offered: the next order does not fit.
    const shopeeVariant = await variantOf(shopee);
    const held = (await stockOf(shopeeVariant))!;
    await h.query(`update stock_level set on_hand = $2 where variant_id = $1`, [shopeeVariant, held.committed + 1]);
    oversoldOrder = await placeOrder(shopee, 3);

    const all = await viewer.orders.list({});
    expect(all.items.map((item) => item.externalOrderId)).toEqual([
      oversoldOrder,
      cancelledOrder,
      shopeeOrder,
      tiktokOrder,
    ]);
    const first = all.items.find((item) => item.externalOrderId === shopeeOrder)!;
    expect(first).toMatchObject({
      platform: "shopee",
      connection: { id: shopee.connectionId },
      phase: "open",
      lineCount: 1,
      units: 2,
      oversoldUnits: 0,
      unmatchedLines: 0,
      skus: [shopee.products[0]!.variants[0]!.sku],
    });
    expect(first.currency).toMatch(/^[A-Z]{3}$/);
    expect(first.total).toBeGreaterThan(0);

    // As the web app's infinite query sends it (with its own `direction` key).
    const page1 = await viewer.orders.list({ limit: 3 });
    const page2 = await viewer.orders.list({
      limit: 3,
      cursor: page1.nextCursor ?? "",
      direction: "forward",
    } as Parameters<typeof viewer.orders.list>[0]);
    expect([...page1.items, ...page2.items].map((item) => item.externalOrderId)).toEqual(
      all.items.map((item) => item.externalOrderId),
    );
    expect(page2.nextCursor).toBeNull();

    const ids = async (input: Parameters<typeof viewer.orders.list>[0]) =>
      (await viewer.orders.list(input)).items.map((item) => item.externalOrderId);
    expect(await ids({ connectionId: tiktok.connectionId })).toEqual([cancelledOrder, tiktokOrder]);
    expect(await ids({ phase: "cancelled" })).toEqual([cancelledOrder]);
    expect(await ids({ phase: "open" })).toEqual([oversoldOrder, shopeeOrder, tiktokOrder]);
    expect(await ids({ oversold: true })).toEqual([oversoldOrder]);
    expect(await ids({ sku: shopee.products[0]!.variants[0]!.sku.slice(1) })).toEqual([oversoldOrder, shopeeOrder]);
    expect(await ids({ search: tiktokOrder })).toEqual([tiktokOrder]);
    expect(await ids({ from: new Date(Date.now() + 60_000) })).toEqual([]);
    expect(await ids({ to: new Date(Date.now() + 60_000), connectionId: shopee.connectionId })).toEqual([
      oversoldOrder,
      shopeeOrder,
    ]);
    expect(await viewer.orders.counts()).toEqual({ oversold: 1, unmatched: 0 });

    await expect(viewer.orders.list({ cursor: "garbage" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(
      viewer.orders.list({ from: new Date("2026-02-01"), to: new Date("2026-01-01") }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });
  }, 60_000);

  it("shows an order with its lines, matched variant, the movements each transition caused and its webhook events", async () => {
    const detail = await viewer.orders.get({ id: await idOf(cancelledOrder) });
    expect(detail).toMatchObject({
      externalOrderId: cancelledOrder,
      phase: "cancelled",
      platformStatus: "CANCELLED",
      cancelledBy: "seller",
      returnPending: false,
    });
    expect(detail.cancelReason).toBeTruthy();
    expect(detail.lines).toHaveLength(1);
    expect(detail.lines[0]).toMatchObject({
      quantity: 1,
      effect: "released",
      variant: { id: await variantOf(tiktok), sku: tiktok.products[0]!.variants[0]!.sku },
    });
    expect(detail.movements.map((m) => [m.reason, m.bucket, m.delta])).toEqual([
      ["order_committed", "committed", 1],
      ["order_released", "committed", -1],
    ]);
    expect(detail.movements.every((m) => m.lineId === detail.lines[0]!.id)).toBe(true);
    expect(detail.webhookEvents.length).toBeGreaterThanOrEqual(2);
    expect(detail.webhookEvents.every((e) => e.status === "processed")).toBe(true);
    // Every movement names an event shown with the order.
    const shown = new Set(detail.webhookEvents.map((e) => e.id));
    expect(detail.movements.every((m) => m.webhookEventId && shown.has(m.webhookEventId))).toBe(true);
    expect(detail.statusHistory.map((s) => s.platformStatus)).toContain("CANCELLED");

    const oversold = await viewer.orders.get({ id: await idOf(oversoldOrder) });
    expect(oversold.lines[0]).toMatchObject({ quantity: 3, committedQuantity: 1, oversoldQuantity: 2 });
    expect(oversold.oversoldUnits).toBe(2);

    await expect(viewer.orders.get({ id: crypto.randomUUID() })).rejects.toMatchObject({ code: "NOT_FOUND" });
    const stranger = await h.signUp("Other Org");
    await expect(stranger.caller.orders.get({ id: detail.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect((await stranger.caller.orders.list({})).items).toEqual([]);
  });

  it("lists unmatched lines and links one to a variant: its stock effect is applied then, once", async () => {
    // The TikTok item stops matching: its listing is unlinked and master's SKU differs.
    const variantId = await variantOf(tiktok);
    await h.query(`update listing set variant_id = null where connection_id = $1`, [tiktok.connectionId]);
    await h.query(`update variant set sku = sku || '-MASTER' where id = $1`, [variantId]);
    const product = tiktok.products[0]!;
    await sim.admin(
      "PATCH",
      `/shops/tiktok/${tiktok.shopId}/products/${product.id}/variants/${product.variants[0]!.id}`,
      {
        stock: 50,
      },
    );
    const before = (await stockOf(variantId))!;
    const unmatchedA = await placeOrder(tiktok, 2);
    const unmatchedB = await placeOrder(tiktok, 1);
    expect(await stockOf(variantId)).toMatchObject({ committed: before.committed });

    const lines = await viewer.orders.unmatchedLines({});
    expect(lines.map((line) => line.externalOrderId)).toEqual([unmatchedA, unmatchedB]);
    expect((await viewer.orders.list({ unmatched: true })).items.map((item) => item.externalOrderId)).toEqual([
      unmatchedB,
      unmatchedA,
    ]);
    expect(await viewer.orders.counts()).toMatchObject({ unmatched: 2 });

    await expect(viewer.orders.linkLine({ lineId: lines[0]!.id, variantId })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    await expect(
      owner.caller.orders.linkLine({ lineId: lines[0]!.id, variantId: crypto.randomUUID() }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });

    // Both lines are the same shop item: linking one links both and commits their 3 units; the
    // line names the shop's product and variant, whose unmatched listing is linked to the variant too.
    const [listing] = await h.query<{ id: string }>(`select id::text as id from listing where connection_id = $1`, [
      tiktok.connectionId,
    ]);
    expect(await owner.caller.orders.linkLine({ lineId: lines[0]!.id, variantId })).toEqual({
      linkedLines: 2,
      orders: 2,
      linkedListingId: listing!.id,
    });
    expect(await stockOf(variantId)).toMatchObject({ committed: before.committed + 3 });
    const [linkedListing] = await h.query<{ variant_id: string; pending: boolean }>(
      `select variant_id::text as variant_id, desired_version > synced_version as pending from listing where id = $1`,
      [listing!.id],
    );
    // Linked and queued: our allocation goes out to the shop at once.
    expect(linkedListing).toEqual({ variant_id: variantId, pending: true });
    const listingAudit = await h.query<{ n: number }>(
      `select count(*)::int as n from audit_log where organization_id = $1 and action = 'listing.link' and entity_id = $2`,
      [owner.organizationId, listing!.id],
    );
    expect(listingAudit[0]?.n).toBe(1);
    expect(await viewer.orders.unmatchedLines({})).toEqual([]);
    const detail = await viewer.orders.get({ id: await idOf(unmatchedA) });
    expect(detail.lines[0]).toMatchObject({ effect: "committed", committedQuantity: 2, variant: { id: variantId } });
    expect(detail.movements).toMatchObject([{ reason: "order_committed", delta: 2, actorName: "Orders Owner" }]);
    await expect(owner.caller.orders.linkLine({ lineId: lines[0]!.id, variantId })).rejects.toMatchObject({
      code: "CONFLICT",
    });
    const [audit] = await h.query<{ action: string }>(
      `select action from audit_log where organization_id = $1 and action = 'order.line_link'`,
      [owner.organizationId],
    );
    expect(audit).toEqual({ action: "order.line_link" });
  }, 60_000);

  it("restocks a returned order once when the seller marks the return received", async () => {
    const variantId = await variantOf(shopee);
    await h.query(`update stock_level set on_hand = on_hand + 10 where variant_id = $1`, [variantId]);
    const orderId = await placeOrder(shopee, 2);
    await act(shopee, orderId, "ship");
    const id = await idOf(orderId);
    const shipped = (await stockOf(variantId))!;
    await expect(owner.caller.orders.receiveReturn({ id })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    // The platform reports the return (no simulator action for it): a newer state, as a webhook stores it.
    await h.query(`update channel_order set platform_status = 'TO_RETURN', platform_updated_at = now() where id = $1`, [
      id,
    ]);
    expect((await viewer.orders.get({ id })).returnPending).toBe(true);
    await expect(viewer.orders.receiveReturn({ id })).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await owner.caller.orders.receiveReturn({ id })).toEqual({ restockedUnits: 2 });
    expect(await stockOf(variantId)).toMatchObject({ onHand: shipped.onHand + 2, committed: shipped.committed });
    await expect(owner.caller.orders.receiveReturn({ id })).rejects.toMatchObject({ code: "CONFLICT" });
    const detail = await viewer.orders.get({ id });
    expect(detail.returnPending).toBe(false);
    expect(detail.movements.map((m) => [m.reason, m.bucket, m.delta])).toEqual([
      ["order_committed", "committed", 2],
      ["order_shipped", "committed", -2],
      ["order_shipped", "on_hand", -2],
      ["return_restocked", "on_hand", 2],
    ]);
  }, 60_000);

  it("exports the current filter as CSV, one row per line, money with its currency", async () => {
    const rows = await csvOf({ connectionId: shopee.connectionId, oversold: true });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      Order: oversoldOrder,
      Platform: "Shopee",
      Status: "open",
      "Marketplace SKU": shopee.products[0]!.variants[0]!.sku,
      Quantity: "3",
      Committed: "1",
      Oversold: "2",
    });
    expect(rows[0]!.Currency).toMatch(/^[A-Z]{3}$/);
    expect(rows[0]!["Unit price"]).toMatch(/^\d+(\.\d+)?$/);
    const everything = await csvOf({});
    const listed = await viewer.orders.list({ limit: 200 });
    expect(new Set(everything.map((row) => row.Order))).toEqual(
      new Set(listed.items.map((item) => item.externalOrderId)),
    );
    expect(await csvOf({ from: new Date(Date.now() + 60_000) })).toEqual([]);
  });
});

describe("connecting a shop", () => {
  it("pulls its open orders at once, so stock is right from the first minute", async () => {
    const { shop } = await sim.admin<{ shop: { shopId: string } }>("POST", "/shops", {
      platform: "shopee",
      name: "Connect Orders SG",
      region: "SG",
      products: 0,
    });
    const sku = `CONNECT-TEE-${Date.now()}`;
    const { products } = await sim.admin<{ products: { id: string }[] }>(
      "POST",
      `/shops/shopee/${shop.shopId}/products`,
      {
        products: [{ title: "Connect tee", sku, variants: [{ sku, price: 10, stock: 20 }] }],
      },
    );
    const product = { id: products[0]!.id, variants: [{ sku }] };
    // Master already sells this SKU (10 on hand); the shop took an order before it was connected.
    const [variant] = await h.query<{ id: string }>(
      `with p as (insert into product (id, organization_id, title, status) values (gen_random_uuid(), $1, 'Connect tee', 'active') returning id)
       insert into variant (id, organization_id, product_id, sku, price) select gen_random_uuid(), $1, p.id, $2, 1000 from p
       returning id::text as id`,
      [owner.organizationId, product.variants[0]!.sku],
    );
    await h.query(
      `insert into stock_level (id, organization_id, variant_id, on_hand) values (gen_random_uuid(), $1, $2, 10)`,
      [owner.organizationId, variant!.id],
    );
    const placed = await sim.admin<{ result: { id: string } }>("POST", `/shops/shopee/${shop.shopId}/orders`, {
      lines: [{ productId: product.id, quantity: 3 }],
    });

    const { url } = await owner.caller.channels.startConnect({ platform: "shopee" });
    const back = await sim.authorize(url, shop.shopId);
    const { connections } = await completeConnect(h.deps, {
      platform: "shopee",
      state: back.searchParams.get("state") ?? "",
      code: back.searchParams.get("code") ?? "",
      shopId: back.searchParams.get("shop_id"),
      sessionUser: { id: owner.me.user.id, name: owner.me.user.name },
      request: { ip: "203.0.113.9", userAgent: "vitest", requestId: null },
    });
    const [queued] = await h.query<{ key: string }>(`select key from graphile_worker._private_jobs where key = $1`, [
      `reconcile:${connections[0]!.id}`,
    ]);
    expect(queued).toEqual({ key: `reconcile:${connections[0]!.id}` });
    await runOnce({ pgPool: h.pool, taskList: createTaskList(deps), logger: new Logger(() => () => {}) });

    const listed = await owner.caller.orders.list({ connectionId: connections[0]!.id });
    expect(listed.items.map((item) => item.externalOrderId)).toEqual([placed.result.id]);
    expect(listed.items[0]).toMatchObject({ phase: "open", units: 3, unmatchedLines: 0 });
    expect(await stockOf(variant!.id)).toMatchObject({ onHand: 10, committed: 3, available: 7 });
  }, 60_000);
});
