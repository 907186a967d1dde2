import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { clientAddress, readBody, webhookPlatformOf } from "./http";

function request(fields: { method?: string; url?: string; headers?: Record<string, string>; peer?: string }) {
  const stream = new PassThrough();
  return Object.assign(stream, {
    method: fields.method ?? "POST",
    url: fields.url ?? "/webhooks/shopee",
    headers: fields.headers ?? {},
    socket: { remoteAddress: fields.peer ?? "10.0.0.7" },
  });
}

describe("webhookPlatformOf", () => {
  it("matches the two webhook routes as Express did: any case, optional trailing slash, any query", () => {
    expect(webhookPlatformOf(request({ url: "/webhooks/shopee" }))).toBe("shopee");
    expect(webhookPlatformOf(request({ url: "/webhooks/tiktok/" }))).toBe("tiktok");
    expect(webhookPlatformOf(request({ url: "/Webhooks/TikTok?retry=1" }))).toBe("tiktok");
  });

  it("leaves every other request to Express", () => {
    expect(webhookPlatformOf(request({ method: "GET" }))).toBeUndefined();
    expect(webhookPlatformOf(request({ url: "/webhooks/lazada" }))).toBeUndefined();
    expect(webhookPlatformOf(request({ url: "/webhooks/shopee/extra" }))).toBeUndefined();
    expect(webhookPlatformOf(request({ url: "/webhooks/shopee//" }))).toBeUndefined();
    expect(webhookPlatformOf(request({ url: "/" }))).toBeUndefined();
  });
});

describe("clientAddress", () => {
  const forwarded = (header: string, hops: number) =>
    clientAddress(request({ headers: { "x-forwarded-for": header } }), hops);

  it("takes the entry that many hops from the right, as Express's trust proxy hop count", () => {
    expect(forwarded("6.6.6.1, 203.0.113.9", 1)).toBe("203.0.113.9");
    expect(forwarded("6.6.6.1, 203.0.113.9", 2)).toBe("6.6.6.1");
    expect(forwarded("6.6.6.1, 203.0.113.9", 5)).toBe("6.6.6.1");
    expect(forwarded(" 6.6.6.1 ,, 203.0.113.9 ", 2)).toBe("6.6.6.1");
  });

  it("believes no header when no proxy is trusted, and uses the peer without one", () => {
    expect(forwarded("6.6.6.1", 0)).toBe("10.0.0.7");
    expect(clientAddress(request({}), 1)).toBe("10.0.0.7");
  });
});

describe("readBody", () => {
  it("returns the exact bytes, in one buffer", async () => {
    const req = request({});
    const read = readBody(req, 16);
    req.write(Buffer.from([0xff, 0x00]));
    req.end(Buffer.from("{}"));
    expect(await read).toEqual({ ok: true, body: Buffer.from([0xff, 0x00, 0x7b, 0x7d]) });
  });

  it("refuses a body over the limit once it has been read off", async () => {
    const req = request({});
    const read = readBody(req, 4);
    req.end("12345");
    expect(await read).toEqual({ ok: false, reason: "too_large" });
    const declared = request({ headers: { "content-length": "5" } });
    const refused = readBody(declared, 4);
    declared.end("12345");
    expect(await refused).toEqual({ ok: false, reason: "too_large" });
  });

  it("refuses a compressed body without reading it", async () => {
    expect(await readBody(request({ headers: { "content-encoding": "gzip" } }), 16)).toEqual({
      ok: false,
      reason: "unsupported_encoding",
    });
    const plain = request({ headers: { "content-encoding": "Identity" } });
    const read = readBody(plain, 16);
    plain.end("x");
    expect(await read).toMatchObject({ ok: true });
  });

  it("reports a body that never completes as aborted", async () => {
    const req = request({});
    const read = readBody(req, 16);
    req.write("{");
    req.destroy();
    expect(await read).toEqual({ ok: false, reason: "aborted" });
  });
});
