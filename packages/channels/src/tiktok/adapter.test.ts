import { describe, expect, it } from "vitest";
import { type HttpRequest } from "../http";
import { verifyTikTokRequest } from "../signing/tiktok";
import { fakeTransport, type FakeReply, jsonBody } from "../testing/fake-transport";
import { z } from "zod";
import { TikTokAdapter } from "./adapter";
import { TikTokClient } from "./client";

const appKey = "6abc12";
const appSecret = "tiktok-app-secret-test-0001";
const now = 1_718_000_000_000;
const session = { shopId: "7494049642642441621", accessToken: "tts-token", shopCipher: "ROW_abc" };
const productId = "1729382476852921560";

function adapter(reply: (request: HttpRequest, index: number) => FakeReply) {
  const fake = fakeTransport(reply);
  const tiktok = new TikTokAdapter({
    apiBaseUrl: "http://tiktok.sim.local",
    authBaseUrl: "http://auth.tiktok.sim.local",
    authorizeUrl: "http://auth.tiktok.sim.local/open/authorize",
    appKey,
    appSecret,
    serviceId: "7100000000000000001",
    transport: fake.transport,
    now: () => now,
  });
  return { tiktok, requests: fake.requests };
}

const ok = (data: unknown): FakeReply => ({ json: { code: 0, message: "Success", request_id: "r", data } });

/** Verifies a request as TikTok does, over the path requested and the sent body. */
function expectSigned(request: HttpRequest, apiPath: string) {
  expect(request.url.pathname).toBe(apiPath);
  expect(request.url.searchParams.get("access_token")).toBeNull();
  expect(request.headers?.["x-tts-access-token"]).toBe(session.accessToken);
  expect(request.url.searchParams.get("timestamp")).toBe(String(now / 1000));
  expect(
    verifyTikTokRequest(
      appSecret,
      {
        path: apiPath,
        query: request.url.searchParams,
        body: request.body,
        contentType: request.headers?.["content-type"],
      },
      request.url.searchParams.get("sign"),
    ),
  ).toBe(true);
}

describe("TikTok bodies: none on a GET, never an empty object", () => {
  it("lists every product with the documented default filter rather than `{}`, and reads products without a body", async () => {
    const { tiktok, requests } = adapter((request) =>
      request.method === "GET"
        ? ok({ id: productId, title: "Tee", status: "ACTIVATE", skus: [] })
        : ok({ products: [], next_page_token: "", total_count: 0 }),
    );
    await tiktok.listProducts(session);
    expect(requests[0]!.body).toBe('{"status":"ALL"}');
    expectSigned(requests[0]!, "/product/202309/products/search");
    await tiktok.getProduct(session, productId);
    expect(requests[1]!.method).toBe("GET");
    expect(requests[1]!.body).toBeUndefined();
  });

  it("refuses to send an empty object or a GET body at all", async () => {
    const client = new TikTokClient({
      apiBaseUrl: "http://tiktok.sim.local",
      authBaseUrl: "http://auth.tiktok.sim.local",
      appKey,
      appSecret,
      transport: fakeTransport(() => ok({})).transport,
    });
    const schema = z.looseObject({});
    await expect(client.call({ method: "POST", path: "/x/202309/y", body: {} }, schema)).rejects.toThrow(
      /empty-object/,
    );
    await expect(client.call({ method: "GET", path: "/x/202309/y", body: { a: 1 } }, schema)).rejects.toThrow(
      /GET carries no body/,
    );
  });
});

