import { describe, expect, it } from "vitest";
import { fakeTransport, jsonBody } from "./testing/fake-transport";
import { ShopeeAdapter } from "./shopee/adapter";
import { TikTokAdapter } from "./tiktok/adapter";

const now = 1_718_000_000_000;

describe("listing orders", () => {
  it("Shopee: lists order numbers by update time, then reads their details with items", async () => {
    const fake = fakeTransport((request) =>
      request.url.pathname.endsWith("get_order_list")
        ? { json: { error: "", response: { more: true, next_cursor: "50", order_list: [{ order_sn: "2606A" }] } } }
        : {
            json: {
              error: "",
              response: {
                order_list: [
                  {
                    order_sn: "2606A",
                    order_status: "READY_TO_SHIP",
                    currency: "SGD",
                    total_amount: 25.8,
                    create_time: 1_717_999_000,
                    update_time: 1_717_999_500,
                    pay_time: 1_717_999_100,
                    cancel_by: "",
                    fulfillment_flag: "fulfilled_by_cb_seller",
                    item_list: [
                      {
                        item_id: 800001,
                        model_id: 0,
                        item_sku: "MUG",
                        model_sku: "",
                        model_quantity_purchased: 2,
                        model_discounted_price: 12.9,
                      },
                    ],
                  },
                ],
              },
            },
          },
    );
    const shopee = new ShopeeAdapter({
      baseUrl: "http://shopee.sim.local",
      partnerId: 2001887,
      partnerKey: "key",
      pushCallbackUrl: "http://gw.local/webhooks/shopee",
      transport: fake.transport,
      now: () => now,
    });
    const page = await shopee.listOrders(
      { shopId: "1001", accessToken: "t", region: "SG" },
      { updatedSince: new Date(now - 30 * 86_400_000) },
    );
    const list = fake.requests[0]!.url.searchParams;
    expect(list.get("time_range_field")).toBe("update_time");
    // Shopee allows 15 days per query: the window is clamped.
    expect(Number(list.get("time_to")) - Number(list.get("time_from"))).toBe(15 * 86_400);
    expect(fake.requests[1]!.url.searchParams.get("order_sn_list")).toBe("2606A");
    expect(fake.requests[1]!.url.searchParams.get("response_optional_fields")?.split(",")).toEqual(
      expect.arrayContaining([
        "item_list",
        "pay_time",
        "cancel_by",
        "cancel_reason",
        "fulfillment_flag",
        "package_list",
      ]),
    );
    expect(page.nextPageToken).toBe("50");
    expect(page.orders).toEqual([
      {
        orderId: "2606A",
        status: "READY_TO_SHIP",
        currency: "SGD",
        total: { amount: "25.80", currency: "SGD" },
        createdAt: new Date(1_717_999_000_000),
        updatedAt: new Date(1_717_999_500_000),
        trackingNumber: null,
        paidAt: new Date(1_717_999_100_000),
        cancelledBy: null,
        cancelReason: null,
        fulfilledByPlatform: false,
        lines: [
          {
            productId: "800001",
            variantId: "0",
            sku: "MUG",
            quantity: 2,
            unitPrice: { amount: "12.90", currency: "SGD" },
          },
        ],
      },
    ]);
  });

  it("TikTok: folds one line item per unit into one line per SKU", async () => {
    const item = { product_id: "1729", sku_id: "1730", seller_sku: "TEE-M", currency: "MYR", sale_price: "19.9" };
    const fake = fakeTransport(() => ({
      json: {
        code: 0,
        message: "Success",
        data: {
          orders: [
            {
              id: "5764000000000000001",
              status: "AWAITING_SHIPMENT",
              update_time: 1_717_999_500,
              payment: { currency: "MYR", total_amount: "59.7" },
              line_items: [item, item, { ...item, sku_id: "1731", seller_sku: "TEE-L" }],
            },
          ],
          next_page_token: "",
        },
      },
    }));
    const tiktok = new TikTokAdapter({
      apiBaseUrl: "http://tiktok.sim.local",
      authBaseUrl: "http://auth.tiktok.sim.local",
      authorizeUrl: "http://sim.local/authorize",
      appKey: "k",
      appSecret: "s",
      serviceId: "1",
      transport: fake.transport,
      now: () => now,
    });
    const page = await tiktok.listOrders(
      { shopId: "1", accessToken: "t", shopCipher: "ROW_c" },
      { updatedSince: new Date(now - 3_600_000) },
    );
    expect(jsonBody(fake.requests[0]!)).toEqual({ update_time_ge: now / 1000 - 3600 });
    expect(page.nextPageToken).toBeNull();
    expect(page.orders[0]?.lines).toEqual([
      {
        productId: "1729",
        variantId: "1730",
        sku: "TEE-M",
        quantity: 2,
        unitPrice: { amount: "19.9", currency: "MYR" },
      },
      {
        productId: "1729",
        variantId: "1731",
        sku: "TEE-L",
        quantity: 1,
        unitPrice: { amount: "19.9", currency: "MYR" },
      },
    ]);
    expect(page.orders[0]?.total).toEqual({ amount: "59.7", currency: "MYR" });
  });

  it("reads who cancelled and why on both platforms, and Shopee's own fulfilment", async () => {
    const shopeeFake = fakeTransport(() => ({
      json: {
        error: "",
        response: {
          order_list: [
            {
              order_sn: "2606B",
              order_status: "CANCELLED",
              cancel_by: "Ops",
              cancel_reason: "Logistics issue",
              fulfillment_flag: "fulfilled_by_shopee",
              item_list: [],
            },
          ],
        },
      },
    }));
    const shopee = new ShopeeAdapter({
      baseUrl: "http://sim.local/shopee",
      partnerId: 2001887,
      partnerKey: "key",
      pushCallbackUrl: "http://gw.local/webhooks/shopee",
      transport: shopeeFake.transport,
      now: () => now,
    });
    const [cancelled] = await shopee.getOrders({ shopId: "1001", accessToken: "t", region: "SG" }, ["2606B"]);
    expect(cancelled).toMatchObject({
      cancelledBy: "platform",
      cancelReason: "Logistics issue",
      fulfilledByPlatform: true,
      paidAt: null,
    });
    const tiktokFake = fakeTransport(() => ({
      json: {
        code: 0,
        message: "Success",
        data: {
          orders: [
            {
              id: "5764",
              status: "CANCELLED",
              paid_time: 1_717_999_000,
              cancellation_initiator: "BUYER",
              cancel_reason: "No longer needed",
              line_items: [],
            },
          ],
        },
      },
    }));
    const tiktok = new TikTokAdapter({
      apiBaseUrl: "http://sim.local/tiktok",
      authBaseUrl: "http://sim.local/tiktok-auth",
      authorizeUrl: "http://sim.local/authorize",
      appKey: "k",
      appSecret: "s",
      serviceId: "1",
      transport: tiktokFake.transport,
      now: () => now,
    });
    const [tiktokOrder] = await tiktok.getOrders({ shopId: "1", accessToken: "t", shopCipher: "ROW_c" }, ["5764"]);
    expect(tiktokOrder).toMatchObject({
      status: "CANCELLED",
      cancelledBy: "buyer",
      cancelReason: "No longer needed",
      paidAt: new Date(1_717_999_000_000),
    });
  });
});
