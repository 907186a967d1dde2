import { describe, expect, it } from "vitest";
import { type WebhookParseResult } from "../types";
import { type ChannelEvent } from "./events";
import { parseShopeePush } from "./shopee";

const shopId = 14701711;
const timestamp = 1_718_000_000;

function push(code: number, data: Record<string, unknown>, extra: Record<string, unknown> = {}): string {
  return JSON.stringify({ code, shop_id: shopId, timestamp, data, ...extra });
}

function events(result: WebhookParseResult): ChannelEvent[] {
  if (!result.ok) throw new Error(`expected ok, got ${result.reason}: ${result.message}`);
  return result.events;
}

describe("parseShopeePush", () => {
  it("code 1: shop authorized (partner-level, shop id in data)", () => {
    const result = parseShopeePush(JSON.stringify({ code: 1, timestamp, data: { shop_id: 55, success: 1 } }));
    expect(result).toMatchObject({ ok: true, type: 1, shopId: null });
    expect(events(result)).toEqual([
      { kind: "shop.authorized", shopId: "55", occurredAt: new Date(timestamp * 1000), expiresAt: null },
    ]);
  });

  it("code 2: shop deauthorized", () => {
    expect(events(parseShopeePush(push(2, { shop_id: shopId })))).toMatchObject([
      { kind: "shop.deauthorized", shopId: String(shopId) },
    ]);
  });

  it.each([
    ["UNPAID", "order.created"],
    ["READY_TO_SHIP", "order.paid"],
    ["SHIPPED", "order.shipped"],
    ["CANCELLED", "order.cancelled"],
    ["IN_CANCEL", "order.updated"],
    ["COMPLETED", "order.updated"],
    ["TO_RETURN", "order.updated"],
  ])("code 3: order status %s is %s", (status, kind) => {
    const result = parseShopeePush(push(3, { ordersn: "220620ABCDEF", status, update_time: timestamp - 10 }));
    expect(events(result)).toEqual([
      {
        kind,
        shopId: String(shopId),
        occurredAt: new Date((timestamp - 10) * 1000),
        orderId: "220620ABCDEF",
        status,
      },
    ]);
  });

  it("code 4: tracking number", () => {
    expect(
      events(parseShopeePush(push(4, { ordersn: "220620ABCDEF", tracking_no: "SPXSG123", package_number: "OFG1" }))),
    ).toEqual([
      {
        kind: "order.updated",
        shopId: String(shopId),
        occurredAt: new Date(timestamp * 1000),
        orderId: "220620ABCDEF",
        status: null,
        detail: "tracking",
        trackingNumber: "SPXSG123",
      },
    ]);
  });

  it("code 6: banned item, and a platform-deleted one", () => {
    expect(
      events(parseShopeePush(push(6, { item_id: 800123, item_status: "BANNED", ban_reason: "Prohibited" }))),
    ).toMatchObject([
      { kind: "product.banned", productId: "800123", status: "BANNED", reason: "Prohibited", source: "platform" },
    ]);
    expect(events(parseShopeePush(push(6, { item_id: 800123, item_status: "SHOPEE_DELETE" })))).toMatchObject([
      { kind: "product.deleted", productId: "800123" },
    ]);
  });

  it("code 8: reserved stock change", () => {
    expect(
      events(parseShopeePush(push(8, { item_id: 800123, model_id: 9001, action: "ORDER_CREATED" }))),
    ).toMatchObject([{ kind: "stock.changed", productId: "800123", variantId: "9001", reason: "reserved" }]);
    expect(events(parseShopeePush(push(8, { item_id: 800124, variation_id: 0 })))).toMatchObject([
      { kind: "stock.changed", productId: "800124", variantId: "0" },
    ]);
  });

  it("code 12: authorization expiring fans out to every listed shop", () => {
    const result = parseShopeePush(
      JSON.stringify({
        code: 12,
        timestamp,
        data: { shop_expire_soon: [1, 2], merchant_expire_soon: [], expire_before: timestamp + 86_400 },
      }),
    );
    expect(events(result)).toEqual([
      {
        kind: "authorization.expiring",
        shopId: "1",
        occurredAt: new Date(timestamp * 1000),
        expiresAt: new Date((timestamp + 86_400) * 1000),
      },
      {
        kind: "authorization.expiring",
        shopId: "2",
        occurredAt: new Date(timestamp * 1000),
        expiresAt: new Date((timestamp + 86_400) * 1000),
      },
    ]);
  });

  it("code 22: price update becomes product.changed on price", () => {
    expect(events(parseShopeePush(push(22, { item_id: 800123, model_id: 9001 })))).toMatchObject([
      { kind: "product.changed", productId: "800123", changedFields: ["price"] },
    ]);
  });

  it("identifies by msg_id when present, else by a hash that ignores key order", () => {
    expect(parseShopeePush(push(2, { shop_id: shopId }, { msg_id: "m-1" }))).toMatchObject({ eventKey: "m-1" });
    const a = parseShopeePush('{"code":2,"shop_id":1,"timestamp":5,"data":{"shop_id":1}}');
    const b = parseShopeePush('{ "data": {"shop_id": 1}, "timestamp": 5, "shop_id": 1, "code": 2 }');
    const c = parseShopeePush('{"code":2,"shop_id":1,"timestamp":6,"data":{"shop_id":1}}');
    expect(a.eventKey).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(b.eventKey).toBe(a.eventKey);
    expect(c.eventKey).not.toBe(a.eventKey);
  });

  it("returns typed failures instead of throwing", () => {
    expect(parseShopeePush("{not json")).toMatchObject({ ok: false, reason: "invalid_json", eventKey: null });
    expect(parseShopeePush(Buffer.from("[]"))).toMatchObject({ ok: false, reason: "invalid_shape" });
    expect(parseShopeePush(push(99, {}))).toMatchObject({
      ok: false,
      reason: "unknown_type",
      type: 99,
      shopId: String(shopId),
    });
    expect(parseShopeePush(push(99, {})).eventKey).toMatch(/^sha256:/);
    expect(parseShopeePush(push(3, { status: "UNPAID" }))).toMatchObject({
      ok: false,
      reason: "invalid_shape",
      type: 3,
    });
  });
});
