import { createTestDatabase, type TestDatabase } from "@syncstore/db/testing";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAuth, type Auth } from "./server";

let database: TestDatabase;
let pool: pg.Pool;
let auth: Auth;

beforeAll(async () => {
  database = await createTestDatabase();
  pool = new pg.Pool({ connectionString: database.url, max: 3 });
  pool.on("error", () => {});
  auth = createAuth({
    pool,
    secret: "auth-test-secret-auth-test-secret-0123",
    baseURL: "http://localhost:3000",
    rateLimitMax: 3,
  });
}, 60_000);
afterAll(async () => {
  await pool?.end();
  await database?.drop();
});

/** Through better-auth's HTTP handler, as the browser reaches it (rate limits apply there). */
function post(path: string, body: unknown, headers: Record<string, string> = {}) {
  return auth.handler(
    new Request(`http://localhost:3000/api/auth${path}`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        origin: "http://localhost:3000",
        "x-forwarded-for": "198.51.100.1",
        ...headers,
      },
      body: JSON.stringify(body),
    }),
  );
}

describe("email and password", () => {
  it("refuses a weak password with the rules it breaks, creating nothing", async () => {
    const response = await post(
      "/sign-up/email",
      { name: "Wes", email: "wes@example.test", password: "passwordpassword" },
      { "x-forwarded-for": "198.51.100.10" },
    );
    expect(response.status).toBe(400);
    expect(((await response.json()) as { message: string }).message).toBe("Password needs a digit");
    expect((await pool.query(`select 1 from "user" where email = 'wes@example.test'`)).rowCount).toBe(0);
  });

  it("signs up, signs in, and signs out (the session row is gone)", async () => {
    const ip = { "x-forwarded-for": "198.51.100.11" };
    const signUp = await post(
      "/sign-up/email",
      { name: "Nia", email: "nia@example.test", password: "correct-horse-9" },
      ip,
    );
    expect(signUp.status).toBe(200);
    const signIn = await post("/sign-in/email", { email: "nia@example.test", password: "correct-horse-9" }, ip);
    expect(signIn.status).toBe(200);
    const cookie = signIn.headers.get("set-cookie")?.split(";")[0] ?? "";
    const session = await auth.api.getSession({ headers: new Headers({ cookie }) });
    expect(session?.user.email).toBe("nia@example.test");
    expect(session?.session.activeOrganizationId).toBeTruthy();
    const signOut = await post("/sign-out", {}, { ...ip, cookie });
    expect(signOut.status).toBe(200);
    expect(await auth.api.getSession({ headers: new Headers({ cookie }) })).toBeNull();
  });

  it("rate-limits sign-in attempts per address", async () => {
    const attempt = () =>
      post(
        "/sign-in/email",
        { email: "nobody@example.test", password: "wrong-password-1" },
        { "x-forwarded-for": "198.51.100.99" },
      );
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await attempt()).status);
    expect(statuses.slice(0, 3)).toEqual([401, 401, 401]);
    expect(statuses[3]).toBe(429);
    // Another address is unaffected.
    const other = await post(
      "/sign-in/email",
      { email: "nobody@example.test", password: "wrong-password-1" },
      { "x-forwarded-for": "198.51.100.98" },
    );
    expect(other.status).toBe(401);
  });
});

describe("sign-up does not tell whether an address has an account (finding 10)", () => {
  type Json = Record<string, unknown>;
  /** The reply with what must differ between any two sign-ups (ids, times, the echoed name) blanked. */
  async function shape(response: Response) {
    const body = (await response.json()) as { token: unknown; user: Json };
    const headers = [...response.headers.keys()].filter((name) => !["date"].includes(name)).sort();
    const user = Object.fromEntries(
      Object.entries(body.user).map(([key, value]) => [
        key,
        ["id", "name", "createdAt", "updatedAt"].includes(key) ? typeof value : value,
      ]),
    );
    return { status: response.status, headers, token: body.token, user };
  }

  it("answers a known address exactly as a new one, without a session, and changes nothing", async () => {
    const email = "known@example.test";
    const first = await post(
      "/sign-up/email",
      { name: "Kim", email, password: "correct-horse-9" },
      { "x-forwarded-for": "198.51.100.50" },
    );
    const again = await post(
      "/sign-up/email",
      { name: "Kim", email, password: "other-horse-77" },
      { "x-forwarded-for": "198.51.100.51" },
    );
    const firstShape = await shape(first);
    expect(firstShape).toMatchObject({ status: 200, token: null, user: { email, emailVerified: false } });
    expect(await shape(again)).toEqual(firstShape);
    // Neither reply signs anyone in: a cookie would tell a new account from a known one.
    expect(first.headers.get("set-cookie")).toBeNull();
    expect(again.headers.get("set-cookie")).toBeNull();

    // The second sign-up created nothing and did not touch the owner's password.
    expect((await pool.query(`select 1 from "user" where email = $1`, [email])).rowCount).toBe(1);
    const ip = { "x-forwarded-for": "198.51.100.52" };
    expect((await post("/sign-in/email", { email, password: "other-horse-77" }, ip)).status).toBe(401);
    expect((await post("/sign-in/email", { email, password: "correct-horse-9" }, ip)).status).toBe(200);
  });

  it("a known address in other letter case gets the same answer too", async () => {
    const email = "case@example.test";
    const first = await post(
      "/sign-up/email",
      { name: "Cas", email, password: "correct-horse-9" },
      { "x-forwarded-for": "198.51.100.53" },
    );
    const upper = await post(
      "/sign-up/email",
      { name: "Cas", email: email.toUpperCase(), password: "correct-horse-9" },
      { "x-forwarded-for": "198.51.100.54" },
    );
    expect(await shape(upper)).toEqual(await shape(first));
    expect((await pool.query(`select 1 from "user" where lower(email) = $1`, [email])).rowCount).toBe(1);
  });
});

