import { createAuth } from "@syncstore/auth";
import { createOrm, Member } from "@syncstore/db";
import { createTestDatabase } from "@syncstore/db/testing";
import { createRealtimeEmitter } from "@syncstore/realtime";
import pg from "pg";
import pino from "pino";
import { startApiCache } from "../core/cache/api-cache";
import type { ApiDeps } from "../core/context";
import { testChannelEnv } from "@syncstore/channels/testing";
import { createChannelDeps, type ChannelDepsEnv } from "../services/channels/deps";
import { createContext } from "../core/context";
import { createCallerFactory } from "../core/trpc";
import { appRouter } from "../routers";

const createCaller = createCallerFactory(appRouter);

/**
 * A real API over a fresh PostgreSQL database (cloned from the migrated template): real
 * better-auth sign-ups and sessions, the real router, a real realtime emitter.
 */
export { testChannelEnv };

export async function createApiHarness(
  channelEnv: Partial<ChannelDepsEnv> = {},
  options: {
    sendVerificationEmail?: (message: { email: string; name: string; url: string }) => Promise<void>;
    /** The web app's in-process caches (default on, as in production); false reads the database every call. */
    cache?: boolean;
  } = {},
) {
  const database = await createTestDatabase();
  const pool = new pg.Pool({ connectionString: database.url, max: 4 });
  // Dropping the database at the end terminates idle connections; that is expected here.
  pool.on("error", () => {});
  const orm = await createOrm(database.url, { pool: { min: 0, max: 4 } });
  /** The newest email-confirmation link better-auth sent to each address. */
  const verificationLinks = new Map<string, string>();
  const deps: ApiDeps = {
    orm,
    auth: createAuth({
      pool,
      secret: "test-secret-test-secret-test-secret-0123",
      baseURL: "http://localhost:3000",
      rateLimitMax: 1000,
      sendVerificationEmail: async (message) => {
        verificationLinks.set(message.email.toLowerCase(), message.url);
        await options.sendVerificationEmail?.(message);
      },
    }),
    realtime: createRealtimeEmitter(pool),
    logger: pino({ level: "silent" }),
    webUrl: "http://localhost:3000",
    channels: createChannelDeps({ ...testChannelEnv, ...channelEnv }),
    // Tests call far faster than people; the limit itself has its own test.
    limits: { perUserPerMinute: 1_000_000, perAddressPerMinute: 1_000_000 },
    cache: options.cache === false ? undefined : await startApiCache(database.url, pino({ level: "silent" })),
  };
  let counter = 0;

  async function callerFor(cookie: string | null, ip = "203.0.113.7") {
    const headers = new Headers({ "user-agent": "vitest" });
    if (cookie) headers.set("cookie", cookie);
    return createCaller(await createContext({ headers, deps, ip }));
  }

  /** Signs a new user up through better-auth and returns a caller bound to their session. */
  async function signUp(name = `User ${++counter}`, email = `user${counter}-${Date.now()}@example.test`) {
    const signedUp = await deps.auth.api.signUpEmail({
      body: { name, email, password: "correct-horse-9" },
      asResponse: true,
    });
    if (!signedUp.ok) throw new Error(`sign-up failed: ${signedUp.status} ${await signedUp.text()}`);
    // Sign-up opens no session (it answers a known address the same way): sign in, as the web app does.
    const response = await deps.auth.api.signInEmail({
      body: { email, password: "correct-horse-9" },
      asResponse: true,
    });
    if (!response.ok) throw new Error(`sign-in after sign-up failed: ${response.status} ${await response.text()}`);
    const cookie = response.headers.get("set-cookie")?.split(";")[0] ?? "";
    const caller = await callerFor(cookie);
    const me = await caller.me.context();
    return { cookie, caller, me, email, name, organizationId: me.activeOrganization?.id ?? "" };
  }

  /** Adds an existing user to an organization with a role, bypassing invitations (test setup only). */
  async function addMember(organizationId: string, userId: string, role: string) {
    const em = orm.em.fork();
    em.create(Member, { id: crypto.randomUUID(), organizationId, userId, role, createdAt: new Date() });
    await em.flush();
  }

  /** Opens the confirmation link better-auth sent to `email`, as its owner would. */
  async function confirmEmail(email: string) {
    const link = verificationLinks.get(email.toLowerCase());
    if (!link) throw new Error(`no confirmation link was sent to ${email}`);
    const response = await deps.auth.handler(new Request(link));
    if (response.status >= 400) throw new Error(`confirming ${email} failed: ${response.status}`);
  }

  async function query<T extends pg.QueryResultRow>(sql: string, params: unknown[] = []) {
    return (await pool.query<T>(sql, params)).rows;
  }

  async function close() {
    await deps.cache?.close();
    await orm.close(true);
    await pool.end();
    await database.drop();
  }

  return {
    deps,
    orm,
    pool,
    url: database.url,
    callerFor,
    signUp,
    addMember,
    confirmEmail,
    verificationLinks,
    query,
    close,
  };
}

export type ApiHarness = Awaited<ReturnType<typeof createApiHarness>>;
