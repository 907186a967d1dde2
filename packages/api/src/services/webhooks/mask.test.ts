import { describe, expect, it } from "vitest";
import { MASK, isSecretKey, maskBody, maskHeaders, maskText } from "./mask";

describe("webhook payload masking", () => {
  it("masks secret headers by name and credentials inside other headers", () => {
    expect(
      maskHeaders({
        Authorization: "3f1a9c0e5b",
        "x-tts-access-token": "ROW_abc",
        cookie: "session=1",
        "content-type": "application/json",
        "x-forwarded-uri": "/cb?code=abc123&state=x",
      }),
    ).toEqual({
      Authorization: MASK,
      "x-tts-access-token": MASK,
      cookie: MASK,
      "content-type": "application/json",
      "x-forwarded-uri": `/cb?code=${MASK}&state=x`,
    });
  });

  it("masks secret keys at any depth and keeps everything else, big ids exact", () => {
    const body = JSON.stringify({
      code: 3,
      shop_id: 14701711,
      data: {
        ordersn: "2611240001LQXQ",
        access_token: "59777174636562737266615546704c6d",
        nested: [{ refresh_token: "r-1", sign: "abc", client_secret: "s", note: "ok" }],
        callback: "https://example.test/push?partner_id=1&sign=deadbeef&timestamp=2",
      },
    }).replace('"shop_id":14701711', '"shop_id":7494100000000000002');
    type Masked = { code: number; shop_id: string; data: Record<string, unknown> & { nested: unknown[] } };
    const masked = JSON.parse(maskBody(body).text) as Masked;
    expect(masked.code).toBe(3);
    expect(masked.shop_id).toBe("7494100000000000002");
    expect(masked.data.ordersn).toBe("2611240001LQXQ");
    expect(masked.data.access_token).toBe(MASK);
    expect(masked.data.nested[0]).toEqual({ refresh_token: MASK, sign: MASK, client_secret: MASK, note: "ok" });
    expect(masked.data.callback).toBe(`https://example.test/push?partner_id=1&sign=${MASK}&timestamp=2`);
    expect(maskBody(body).json).toBe(true);
  });

  it("masks an OAuth code but not Shopee's numeric push code", () => {
    expect(JSON.parse(maskBody('{"code":"auth-code-1"}').text)).toEqual({ code: MASK });
    expect(JSON.parse(maskBody('{"code":12}').text)).toEqual({ code: 12 });
  });

  it("masks secrets in bodies that are not JSON", () => {
    const masked = maskBody('{"access_token": "abc", "ok": "yes", truncated');
    expect(masked.json).toBe(false);
    expect(masked.text).toContain(`"access_token": "${MASK}"`);
    expect(masked.text).toContain('"ok": "yes"');
    expect(maskText("Authorization: Bearer eyJhbGciOi.x.y")).toBe(`Authorization: Bearer ${MASK}`);
  });

  it("recognises secret key names", () => {
    for (const key of ["sign", "Signature", "access_token", "refreshToken", "APP_SECRET", "password", "authorization"])
      expect(isSecretKey(key), key).toBe(true);
    for (const key of ["code", "shop_id", "ordersn", "timestamp", "status"]) expect(isSecretKey(key), key).toBe(false);
  });
});
