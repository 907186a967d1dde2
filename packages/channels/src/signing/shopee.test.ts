import { describe, expect, it } from "vitest";
import {
  isShopeeTimestampFresh,
  shopeeBaseString,
  signShopeePush,
  signShopeeRequest,
  verifyShopeePush,
  verifyShopeeRequest,
} from "./shopee";

/*
 * Expected signatures were computed outside our code with OpenSSL 3, e.g.
 *   printf '%s' '<base string>' | openssl dgst -sha256 -hmac 'shopee-partner-key-test-0001'
 * and for pushes
 *   printf '%s|%s' '<callback url>' '<raw body>' | openssl dgst -sha256 -hmac 'shopee-partner-key-test-0001'
 * `-hmac` keys with the key string's bytes, which is what Shopee specifies (not hex-decoded).
 */
const partnerKey = "shopee-partner-key-test-0001";
const docsExample = {
  partnerId: 2001887,
  timestamp: 1655714431,
  accessToken: "59777174636562737266615546704c6d",
  shopId: 14701711,
};

describe("Shopee API signatures", () => {
  it("lays out the shop base string exactly like the documentation's example", () => {
    expect(
      shopeeBaseString({
        partnerId: docsExample.partnerId,
        path: "/api/v2/shop/get_shop_info",
        timestamp: docsExample.timestamp,
        target: { type: "shop", accessToken: docsExample.accessToken, shopId: docsExample.shopId },
      }),
    ).toBe("2001887/api/v2/shop/get_shop_info165571443159777174636562737266615546704c6d14701711");
  });

  it("signs a shop API call (docs example inputs)", () => {
    // printf '%s' '2001887/api/v2/shop/get_shop_info165571443159777174636562737266615546704c6d14701711' | openssl dgst -sha256 -hmac 'shopee-partner-key-test-0001'
    const input = {
      partnerId: docsExample.partnerId,
      path: "/api/v2/shop/get_shop_info",
      timestamp: docsExample.timestamp,
      target: { type: "shop", accessToken: docsExample.accessToken, shopId: docsExample.shopId },
    } as const;
    const expected = "facde9d99ff630b34d999abd169e4d5a22f18586d58cd24b7fe636c221336d4b";
    expect(signShopeeRequest(partnerKey, input)).toBe(expected);
    expect(verifyShopeeRequest(partnerKey, input, expected)).toBe(true);
    expect(verifyShopeeRequest(partnerKey, { ...input, timestamp: input.timestamp + 1 }, expected)).toBe(false);
  });

  it("signs public API calls: the authorization link and the token exchange", () => {
    // printf '%s' '2001887/api/v2/shop/auth_partner1655714431' | openssl dgst -sha256 -hmac 'shopee-partner-key-test-0001'
    expect(
      signShopeeRequest(partnerKey, {
        partnerId: "2001887",
        path: "/api/v2/shop/auth_partner",
        timestamp: 1655714431,
        target: { type: "public" },
      }),
    ).toBe("f42c8ef0cebd130a101d5ad4443f9acdc2539e9f173b02764d377e98f851597d");
    // printf '%s' '2001887/api/v2/auth/token/get1655714431' | openssl dgst -sha256 -hmac 'shopee-partner-key-test-0001'
    expect(
      signShopeeRequest(partnerKey, {
        partnerId: 2001887,
        path: "/api/v2/auth/token/get",
        timestamp: 1655714431,
        target: { type: "public" },
      }),
    ).toBe("d872a0287465fa1c89cb05b9d77f25d4ab94a841ff485e22e4517eca0757131f");
  });

  it("signs a merchant API call", () => {
    // printf '%s' '2001887/api/v2/merchant/get_merchant_info165571443159777174636562737266615546704c6d1000234' | openssl dgst -sha256 -hmac 'shopee-partner-key-test-0001'
    expect(
      signShopeeRequest(partnerKey, {
        partnerId: 2001887,
        path: "/api/v2/merchant/get_merchant_info",
        timestamp: 1655714431,
        target: { type: "merchant", accessToken: docsExample.accessToken, merchantId: 1000234 },
      }),
    ).toBe("5a3255d38f0791db6064e746256cd58cd36c5861cdeaeafe0da1631ac0c310bd");
  });

  it("refuses malformed or tampered signatures without throwing", () => {
    const input = {
      partnerId: 2001887,
      path: "/api/v2/shop/auth_partner",
      timestamp: 1655714431,
      target: { type: "public" },
    } as const;
    const good = "f42c8ef0cebd130a101d5ad4443f9acdc2539e9f173b02764d377e98f851597d";
    expect(verifyShopeeRequest(partnerKey, input, good.toUpperCase())).toBe(true);
    expect(verifyShopeeRequest(partnerKey, input, `${good.slice(0, 63)}e`)).toBe(false);
    expect(verifyShopeeRequest(partnerKey, input, good.slice(0, 10))).toBe(false);
    expect(verifyShopeeRequest(partnerKey, input, "")).toBe(false);
    expect(verifyShopeeRequest(partnerKey, input, undefined)).toBe(false);
    expect(verifyShopeeRequest("another-key", input, good)).toBe(false);
  });
});

