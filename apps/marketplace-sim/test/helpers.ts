import { createServer, type IncomingMessage, type Server } from "node:http";
import { type AddressInfo } from "node:net";
import { signShopeeRequest, signTikTokRequest } from "@syncstore/channels/signing";
import { manualClock, type ManualClock } from "../src/clock";
import { devShopeeApp, devTikTokApp } from "../src/credentials";
import { createLogger } from "../src/logger";
import {
  createSimulator,
  simulatorUrls,
  type Simulator,
  type SimulatorOptions,
  type SimulatorUrls,
} from "../src/simulator";

export interface TestSim {
  sim: Simulator;
  /** The admin API and UI. */
  base: string;
  /** Each platform host's base URL (the path requested is the path signed). */
  urls: SimulatorUrls;
  clock: ManualClock;
  close(): Promise<void>;
}

export async function startSim(options: Partial<SimulatorOptions> = {}): Promise<TestSim> {
  const clock = manualClock(Date.UTC(2026, 0, 15, 12, 0, 0));
  const sim = createSimulator({ logger: createLogger("silent"), clock, seed: 42, ...options });
  const ports = await sim.listen({}, "127.0.0.1");
  const urls = simulatorUrls(ports, "127.0.0.1");
  return { sim, base: urls.admin, urls, clock, close: () => sim.close() };
}

export function nowSec(clock: ManualClock): number {
  return Math.floor(clock.now() / 1000);
}

// ---- Shopee ------------------------------------------------------------------------------

export interface ShopeeAuth {
  accessToken: string;
  shopId: string;
}

/** A signed Shopee URL (public when `auth` is omitted). */
export function shopeeUrl(
  t: TestSim,
  path: string,
  auth?: ShopeeAuth,
  extra: Record<string, string | string[]> = {},
  timestamp = nowSec(t.clock),
): string {
  const partnerId = devShopeeApp.partnerId;
  const sign = signShopeeRequest(devShopeeApp.partnerKey, {
    partnerId,
    path,
    timestamp,
    target: auth ? { type: "shop", accessToken: auth.accessToken, shopId: auth.shopId } : { type: "public" },
  });
  const params = new URLSearchParams({ partner_id: String(partnerId), timestamp: String(timestamp), sign });
  if (auth) {
    params.set("access_token", auth.accessToken);
    params.set("shop_id", auth.shopId);
  }
  for (const [key, value] of Object.entries(extra))
    for (const item of Array.isArray(value) ? value : [value]) params.append(key, item);
  return `${t.urls.shopee}${path}?${params.toString()}`;
}

export type Json = Record<string, unknown> & { error?: string; message?: string; response?: Record<string, unknown> };

export async function shopeeCall(
  t: TestSim,
  method: "GET" | "POST",
  path: string,
  auth?: ShopeeAuth,
  options: { query?: Record<string, string | string[]>; body?: unknown } = {},
): Promise<{ status: number; json: Json }> {
  const response = await fetch(shopeeUrl(t, path, auth, options.query), {
    method,
    headers: options.body === undefined ? {} : { "content-type": "application/json" },
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  return { status: response.status, json: (await response.json()) as Json };
}

/** Runs the seller's side of Shopee OAuth: returns the code and shop id from the redirect. */
export async function shopeeAuthorize(t: TestSim, shopId: string): Promise<{ code: string; shopId: string }> {
  const redirect = "http://localhost:3000/api/channels/shopee/callback";
  const page = await fetch(shopeeUrl(t, "/api/v2/shop/auth_partner", undefined, { redirect }));
  if (page.status !== 200) throw new Error(`authorize page answered ${page.status}: ${await page.text()}`);
  const html = await page.text();
  const hidden = Object.fromEntries(
    [...html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)].map((m) => [
      m[1] ?? "",
      (m[2] ?? "").replaceAll("&amp;", "&"),
    ]),
  );
  const action = /<form method="post" action="([^"]+)"/.exec(html)?.[1] ?? "";
  const submitted = await fetch(`${t.urls.shopee}${action}`, {
    method: "POST",
    redirect: "manual",
    body: new URLSearchParams({ ...hidden, shop_id: shopId }),
  });
  const location = new URL(submitted.headers.get("location") ?? "");
  return { code: location.searchParams.get("code") ?? "", shopId: location.searchParams.get("shop_id") ?? "" };
}

export async function shopeeConnect(t: TestSim, shopId: string): Promise<ShopeeAuth & { refreshToken: string }> {
  const { code } = await shopeeAuthorize(t, shopId);
  const { json } = await shopeeCall(t, "POST", "/api/v2/auth/token/get", undefined, {
    body: { code, partner_id: devShopeeApp.partnerId, shop_id: Number(shopId) },
  });
  if (json.error) throw new Error(`token/get failed: ${json.error} ${json.message}`);
  return { accessToken: String(json.access_token), refreshToken: String(json.refresh_token), shopId };
}

// ---- TikTok ------------------------------------------------------------------------------