describe("per-account sign-in throttling (finding 1)", () => {
  const key = (email: string) => `signin-account:${email}`;

  it("slows guesses at one account from rotating addresses with growing delays, and a success clears them", async () => {
    const email = "target@example.test";
    const signUp = await post(
      "/sign-up/email",
      { name: "Target", email, password: "correct-horse-9" },
      { "x-forwarded-for": "198.51.100.40" },
    );
    expect(signUp.status).toBe(200);
    const guess = (i: number, password = `wrong-guess-${i}`) =>
      post("/sign-in/email", { email, password }, { "x-forwarded-for": `203.0.113.${i % 250}` });

    const first = [];
    for (let i = 0; i < 5; i++) first.push((await guess(i)).status);
    expect(first).toEqual([401, 401, 401, 401, 401]);
    // Sixth attempt, from yet another address, even with the right password: wait 1 s.
    const throttled = await guess(6, "correct-horse-9");
    expect(throttled.status).toBe(429);
    expect(throttled.headers.get("retry-after")).toBe("1");

    // The delay passes (moved back rather than slept through); the next failure doubles it.
    const rewind = (ms: number) =>
      pool.query(`update rate_limit set last_request = last_request - $2 where key = $1`, [key(email), ms]);
    await rewind(1_100);
    expect((await guess(7)).status).toBe(401);
    expect((await guess(8)).headers.get("retry-after")).toBe("2");
    await rewind(2_100);
    expect((await guess(9)).status).toBe(401);
    expect((await guess(10)).headers.get("retry-after")).toBe("4");

    // The owner gets in once the (short) delay is over, and that clears the count.
    await rewind(4_100);
    expect((await guess(11, "correct-horse-9")).status).toBe(200);
    expect((await pool.query(`select 1 from rate_limit where key = $1`, [key(email)])).rowCount).toBe(0);
  });

  it("never delays an account by more than a minute", async () => {
    const { accountDelaySeconds } = await import("./account-throttle");
    expect([4, 5, 6, 10, 11, 50, 1000].map(accountDelaySeconds)).toEqual([0, 1, 2, 32, 60, 60, 60]);
  });
});

describe("sign-up from an invitation", () => {
  it("creates the account only for the invited address", async () => {
    const inviter = await post(
      "/sign-up/email",
      { name: "Ivy", email: "ivy@example.test", password: "correct-horse-9" },
      { "x-forwarded-for": "198.51.100.40" },
    );
    expect(inviter.status).toBe(200);
    const { rows } = await pool.query<{ user_id: string; organization_id: string }>(
      `select m.user_id, m.organization_id from member m join "user" u on u.id = m.user_id where u.email = 'ivy@example.test'`,
    );
    const { user_id: inviterId, organization_id: organizationId } = rows[0]!;
    await pool.query(
      `insert into invitation (id, organization_id, email, role, status, expires_at, inviter_id)
       values ('inv-1', $1, 'Guest@Example.test', 'viewer', 'pending', now() + interval '1 day', $2)`,
      [organizationId, inviterId],
    );
    const headers = { "x-forwarded-for": "198.51.100.41", "x-invitation-id": "inv-1" };

    const other = await post(
      "/sign-up/email",
      { name: "Oz", email: "oz@example.test", password: "correct-horse-9" },
      headers,
    );
    expect(other.status).toBe(400);
    expect(await other.json()).toMatchObject({
      code: "INVITATION_EMAIL_MISMATCH",
      message: "This invitation is for Guest@Example.test: create the account with that address.",
    });
    expect((await pool.query(`select 1 from "user" where email = 'oz@example.test'`)).rowCount).toBe(0);

    const unknown = await post(
      "/sign-up/email",
      { name: "Oz", email: "oz@example.test", password: "correct-horse-9" },
      { ...headers, "x-invitation-id": "inv-unknown" },
    );
    expect(unknown.status).toBe(400);
    expect(await unknown.json()).toMatchObject({ code: "INVITATION_NOT_FOUND" });

    const invited = await post(
      "/sign-up/email",
      { name: "Guest", email: "guest@example.test", password: "correct-horse-9" },
      headers,
    );
    expect(invited.status).toBe(200);
  });
});
