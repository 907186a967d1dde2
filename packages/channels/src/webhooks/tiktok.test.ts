import { describe, expect, it } from "vitest";
import { type WebhookParseResult } from "../types";
import { type ChannelEvent } from "./events";
import { parseTikTokWebhook } from "./tiktok";

const shopId = "7494049642642441621";
const timestamp = 1_718_000_000;
let sequence = 0;

function body(type: number, data: Record<string, unknown>): string {
  sequence += 1;
  return JSON.stringify({
    type,
    tts_notification_id: `73271123930573719${sequence}`,
    shop_id: shopId,
    timestamp,
    data,
  });
}

function events(result: WebhookParseResult): ChannelEvent[] {
  if (!result.ok) throw new Error(`expected ok, got ${result.reason}: ${result.message}`);
  return result.events;
}

describe("parseTikTokWebhook", () => {
  it.each([
    ["UNPAID", "order.created"],
    ["ON_HOLD", "order.paid"],
    ["AWAITING_SHIPMENT", "order.paid"],
    ["AWAITING_COLLECTION", "order.updated"],
    ["IN_TRANSIT", "order.shipped"],
    ["DELIVERED", "order.updated"],
    ["COMPLETED", "order.updated"],
    ["CANCEL", "order.cancelled"],
  ])("type 1: order status %s is %s", (status, kind) => {
    const result = parseTikTokWebhook(
      body(1, { order_id: "576461413038785752", order_status: status, update_time: timestamp - 5 }),
    );
    expect(result).toMatchObject({ ok: true, platform: "tiktok", type: 1, shopId });
    expect(events(result)).toEqual([
      { kind, shopId, occurredAt: new Date((timestamp - 5) * 1000), orderId: "576461413038785752", status },
    ]);
  });

  it("type 5: product status maps deleted, banned and other changes", () => {
    expect(events(parseTikTokWebhook(body(5, { product_id: "1729382476852921560", status: "DELETED" })))).toMatchObject(
      [{ kind: "product.deleted", productId: "1729382476852921560", status: "DELETED" }],
    );
    expect(
      events(
        parseTikTokWebhook(
          body(5, { product_id: "1729382476852921560", status: "PLATFORM_DEACTIVATED", suspended_reason: "IP" }),
        ),
      ),
    ).toMatchObject([{ kind: "product.banned", reason: "IP", source: "platform" }]);
    expect(events(parseTikTokWebhook(body(5, { product_id: "1729382476852921560", status: "FREEZE" })))).toMatchObject([
      { kind: "product.banned" },
    ]);
    expect(
      events(parseTikTokWebhook(body(5, { product_id: "1729382476852921560", status: "SELLER_DEACTIVATED" }))),
    ).toMatchObject([{ kind: "product.changed", changedFields: ["status"], source: "seller_center" }]);
  });

  it("type 6: seller deauthorization", () => {
    expect(events(parseTikTokWebhook(body(6, { message: "revoked" })))).toEqual([
      { kind: "shop.deauthorized", shopId, occurredAt: new Date(timestamp * 1000), expiresAt: null },
    ]);
  });

  it("type 7: authorization expiring", () => {
    expect(events(parseTikTokWebhook(body(7, { message: "soon", expiration_time: timestamp + 86_400 })))).toEqual([
      {
        kind: "authorization.expiring",
        shopId,
        occurredAt: new Date(timestamp * 1000),
        expiresAt: new Date((timestamp + 86_400) * 1000),
      },
    ]);
  });

  it("types 11 and 12: cancellation and return requests", () => {
    expect(
      events(
        parseTikTokWebhook(body(11, { order_id: "576461413038785752", cancel_status: "CANCELLATION_REQUEST_PENDING" })),
      ),
    ).toMatchObject([{ kind: "order.updated", orderId: "576461413038785752", detail: "cancellation_request" }]);
    expect(
      events(
        parseTikTokWebhook(
          body(12, { order_id: "576461413038785752", return_status: "RETURN_OR_REFUND_REQUEST_PENDING" }),
        ),
      ),
    ).toMatchObject([{ kind: "order.updated", detail: "return" }]);
  });

  it("type 15: product information change keeps fields and source", () => {
    expect(
      events(
        parseTikTokWebhook(
          body(15, {
            product_id: "1729382476852921560",
            change_source: "OPEN_API",
            changed_fields: ["title", "price"],
          }),
        ),
      ),
    ).toMatchObject([{ kind: "product.changed", changedFields: ["title", "price"], source: "open_api" }]);
  });

  it("type 16: product created", () => {
    expect(
      events(parseTikTokWebhook(body(16, { product_id: "1729382476852921560", status: "PENDING" }))),
    ).toMatchObject([{ kind: "product.created", productId: "1729382476852921560", status: "PENDING" }]);
  });

  it("type 27: inventory status low and out of stock", () => {
    expect(
      events(
        parseTikTokWebhook(
          body(27, {
            product_id: "1729382476852921560",
            sku_id: "1729382476852921561",
            inventory_status: "OUT_OF_STOCK",
          }),
        ),
      ),
    ).toMatchObject([{ kind: "stock.changed", variantId: "1729382476852921561", reason: "out_of_stock" }]);
    expect(
      events(parseTikTokWebhook(body(27, { product_id: "1729382476852921560", status: "LOW_STOCK" }))),
    ).toMatchObject([{ kind: "stock.changed", variantId: null, reason: "low_stock" }]);
  });

  it("keeps 19-digit numeric ids exact and identifies by tts_notification_id", () => {
    const raw = `{"type":16,"tts_notification_id":"n-1","shop_id":${shopId},"timestamp":${timestamp},"data":{"product_id":1729382476852921560}}`;
    const result = parseTikTokWebhook(raw);
    expect(result).toMatchObject({ ok: true, eventKey: "n-1", shopId });
    expect(events(result)).toMatchObject([{ productId: "1729382476852921560" }]);
  });

  it("returns typed failures instead of throwing", () => {
    expect(parseTikTokWebhook("")).toMatchObject({ ok: false, reason: "invalid_json", eventKey: null });
    expect(parseTikTokWebhook('{"type":1}')).toMatchObject({ ok: false, reason: "invalid_shape" });
    expect(parseTikTokWebhook(body(99, {}))).toMatchObject({ ok: false, reason: "unknown_type", type: 99, shopId });
    expect(parseTikTokWebhook(body(1, { order_status: "UNPAID" }))).toMatchObject({
      ok: false,
      reason: "invalid_shape",
      type: 1,
    });
  });
});
