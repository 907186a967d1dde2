import superjson from "superjson";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTrpcHandler } from "../core/http";
import { createApiHarness, type ApiHarness } from "../testing/harness";

/**
 * The tRPC HTTP endpoint as the web app serves it: Origin checks on state-changing requests
 * (finding 4), body limits (finding 10) and the per-user / per-address rate limit shared through
 * PostgreSQL (finding 10).
 */
let h: ApiHarness;
let owner: Awaited<ReturnType<ApiHarness["signUp"]>>;
const web = "http://localhost:3000";

beforeAll(async () => {
  h = await createApiHarness();
  owner = await h.signUp("Origin owner");
}, 60_000);

afterAll(() => h?.close());

function handler(limits?: { perUserPerMinute?: number; perAddressPerMinute?: number }) {
  return createTrpcHandler({
    deps: { ...h.deps, limits: { perUserPerMinute: 10_000, perAddressPerMinute: 10_000, ...limits } },
    allowedOrigins: [web],
    clientIp: (request) => request.headers.get("x-test-ip"),
  });
}

function invite(headers: Record<string, string>, email = `guest-${Math.random().toString(36).slice(2)}@example.test`) {
  return new Request(`${web}/api/trpc/team.invite`, {
    method: "POST",
    headers: { "content-type": "application/json", cookie: owner.cookie, ...headers },
    body: JSON.stringify(superjson.serialize({ email, role: "viewer" })),
  });
}

function context(headers: Record<string, string> = {}, cookie = owner.cookie) {
  return new Request(`${web}/api/trpc/me.context`, { headers: { cookie, ...headers } });
}

const invitations = async () =>
  Number((await h.query<{ n: string }>(`select count(*) as n from invitation`))[0]?.n ?? 0);

describe("Origin checks (finding 4)", () => {
  it.each([
    ["a foreign Origin", { origin: "https://evil.example" }],
    ["Origin null", { origin: "null" }],
    ["no Origin", {}],
    ["Sec-Fetch-Site cross-site", { origin: web, "sec-fetch-site": "cross-site" }],
    ["a look-alike Origin", { origin: "http://localhost:3000.evil.example" }],
  ])("refuses a mutation with %s and writes nothing", async (_label, headers) => {
    const before = await invitations();
    const response = await handler()(invite(headers));
    expect(response.status).toBe(403);
    const body = (await response.json()) as { error: { message: string } };
    expect(body.error.message).toMatch(/origin/i);
    expect(await invitations()).toBe(before);
  });

  it("accepts the mutation from the web origin", async () => {
    const response = await handler()(invite({ origin: web, "sec-fetch-site": "same-origin" }));
    expect(response.status).toBe(200);
  });

  it("lets reads through without an Origin (they change nothing)", async () => {
    expect((await handler()(context())).status).toBe(200);
  });
});

describe("body limits (finding 10)", () => {
  it("answers 413 to a body over the limit without parsing it", async () => {
    const big = "x".repeat(2 * 1024 * 1024);
    const response = await handler()(invite({ origin: web }, `${big}@example.test`));
    expect(response.status).toBe(413);
  });

  it("answers 413 to an oversized chunked body that declares no length", async () => {
    const chunk = new TextEncoder().encode("x".repeat(64 * 1024));
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent++ < 64) controller.enqueue(chunk);
        else controller.close();
      },
    });
    const request = new Request(`${web}/api/trpc/team.invite`, {
      method: "POST",
      headers: { "content-type": "application/json", cookie: owner.cookie, origin: web },
      body: stream,
      duplex: "half",
    } as RequestInit);
    expect((await handler()(request)).status).toBe(413);
  });
});

describe("rate limit (finding 10)", () => {
  it("answers 429 with Retry-After past the per-user limit, shared by every handler on the database", async () => {
    // Signing up already made one call (me.context), so the fourth call is over a limit of 4.
    const { cookie } = await h.signUp("Busy user");
    const first = handler({ perUserPerMinute: 4 });
    const second = handler({ perUserPerMinute: 4 });
    const statuses: number[] = [];
    for (const serve of [first, second, first, second]) statuses.push((await serve(context({}, cookie))).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
    const refused = await first(context({}, cookie));
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
  });

  it("limits an address whoever signs in from it", async () => {
    const serve = handler({ perAddressPerMinute: 2 });
    const ip = { "x-test-ip": "198.51.100.77" };
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) statuses.push((await serve(context(ip))).status);
    expect(statuses).toEqual([200, 200, 429]);
    expect((await serve(context({ "x-test-ip": "198.51.100.78" }))).status).not.toBe(429);
  });

  it("refuses exactly the calls past the limit when they arrive together (counted in shared statements)", async () => {
    const { cookie, me } = await h.signUp("Burst user");
    const serve = handler({ perUserPerMinute: 10 });
    // Signing up made one call: 9 of these 20 concurrent calls fit in the window, 11 do not.
    const statuses = await Promise.all(
      Array.from({ length: 20 }, async () => (await serve(context({}, cookie))).status),
    );
    expect(statuses.filter((status) => status === 200)).toHaveLength(9);
    expect(statuses.filter((status) => status === 429)).toHaveLength(11);
    // Every call was counted, the refused ones too (as one statement per call would count them).
    const [row] = await h.query<{ count: number }>(`select count from rate_limit where key = $1`, [
      `api:user:${me.user.id}`,
    ]);
    expect(row?.count).toBe(21);
  });
});