describe("Shopee push Authorization", () => {
  const callbackUrl = "https://hooks.example.com/webhooks/shopee";

  it("signs callback URL | raw body", () => {
    const body =
      '{"code":3,"shop_id":14701711,"timestamp":1655714431,"data":{"ordersn":"220620ABCDEF","status":"READY_TO_SHIP","update_time":1655714430}}';
    // printf '%s|%s' 'https://hooks.example.com/webhooks/shopee' '<body above>' | openssl dgst -sha256 -hmac 'shopee-partner-key-test-0001'
    const expected = "cd1ebf35096e1faf7ebd3546ac83739f966c03fe4543eb123f6286ce27790a97";
    expect(signShopeePush(partnerKey, callbackUrl, body)).toBe(expected);
    expect(verifyShopeePush(partnerKey, callbackUrl, Buffer.from(body), expected)).toBe(true);
    expect(verifyShopeePush(partnerKey, `${callbackUrl}/`, body, expected)).toBe(false);
    expect(verifyShopeePush(partnerKey, callbackUrl, body.replace("14701711", "14701712"), expected)).toBe(false);
    // As signaturesMatch: case and surrounding spaces ignored, anything but 64 hex characters refused.
    expect(verifyShopeePush(partnerKey, callbackUrl, body, ` ${expected.toUpperCase()} `)).toBe(true);
    expect(verifyShopeePush(partnerKey, callbackUrl, body, expected.slice(1))).toBe(false);
    expect(verifyShopeePush(partnerKey, callbackUrl, body, `${expected}00`)).toBe(false);
    expect(verifyShopeePush(partnerKey, callbackUrl, body, `${expected.slice(1)}g`)).toBe(false);
  });

  it("signs the UTF-8 bytes of non-ASCII bodies", () => {
    const body =
      '{"code":6,"shop_id":14701711,"timestamp":1655714431,"data":{"item_id":800123,"item_name":"Áo thun – đỏ","reason":"Prohibited"}}';
    // Same command in a UTF-8 shell; `xxd` confirmed "Á" went in as c3 81.
    const expected = "c4781d09f054f4ac9c084cd8ebf853e8ac3d557d61c1b38596926e5dc0d14e79";
    expect(signShopeePush(partnerKey, callbackUrl, body)).toBe(expected);
    expect(verifyShopeePush(partnerKey, callbackUrl, new TextEncoder().encode(body), expected)).toBe(true);
  });
});

describe("Shopee timestamp window", () => {
  it("accepts five minutes either side and nothing beyond", () => {
    const now = 1_700_000_000;
    expect(isShopeeTimestampFresh(now, now)).toBe(true);
    expect(isShopeeTimestampFresh(now - 300, now)).toBe(true);
    expect(isShopeeTimestampFresh(now - 301, now)).toBe(false);
    expect(isShopeeTimestampFresh(now + 300, now)).toBe(true);
    expect(isShopeeTimestampFresh(now + 301, now)).toBe(false);
    expect(isShopeeTimestampFresh(now + 0.5, now)).toBe(false);
  });
});
