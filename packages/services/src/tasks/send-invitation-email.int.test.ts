import { Writable } from "node:stream";
import { createOrm, Invitation, Member, Organization, User, type Orm } from "@syncstore/db";
import { createTestDatabase } from "@syncstore/db/testing";
import { createRealtimeEmitter } from "@syncstore/realtime";
import { createChannelDeps } from "@syncstore/channels";
import { testChannelEnv } from "@syncstore/channels/testing";
import { Logger, runOnce } from "graphile-worker";
import pg from "pg";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { enqueue } from "../enqueue";
import { createMailer } from "../mailer";
import { createTaskList } from ".";

let orm: Orm;
let pool: pg.Pool;
let url: string;
let drop: () => Promise<void>;
const lines: Record<string, unknown>[] = [];
const logger = pino(
  { level: "info" },
  new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
      done();
    },
  }),
);

beforeAll(async () => {
  const database = await createTestDatabase();
  url = database.url;
  drop = database.drop;
  orm = await createOrm(url, { pool: { min: 0, max: 3 } });
  pool = new pg.Pool({ connectionString: url, max: 2 });
  // Dropping the test database at the end terminates idle connections: expected here.
  pool.on("error", () => {});
  pool.on("connect", (client) => client.on("error", () => {}));
}, 60_000);
afterAll(async () => {
  await orm?.close(true);
  await pool?.end();
  await drop?.();
});

async function seedInvitation(status = "pending") {
  const em = orm.em.fork();
  const userId = crypto.randomUUID();
  const organizationId = crypto.randomUUID();
  em.create(User, {
    id: userId,
    name: "Iris Inviter",
    email: `${userId}@example.test`,
    emailVerified: true,
    createdAt: new Date(),
    updatedAt: new Date(),
  });
  em.create(Organization, { id: organizationId, name: "Iris Goods", slug: organizationId, createdAt: new Date() });
  await em.flush();
  em.create(Member, { id: crypto.randomUUID(), organizationId, userId, role: "owner", createdAt: new Date() });
  const invitation = em.create(Invitation, {
    id: crypto.randomUUID(),
    organizationId,
    email: "guest@example.test",
    role: "editor",
    status,
    expiresAt: new Date(Date.now() + 86_400_000),
    inviterId: userId,
    createdAt: new Date(),
  });
  await em.flush();
  await em.transactional((tx) => enqueue(tx, "send-invitation-email", { invitationId: invitation.id }));
  return invitation.id;
}

async function runQueue() {
  const taskList = createTaskList({
    orm,
    realtime: createRealtimeEmitter(pool),
    mailer: createMailer({ from: "SyncStore <no-reply@example.test>", logger }),
    logger,
    webUrl: "http://localhost:3000",
    channels: createChannelDeps(testChannelEnv),
  });
  await runOnce({ pgPool: pool, taskList, logger: new Logger(() => () => {}) });
}

describe("send-invitation-email", () => {
  it("writes the invitation email with its link to the log when no SMTP server is configured", async () => {
    const id = await seedInvitation();
    await runQueue();
    const mail = lines.find((line) => (line.mail as { text?: string } | undefined)?.text?.includes(id))?.mail as {
      to: string;
      subject: string;
      text: string;
    };
    expect(mail.to).toBe("guest@example.test");
    expect(mail.subject).toBe("Join Iris Goods on SyncStore");
    expect(mail.text).toContain(`http://localhost:3000/invitations/${id}`);
    expect(mail.text).toContain("Iris Inviter invited you");
    const remaining = await pool.query(`select count(*)::int as n from graphile_worker.jobs`);
    expect(remaining.rows[0].n).toBe(0);
  });

  it("skips an invitation that was cancelled before the job ran", async () => {
    const id = await seedInvitation("canceled");
    await runQueue();
    expect(lines.some((line) => (line.mail as { text?: string } | undefined)?.text?.includes(id))).toBe(false);
    expect(lines.some((line) => line.invitationId === id && String(line.msg).includes("skipped"))).toBe(true);
  });
});
