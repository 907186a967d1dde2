import { describe, expect, it } from "vitest";
import {
  isTikTokTimestampFresh,
  signTikTokRequest,
  signTikTokWebhook,
  tiktokSignPayload,
  verifyTikTokRequest,
  verifyTikTokWebhook,
} from "./tiktok";

/*
 * Except the official vector, expected values were computed outside our code with OpenSSL 3:
 *   printf '%s' "${SECRET}<path><sorted key+value pairs><raw body>${SECRET}" | openssl dgst -sha256 -hmac "$SECRET"
 * with SECRET='tiktok-app-secret-test-0001', and for webhooks
 *   printf '%s%s' '<app key>' '<raw body>' | openssl dgst -sha256 -hmac "$SECRET"
 */
const secret = "tiktok-app-secret-test-0001";
const appKey = "6abc12";
const shopCipher = "ROW_abcDEF123";

describe("TikTok Shop API signatures", () => {
  it("matches the official vector", () => {
    // From TikTok's documentation (marketplaces.md); re-checked with
    // printf '%s' 'e59af819cc/authorization/202309/shopsapp_key29a39dtimestamp1623812664e59af819cc' | openssl dgst -sha256 -hmac e59af819cc
    expect(
      signTikTokRequest("e59af819cc", {
        path: "/authorization/202309/shops",
        query: { app_key: "29a39d", timestamp: 1623812664 },
      }),
    ).toBe("b596b73e0cc6de07ac26f036364178ab16b0a907af13d43f0a0cd2345f582dc8");
  });

  it("sorts parameters and leaves out sign and access_token (GET, no body)", () => {
    // base: ${SECRET}/product/202309/products/1729382476852921560app_key6abc12shop_cipherROW_abcDEF123timestamp1718000000version202309${SECRET}
    const input = {
      path: "/product/202309/products/1729382476852921560",
      query: new URLSearchParams({
        version: "202309",
        timestamp: "1718000000",
        sign: "ignored",
        access_token: "ignored-too",
        shop_cipher: shopCipher,
        app_key: appKey,
      }),
    };
    const expected = "73378a9ff26f65f92ec5e88161d481a7fa1b1d6d06fafadf857be48590a75e63";
    expect(signTikTokRequest(secret, input)).toBe(expected);
    expect(verifyTikTokRequest(secret, input, expected)).toBe(true);
  });

  it("appends the raw JSON body (POST)", () => {
    const body = '{"skus":[{"id":"1729382476852921561","price":{"amount":"19.90","currency":"USD"}}]}';
    // base: ${SECRET}/product/202309/products/1729382476852921560/prices/updateapp_key6abc12shop_cipherROW_abcDEF123timestamp1718000000<body>${SECRET}
    const input = {
      path: "/product/202309/products/1729382476852921560/prices/update",
      query: { timestamp: 1718000000, shop_cipher: shopCipher, app_key: appKey },
      body,
      contentType: "application/json",
    };
    const expected = "800306011ff0907950042d2f0de96c607616fed12404e4b1b3e6128648b459a0";
    expect(signTikTokRequest(secret, input)).toBe(expected);
    // Re-serialising the body differently must break the signature: sign the bytes you send.
    expect(verifyTikTokRequest(secret, { ...input, body: JSON.stringify(JSON.parse(body), null, 1) }, expected)).toBe(
      false,
    );
  });

  it("signs search with pagination parameters and a body filter", () => {
    const body = '{"status":"ACTIVATE","update_time_ge":1717000000}';
    // base: ${SECRET}/product/202309/products/searchapp_key6abc12page_size100page_tokenb2Zmc2V0PTEwMA==shop_cipherROW_abcDEF123timestamp1718000000<body>${SECRET}
    expect(
      signTikTokRequest(secret, {
        path: "/product/202309/products/search",
        query: {
          shop_cipher: shopCipher,
          page_token: "b2Zmc2V0PTEwMA==",
          page_size: 100,
          timestamp: 1718000000,
          app_key: appKey,
        },
        body: Buffer.from(body),
      }),
    ).toBe("821f488da85c991d3ccf8990625d6cc3d43b7e587de60e749429a00ecf19f0e2");
  });

  it("leaves multipart bodies out", () => {
    // base: ${SECRET}/product/202309/images/uploadapp_key6abc12timestamp1718000000${SECRET}
    const expected = "5bd58f44097810cc180d64fa4385e52d06fa26607c05a7c225d0ce5aafac0bf2";
    expect(
      signTikTokRequest(secret, {
        path: "/product/202309/images/upload",
        query: { app_key: appKey, timestamp: 1718000000 },
        body: '--boundary\r\nContent-Disposition: form-data; name="data"\r\n\r\n...\r\n--boundary--',
        contentType: "multipart/form-data; boundary=boundary",
      }),
    ).toBe(expected);
  });

  it("keeps repeated keys in send order and skips undefined values", () => {
    expect(tiktokSignPayload({ path: "/p", query: new URLSearchParams("b=2&a=z&a=y") }).toString()).toBe("/pazayb2");
    expect(tiktokSignPayload({ path: "/p", query: { b: ["2", "1"], a: undefined } }).toString()).toBe("/pb2b1");
  });
});

describe("TikTok Shop webhook Authorization", () => {
  it("signs app_key + raw body", () => {
    const body =
      '{"type":1,"tts_notification_id":"7327112393057371910","shop_id":"7494049642642441621","timestamp":1718000000,"data":{"order_id":"576461413038785752","order_status":"AWAITING_SHIPMENT","update_time":1717999990}}';
    // printf '%s%s' '6abc12' '<body above>' | openssl dgst -sha256 -hmac 'tiktok-app-secret-test-0001'
    const expected = "26a539530998d5beb2df0804cbc1ce462d161e1b7db982acef06945374832ce1";
    expect(signTikTokWebhook(secret, appKey, body)).toBe(expected);
    expect(verifyTikTokWebhook(secret, appKey, Buffer.from(body), expected)).toBe(true);
    expect(verifyTikTokWebhook(secret, "other-key", body, expected)).toBe(false);
    expect(verifyTikTokWebhook(secret, appKey, `${body} `, expected)).toBe(false);
    expect(verifyTikTokWebhook(secret, appKey, body, null)).toBe(false);
    expect(verifyTikTokWebhook(secret, appKey, body, `sha256=${expected}`)).toBe(false);
  });
});

describe("TikTok Shop timestamp window", () => {
  it("accepts [now - 5 min, now + 30 s]", () => {
    const now = 1_718_000_000;
    expect(isTikTokTimestampFresh(now - 300, now)).toBe(true);
    expect(isTikTokTimestampFresh(now - 301, now)).toBe(false);
    expect(isTikTokTimestampFresh(now + 30, now)).toBe(true);
    expect(isTikTokTimestampFresh(now + 31, now)).toBe(false);
  });
});
