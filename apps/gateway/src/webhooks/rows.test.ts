import { parseShopeePush, parseTikTokWebhook } from "@syncstore/channels/webhooks";
import { describe, expect, it } from "vitest";
import { eventRows, keptHeaders } from "./rows";

const receivedAt = new Date("2026-11-24T05:00:00Z");
const headers = { "content-type": "application/json" };

function shopee(body: string) {
  const rawBody = Buffer.from(body);
  return eventRows({ platform: "shopee", rawBody, parsed: parseShopeePush(rawBody), headers, receivedAt });
}

describe("eventRows", () => {
  it("keeps a parsed event as received, keyed by the platform's identity, typed by its normalized kind", () => {
    const body = JSON.stringify({
      type: 1,
      tts_notification_id: "7300000000000000001",
      shop_id: "55",
      timestamp: 5,
      data: { order_id: "9", order_status: "AWAITING_SHIPMENT" },
    });
    const rawBody = Buffer.from(body);
    expect(
      eventRows({ platform: "tiktok", rawBody, parsed: parseTikTokWebhook(rawBody), headers, receivedAt }),
    ).toEqual([
      {
        platform: "tiktok",
        eventKey: "7300000000000000001",
        eventType: "order.paid",
        externalShopId: "55",
        status: "received",
        error: null,
        headers,
        body,
        receivedAt,
      },
    ]);
  });

  it("keeps a body that is not JSON as failed, keyed by the hash of its exact bytes", () => {
    const [row] = shopee('{"code": 3,');
    expect(row).toMatchObject({ status: "failed", eventType: "unparsable", externalShopId: null });
    expect(row?.eventKey).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(row?.error).toMatch(/^invalid_json: /);
    expect(shopee('{"code": 3,')[0]?.eventKey).toBe(row?.eventKey);
  });

  it("keeps a known envelope with a bad payload as failed and an unknown type as ignored", () => {
    expect(shopee(JSON.stringify({ msg_id: "m1", code: 3, shop_id: 7, timestamp: 5, data: {} }))).toMatchObject([
      { eventKey: "m1", status: "failed", eventType: "shopee.3", externalShopId: "7" },
    ]);
    expect(shopee(JSON.stringify({ msg_id: "m2", code: 99, shop_id: 7, timestamp: 5, data: {} }))).toMatchObject([
      { eventKey: "m2", status: "ignored", eventType: "shopee.99", error: "unknown_type: Unknown Shopee push code 99" },
    ]);
  });

  it("splits a push naming several shops into one row per shop", () => {
    const rows = shopee(JSON.stringify({ msg_id: "m3", code: 12, timestamp: 5, data: { shop_expire_soon: [1, 2] } }));
    expect(rows.map((row) => [row.eventKey, row.externalShopId, row.status])).toEqual([
      ["m3#1", "1", "received"],
      ["m3#2", "2", "received"],
    ]);
  });

  it("replaces NUL, which PostgreSQL text cannot hold", () => {
    expect(shopee('{"code":\u0000}')[0]?.body).toBe('{"code":\uFFFD}');
  });
});

describe("keptHeaders", () => {
  it("keeps the headers worth keeping, never the signature, and the request id", () => {
    expect(
      keptHeaders(
        { "content-type": "application/json", authorization: "abc", "user-agent": "Shopee", cookie: "x" },
        "r1",
      ),
    ).toEqual({ "content-type": "application/json", "user-agent": "Shopee", "x-request-id": "r1" });
  });
});
