import { createAuth, type Auth } from "@syncstore/auth";
import { createTestDatabase, type TestDatabase } from "@syncstore/db/testing";
import {
  createRealtimeEmitter,
  REALTIME_PATH,
  type AuditCreatedPayload,
  type ServerToClientEvents,
} from "@syncstore/realtime";
import { Logger, run, type Runner } from "graphile-worker";
import pg from "pg";
import { io as connect, type Socket } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createGateway, type Gateway } from "../src/gateway";
import { betterAuthSessionResolver } from "../src/realtime/better-auth";
import { memoryLogger } from "./helpers";

const WEB_URL = "http://localhost:3000";

let database: TestDatabase;
let pool: pg.Pool;
let auth: Auth;
let gateway: Gateway;
let gatewayUrl: string;
let worker: Runner;
const sockets: Socket[] = [];

interface SignedUp {
  userId: string;
  organizationId: string;
  cookie: string;
}

/** Signs a user up through better-auth (which also gives them an organization) and keeps the cookie. */
async function signUp(name: string): Promise<SignedUp> {
  const email = `${name.toLowerCase()}-${Date.now()}@example.test`;
  const signedUp = await auth.api.signUpEmail({
    body: { email, password: "correct-horse-battery-9", name },
    asResponse: true,
  });
  expect(signedUp.status).toBe(200);
  // Sign-up opens no session (it answers a known address the same way): sign in, as the web app does.
  const response = await auth.api.signInEmail({
    body: { email, password: "correct-horse-battery-9" },
    asResponse: true,
  });
  expect(response.status).toBe(200);
  const cookie = response.headers
    .getSetCookie()
    .map((header) => header.split(";")[0])
    .join("; ");
  const session = await auth.api.getSession({ headers: new Headers({ cookie }) });
  if (!session?.session.activeOrganizationId) throw new Error(`sign-up of ${name} left no active organization`);
  return { userId: session.user.id, organizationId: session.session.activeOrganizationId, cookie };
}

type Client = Socket<ServerToClientEvents>;

function client(cookie?: string, origin: string | null = WEB_URL): Client {
  const socket: Client = connect(gatewayUrl, {
    path: REALTIME_PATH,
    transports: ["websocket"],
    reconnection: false,
    extraHeaders: { ...(cookie ? { cookie } : {}), ...(origin ? { origin } : {}) },
  });
  sockets.push(socket);
  return socket;
}

function connected(socket: Client): Promise<void> {
  return new Promise((resolve, reject) => {
    socket.once("connect", () => resolve());
    socket.once("connect_error", reject);
  });
}

function refused(socket: Client): Promise<{ message: string; data: unknown }> {
  return new Promise((resolve, reject) => {
    socket.once("connect", () => reject(new Error("the socket was accepted")));
    socket.once("connect_error", (err) =>
      resolve({ message: err.message, data: (err as Error & { data?: unknown }).data }),
    );
  });
}

/** Runs a job, the way a worker does, that publishes through the postgres emitter. */
async function emitFromJob(organizationId: string, payload: AuditCreatedPayload): Promise<void> {
  await pool.query("select graphile_worker.add_job('emit-audit', $1::json)", [
    JSON.stringify({ organizationId, payload }),
  ]);
}

beforeAll(async () => {
  database = await createTestDatabase();
  pool = new pg.Pool({ connectionString: database.url, max: 10 });
  pool.on("error", () => undefined);
  auth = createAuth({ pool, secret: "test-secret-that-is-long-enough-0123456789", baseURL: WEB_URL });
  gateway = createGateway({
    pool,
    logger: memoryLogger().logger,
    expectedMigrations: [],
    webUrl: WEB_URL,
    resolveSession: betterAuthSessionResolver(auth),
    reauthorizeEveryMs: 200,
  });
  gatewayUrl = `http://127.0.0.1:${await gateway.listen(0, "127.0.0.1")}`;

  // A separate pool, as a worker process would have.
  const workerPool = new pg.Pool({ connectionString: database.url, max: 4 });
  workerPool.on("error", () => undefined);
  workerPool.on("connect", (connection) => connection.on("error", () => undefined));
  const emitter = createRealtimeEmitter(workerPool);
  worker = await run({
    pgPool: workerPool,
    noHandleSignals: true,
    crontab: "",
    concurrency: 1,
    pollInterval: 100,
    logger: new Logger(() => () => undefined),
    taskList: {
      "emit-audit": async (raw) => {
        const { organizationId, payload } = raw as { organizationId: string; payload: AuditCreatedPayload };
        await emitter.toOrganization(organizationId).emit("audit.created", payload);
      },
    },
  });
  worker.promise.finally(() => workerPool.end()).catch(() => undefined);
});

afterAll(async () => {
  for (const socket of sockets) socket.disconnect();
  await worker?.stop();
  await gateway?.close();
  await pool?.end();
  await database?.drop();
});

const audit = (id: string): AuditCreatedPayload => ({
  id,
  action: "member.invite",
  entity: "invitation",
  entityId: "inv-1",
  actorName: "Ada",
  at: new Date(0).toISOString(),
});