describe("TikTokAdapter", () => {
  it("builds the authorize link with service_id and state", () => {
    const url = new URL(adapter(() => ({})).tiktok.authorizationUrl({ redirectUrl: "ignored", state: "st-1" }));
    expect(url.origin + url.pathname).toBe("http://auth.tiktok.sim.local/open/authorize");
    expect(Object.fromEntries(url.searchParams)).toEqual({ service_id: "7100000000000000001", state: "st-1" });
  });

  it("exchanges a code on the auth host and loads shops with their cipher", async () => {
    const { tiktok, requests } = adapter((request) =>
      request.url.pathname.endsWith("/token/get")
        ? ok({
            access_token: "at",
            access_token_expire_in: 1_718_604_800,
            refresh_token: "rt",
            refresh_token_expire_in: 1_720_000_000,
            open_id: "open-1",
            seller_name: "Demo",
            granted_scopes: ["seller.product.basic"],
          })
        : ok({ shops: [{ id: session.shopId, name: "Demo US", region: "US", cipher: "ROW_abc" }] }),
    );
    const grant = await tiktok.exchangeCode({ code: "auth-code" });
    expect(requests[0]!.url.origin + requests[0]!.url.pathname).toBe("http://auth.tiktok.sim.local/api/v2/token/get");
    expect(Object.fromEntries(requests[0]!.url.searchParams)).toEqual({
      app_key: appKey,
      app_secret: appSecret,
      auth_code: "auth-code",
      grant_type: "authorized_code",
    });
    expect(requests[1]!.headers?.["x-tts-access-token"]).toBe("at");
    expect(grant).toEqual({
      accessToken: "at",
      refreshToken: "rt",
      accessTokenExpiresAt: new Date(1_718_604_800_000),
      refreshTokenExpiresAt: new Date(1_720_000_000_000),
      shops: [{ shopId: session.shopId, name: "Demo US", region: "US", currency: "USD", shopCipher: "ROW_abc" }],
      sellerId: "open-1",
      sellerName: "Demo",
      scopes: ["seller.product.basic"],
    });
  });

  it("keeps the tokens when the shop lookup after the exchange fails", async () => {
    const { tiktok } = adapter((request) =>
      request.url.pathname.endsWith("/token/get")
        ? ok({ access_token: "at", access_token_expire_in: 1, refresh_token: "rt", refresh_token_expire_in: 2 })
        : { status: 500, json: { code: 36009003, message: "Internal error" } },
    );
    await expect(tiktok.exchangeCode({ code: "c" })).resolves.toMatchObject({ accessToken: "at", shops: [] });
  });

  it("splits 250 SKU prices of one product into signed calls of at most 100, amounts as strings", async () => {
    const { tiktok, requests } = adapter(() => ok({}));
    const updates = Array.from({ length: 250 }, (_, index) => ({
      productId,
      variantId: String(1729382476852921561n + BigInt(index)),
      price: { amount: "19.9", currency: "USD" },
    }));
    const result = await tiktok.updatePrices(session, updates);
    expect(requests.map((r) => (jsonBody(r).skus as unknown[]).length)).toEqual([100, 100, 50]);
    for (const request of requests) expectSigned(request, `/product/202309/products/${productId}/prices/update`);
    expect((jsonBody(requests[0]!).skus as unknown[])[0]).toEqual({
      id: "1729382476852921561",
      price: { amount: "19.90", currency: "USD" },
    });
    expect(result).toMatchObject({ calls: 3, failed: [] });
    expect(result.succeeded).toHaveLength(250);
  });

  it("fills in the SKU's warehouse and keeps other warehouses' quantities", async () => {
    const { tiktok, requests } = adapter((request) =>
      request.method === "GET"
        ? ok({
            id: productId,
            title: "Tee",
            status: "ACTIVATE",
            skus: [
              { id: "11", seller_sku: "A", inventory: [{ warehouse_id: "W1", quantity: 5 }] },
              {
                id: "12",
                seller_sku: "B",
                inventory: [
                  { warehouse_id: "W1", quantity: 1 },
                  { warehouse_id: "W2", quantity: 9 },
                ],
              },
            ],
          })
        : ok({}),
    );
    const result = await tiktok.updateStock(session, [
      { productId, variantId: "11", quantity: 0 },
      { productId, variantId: "12", quantity: 3, locationId: "W2" },
      { productId, variantId: "12", quantity: 4 },
    ]);
    expect(requests.map((r) => r.method)).toEqual(["GET", "POST"]);
    expectSigned(requests[1]!, `/product/202309/products/${productId}/inventory/update`);
    expect(jsonBody(requests[1]!)).toEqual({
      skus: [
        { id: "11", inventory: [{ warehouse_id: "W1", quantity: 0 }] },
        {
          id: "12",
          inventory: [
            { warehouse_id: "W1", quantity: 1 },
            { warehouse_id: "W2", quantity: 3 },
          ],
        },
      ],
    });
    expect(result.succeeded).toHaveLength(2);
    expect(result.failed.map((f) => [f.update.quantity, f.error.code])).toEqual([[4, "VALIDATION"]]);
  });

  it("maps envelopes to ChannelError and needs a shop cipher", async () => {
    await expect(
      adapter(() => ({
        status: 401,
        json: { code: 105002, message: "Access token is expired", request_id: "q" },
      })).tiktok.getProduct(session, productId),
    ).rejects.toMatchObject({ code: "AUTH_EXPIRED", requestId: "q" });
    await expect(
      adapter(() => ({
        status: 429,
        headers: { "retry-after": "1" },
        json: { code: 36009002, message: "Too many requests" },
      })).tiktok.listProducts(session),
    ).rejects.toMatchObject({ code: "RATE_LIMITED", retryAfterMs: 1000 });
    await expect(
      adapter(() => ok({})).tiktok.getProduct({ shopId: "1", accessToken: "t" }, productId),
    ).rejects.toMatchObject({
      code: "VALIDATION",
    });
  });

  it("lists products with SKU prices, stock and attributes", async () => {
    const { tiktok, requests } = adapter(() =>
      ok({
        products: [
          {
            id: productId,
            title: "Tee",
            status: "ACTIVATE",
            update_time: 1_717_000_000,
            skus: [
              {
                id: "11",
                seller_sku: "TEE-S",
                price: { currency: "USD", sale_price: "9.90" },
                inventory: [{ warehouse_id: "W1", quantity: 5 }],
                sales_attributes: [{ name: "Size", value_name: "S" }],
              },
            ],
          },
        ],
        next_page_token: "tok2",
        total_count: 31,
      }),
    );
    const page = await tiktok.listProducts(session, {
      pageSize: 500,
      pageToken: "tok1",
      updatedSince: new Date(1_717_000_000_000),
    });
    expectSigned(requests[0]!, "/product/202309/products/search");
    expect(requests[0]!.url.searchParams.get("page_size")).toBe("100");
    expect(requests[0]!.url.searchParams.get("page_token")).toBe("tok1");
    expect(jsonBody(requests[0]!)).toEqual({ status: "ALL", update_time_ge: 1_717_000_000 });
    expect(page).toEqual({
      products: [
        {
          productId,
          title: "Tee",
          description: null,
          status: "ACTIVATE",
          sku: null,
          hasVariants: true,
          updatedAt: new Date(1_717_000_000_000),
          variants: [
            {
              variantId: "11",
              sku: "TEE-S",
              price: { amount: "9.90", currency: "USD" },
              stock: 5,
              locations: [{ locationId: "W1", quantity: 5 }],
              options: { Size: "S" },
            },
          ],
        },
      ],
      nextPageToken: "tok2",
      total: 31,
    });
  });
});