export interface TikTokAuth {
  accessToken: string;
  cipher?: string;
}

export interface TikTokJson {
  code: number;
  message: string;
  request_id: string;
  data: Record<string, unknown> | null;
}

export async function tiktokCall(
  t: TestSim,
  method: "GET" | "POST" | "PUT" | "DELETE",
  path: string,
  auth: TikTokAuth | undefined,
  options: {
    query?: Record<string, string>;
    body?: unknown;
    timestamp?: number;
    tamper?: (url: URL, body: string | undefined) => string | undefined;
  } = {},
): Promise<{ status: number; json: TikTokJson }> {
  const query: Record<string, string> = {
    app_key: devTikTokApp.appKey,
    timestamp: String(options.timestamp ?? nowSec(t.clock)),
    ...options.query,
  };
  if (auth?.cipher) query.shop_cipher = auth.cipher;
  let body = options.body === undefined ? undefined : JSON.stringify(options.body);
  const sign = signTikTokRequest(devTikTokApp.appSecret, { path, query, body, contentType: "application/json" });
  const url = new URL(`${t.urls.tiktok}${path}`);
  for (const [key, value] of Object.entries({ ...query, sign })) url.searchParams.set(key, value);
  if (options.tamper) body = options.tamper(url, body);
  const response = await fetch(url, {
    method,
    headers: { "content-type": "application/json", ...(auth ? { "x-tts-access-token": auth.accessToken } : {}) },
    body,
  });
  return { status: response.status, json: (await response.json()) as TikTokJson };
}

export async function tiktokAuthorize(
  t: TestSim,
  shopId: string,
  state = "xyz-state",
): Promise<{ code: string; state: string; location: URL }> {
  const page = await fetch(`${t.urls.tiktokAuth}/open/authorize?service_id=${devTikTokApp.serviceId}&state=${state}`);
  if (page.status !== 200) throw new Error(`authorize page answered ${page.status}`);
  const html = await page.text();
  const hidden = Object.fromEntries(
    [...html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)].map((m) => [m[1] ?? "", m[2] ?? ""]),
  );
  const submitted = await fetch(`${t.urls.tiktokAuth}/open/authorize`, {
    method: "POST",
    redirect: "manual",
    body: new URLSearchParams({ ...hidden, shop_id: shopId }),
  });
  const location = new URL(submitted.headers.get("location") ?? "");
  return { code: location.searchParams.get("code") ?? "", state: location.searchParams.get("state") ?? "", location };
}

export async function tiktokToken(
  t: TestSim,
  grant: { auth_code: string } | { refresh_token: string },
): Promise<TikTokJson> {
  const endpoint = "auth_code" in grant ? "get" : "refresh";
  const params = new URLSearchParams({
    app_key: devTikTokApp.appKey,
    app_secret: devTikTokApp.appSecret,
    ...grant,
    grant_type: "auth_code" in grant ? "authorized_code" : "refresh_token",
  });
  const response = await fetch(`${t.urls.tiktokAuth}/api/v2/token/${endpoint}?${params.toString()}`);
  return (await response.json()) as TikTokJson;
}

export async function tiktokConnect(t: TestSim, shopId: string): Promise<TikTokAuth & { refreshToken: string }> {
  const { code } = await tiktokAuthorize(t, shopId);
  const token = await tiktokToken(t, { auth_code: code });
  const accessToken = String(token.data?.access_token);
  const shops = await tiktokCall(t, "GET", "/authorization/202309/shops", { accessToken });
  const list = (shops.json.data?.shops ?? []) as { cipher: string }[];
  return { accessToken, refreshToken: String(token.data?.refresh_token), cipher: list[0]?.cipher };
}

// ---- webhook receiver ---------------------------------------------------------------------

export interface Received {
  headers: IncomingMessage["headers"];
  body: string;
}

export interface Receiver {
  url: string;
  requests: Received[];
  /** Decides each answer; default 200 with an empty body. */
  respond: (index: number) => { status: number; body?: string };
  close(): Promise<void>;
}

export async function startReceiver(path = "/webhooks/test"): Promise<Receiver> {
  const receiver: Receiver = { url: "", requests: [], respond: () => ({ status: 200 }), close: async () => undefined };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      receiver.requests.push({ headers: req.headers, body: Buffer.concat(chunks).toString("utf8") });
      const answer = receiver.respond(receiver.requests.length - 1);
      res.statusCode = answer.status;
      res.end(answer.body ?? "");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  receiver.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}${path}`;
  receiver.close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return receiver;
}

export async function waitFor(check: () => boolean, timeoutMs = 5_000): Promise<void> {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > timeoutMs) throw new Error("condition not met in time");
    await new Promise((resolve) => setTimeout(resolve, 15));
  }
}

export async function admin<T = Record<string, unknown>>(
  t: TestSim,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; json: T }> {
  const response = await fetch(`${t.base}/admin${path}`, {
    method,
    headers: body === undefined ? {} : { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, json: (await response.json()) as T };
}