describe("realtime", () => {
  it("delivers an event a job emitted to the members of that organization only", async () => {
    const ada = await signUp("Ada");
    const bob = await signUp("Bob");
    expect(ada.organizationId).not.toBe(bob.organizationId);

    const adaSocket = client(ada.cookie);
    const bobSocket = client(bob.cookie);
    await Promise.all([connected(adaSocket), connected(bobSocket)]);

    const bobReceived: AuditCreatedPayload[] = [];
    bobSocket.on("audit.created", (payload) => bobReceived.push(payload));
    const adaReceived = new Promise<AuditCreatedPayload>((resolve) => adaSocket.once("audit.created", resolve));

    await emitFromJob(ada.organizationId, audit("for-ada"));
    expect(await adaReceived).toEqual(audit("for-ada"));

    // Bob's socket works (control) and got only his own organization's event, never Ada's.
    const bobOwn = new Promise<AuditCreatedPayload>((resolve) => bobSocket.once("audit.created", resolve));
    await emitFromJob(bob.organizationId, audit("for-bob"));
    expect(await bobOwn).toEqual(audit("for-bob"));
    expect(bobReceived.map((payload) => payload.id)).toEqual(["for-bob"]);
  });

  it("refuses an anonymous socket", async () => {
    const { message, data } = await refused(client());
    expect(message).toBe("UNAUTHENTICATED");
    expect(data).toEqual({ code: "UNAUTHENTICATED" });
  });

  it("refuses a forged or expired session cookie", async () => {
    const { message } = await refused(client("better-auth.session_token=forged.value"));
    expect(message).toBe("UNAUTHENTICATED");
  });

  it("refuses a session whose active organization the user no longer belongs to", async () => {
    const eve = await signUp("Eve");
    const other = await signUp("Olga");
    await pool.query("update session set active_organization_id = $1 where user_id = $2", [
      other.organizationId,
      eve.userId,
    ]);
    const { message } = await refused(client(eve.cookie));
    expect(message).toBe("NOT_A_MEMBER");
  });

  it("counts connected sockets in the metrics", async () => {
    const metrics = await gateway.metrics.registry.getSingleMetricAsString("realtime_connected_sockets");
    expect(metrics).toMatch(/realtime_connected_sockets \d+/);
  });

  it.each([
    ["a foreign Origin", "https://evil.example"],
    ["no Origin", null],
  ])("refuses a handshake with %s even with a valid cookie (finding 4)", async (_label, origin) => {
    const ada = await signUp("Origin");
    const socket = client(ada.cookie, origin);
    await expect(refused(socket)).resolves.toBeDefined();
  });
});

/** Resolves with the reason when the server disconnects the socket. */
function disconnected(socket: Client): Promise<string> {
  return new Promise((resolve) => socket.once("disconnect", (reason) => resolve(reason)));
}

describe("access re-checked on open sockets (finding 2)", () => {
  it.each([
    ["a removed member", (user: SignedUp) => pool.query("delete from member where user_id = $1", [user.userId])],
    ["a signed-out session", (user: SignedUp) => pool.query("delete from session where user_id = $1", [user.userId])],
    [
      "an expired session",
      (user: SignedUp) =>
        pool.query("update session set expires_at = now() - interval '1 second' where user_id = $1", [user.userId]),
    ],
    [
      "a switch to another organization",
      (user: SignedUp) =>
        pool.query("update session set active_organization_id = null where user_id = $1", [user.userId]),
    ],
  ])("disconnects the socket of %s within seconds", async (_label, end) => {
    const user = await signUp("Leaver");
    const socket = client(user.cookie);
    await connected(socket);
    const gone = disconnected(socket);
    const started = Date.now();
    await end(user);
    expect(await gone).toBe("io server disconnect");
    expect(Date.now() - started).toBeLessThan(3_000);
    // Nothing reaches it afterwards.
    const received: unknown[] = [];
    socket.on("audit.created", (payload) => received.push(payload));
    await emitFromJob(user.organizationId, audit("after-leaving"));
    expect(received).toEqual([]);
  });

  it("keeps the socket of a member whose role changed, with the new role, still receiving events", async () => {
    const owner = await signUp("Owner");
    const colleague = await signUp("Colleague");
    await pool.query(
      "insert into member (id, organization_id, user_id, role, created_at) values (gen_random_uuid(), $1, $2, 'editor', now())",
      [owner.organizationId, colleague.userId],
    );
    await pool.query("update session set active_organization_id = $1 where user_id = $2", [
      owner.organizationId,
      colleague.userId,
    ]);
    const socket = client(colleague.cookie);
    await connected(socket);
    await pool.query("update member set role = 'viewer' where user_id = $1 and organization_id = $2", [
      colleague.userId,
      owner.organizationId,
    ]);
    const local = await waitForRole(colleague.userId, "viewer");
    expect(local).toBe("viewer");
    const event = new Promise<AuditCreatedPayload>((resolve) => socket.once("audit.created", resolve));
    await emitFromJob(owner.organizationId, audit("still-here"));
    expect((await event).id).toBe("still-here");
    expect(socket.connected).toBe(true);
  });
});

/** The role the gateway holds for the user's socket, once it equals `role`. */
async function waitForRole(userId: string, role: string): Promise<string> {
  for (;;) {
    const sockets = await gateway.io.fetchSockets();
    const held = sockets.find((socket) => socket.data.userId === userId)?.data.role;
    if (held === role) return held;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
