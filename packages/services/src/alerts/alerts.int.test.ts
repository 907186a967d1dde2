import { createOrm, setStockLevels, sqlRows, type Orm } from "@syncstore/db";
import { createTestDatabase } from "@syncstore/db/testing";
import { createChannelDeps } from "@syncstore/channels";
import { testChannelEnv } from "@syncstore/channels/testing";
import { createRealtimeEmitter } from "@syncstore/realtime";
import { Logger, runOnce } from "graphile-worker";
import pg from "pg";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createMailer } from "../mailer";
import { createTaskList } from "../tasks";
import { startTestSmtpServer, type TestSmtpServer } from "../testing/smtp-server";
import { checkLowStock } from "./low-stock";
import { raiseAlert } from "./raise";

let orm: Orm;
let pool: pg.Pool;
let drop: () => Promise<void>;
let smtp: TestSmtpServer;
const organizationId = crypto.randomUUID();
const log = pino({ level: "silent" });

beforeAll(async () => {
  const database = await createTestDatabase();
  drop = database.drop;
  orm = await createOrm(database.url, { pool: { min: 0, max: 3 } });
  pool = new pg.Pool({ connectionString: database.url, max: 2 });
  pool.on("error", () => {});
  smtp = await startTestSmtpServer();
  const em = orm.em.fork();
  await sqlRows(em, `insert into organization (id, name, slug, created_at) values ($1, 'Alert Goods', $1, now())`, [
    organizationId,
  ]);
  for (const [name, wants, groups] of [
    ["owner", true, null],
    ["quiet", false, null],
    ["hooks", true, ["webhooks"]],
  ] as const) {
    const userId = crypto.randomUUID();
    await sqlRows(
      em,
      `insert into "user" (id, name, email, email_verified, created_at, updated_at) values ($1, $2, $3, true, now(), now())`,
      [userId, name, `${name}-${userId}@example.test`],
    );
    await sqlRows(
      em,
      `insert into member (id, organization_id, user_id, role, created_at) values ($1, $2, $3, 'owner', now())`,
      [crypto.randomUUID(), organizationId, userId],
    );
    if (!wants || groups)
      await sqlRows(
        em,
        `insert into notification_preference (id, organization_id, user_id, email_critical, email_groups, daily_digest)
         values (gen_random_uuid(), $1, $2, $3, $4::jsonb, $5)`,
        [organizationId, userId, wants, groups ? JSON.stringify(groups) : null, Boolean(groups)],
      );
  }
}, 60_000);

afterAll(async () => {
  await smtp?.close();
  await orm?.close(true);
  await pool?.end();
  await drop?.();
});

async function runQueue(): Promise<void> {
  const taskList = createTaskList({
    orm,
    realtime: createRealtimeEmitter(pool),
    mailer: createMailer({ smtpUrl: smtp.url, from: "SyncStore <alerts@example.test>", logger: log }),
    logger: log,
    webUrl: "http://localhost:3000",
    channels: createChannelDeps(testChannelEnv),
  });
  await runOnce({ pgPool: pool, taskList, logger: new Logger(() => () => {}) });
}

async function newVariant(sku: string): Promise<string> {
  const [row] = await sqlRows<{ id: string }>(
    orm.em.fork(),
    `with p as (insert into product (id, organization_id, title, status) values (gen_random_uuid(), $1, 'Mug', 'active') returning id)
     insert into variant (id, organization_id, product_id, sku, price, position) select gen_random_uuid(), $1, p.id, $2, 100, 0 from p
     returning id::text as id`,
    [organizationId, sku],
  );
  return row!.id;
}

describe("alerts", () => {
  it("emails a new critical alert at once over SMTP to members who want it, and not its repeats", async () => {
    const em = orm.em.fork();
    const input = {
      organizationId,
      kind: "stock.oversold",
      dedupeKey: "stock.oversold:test",
      severity: "critical" as const,
      title: "Oversold: MUG-1",
      detail: "2 units sold without stock.",
    };
    await em.transactional((tx) => raiseAlert(tx, input));
    await em.transactional((tx) => raiseAlert(tx, input));
    await runQueue();
    const mail = await smtp.waitFor((m) => m.subject.includes("Oversold: MUG-1"));
    expect(mail.subject).toBe("[Alert Goods] Critical: Oversold: MUG-1");
    expect(mail.to[0]).toMatch(/^owner-/);
    expect(mail.text).toContain("2 units sold without stock.");
    expect(mail.text).toContain("http://localhost:3000/alerts?alert=");
    // One email: the member who turned critical emails off gets none, the one who only wants
    // webhook alerts gets none, and the repeat sends nothing.
    expect(smtp.messages.filter((m) => m.subject.includes("Oversold: MUG-1"))).toHaveLength(1);
  });

  it("sends each member only the groups they chose, at once and in the daily digest", async () => {
    const em = orm.em.fork();
    await em.transactional((tx) =>
      raiseAlert(tx, {
        organizationId,
        kind: "webhook.event_failed",
        dedupeKey: "webhook.event_failed:test",
        severity: "critical",
        title: "Event failed for good",
      }),
    );
    await runQueue();
    await smtp.waitFor((m) => m.subject.includes("Event failed for good") && m.to[0]!.startsWith("hooks-"));
    const critical = smtp.messages.filter((m) => m.subject.includes("Event failed for good"));
    expect(critical.map((m) => m.to[0]!.split("-")[0]).sort()).toEqual(["hooks", "owner"]);

    await sqlRows(em, `select graphile_worker.add_job('send-alert-digests', '{}'::json)`);
    await runQueue();
    const digest = await smtp.waitFor((m) => m.subject.includes("in the last day") && m.to[0]!.startsWith("hooks-"));
    expect(digest.text).toContain("Event failed for good");
    // The stock alerts of the same day are not in it: the member left the stock group out.
    expect(digest.text).not.toContain("Oversold");
  });

  it("raises low stock once per crossing, out of stock once (critical), and again only after a restock above the line", async () => {
    const variantId = await newVariant("LOW-1");
    const em = orm.em.fork();
    await sqlRows(em, `insert into inventory_settings (organization_id, low_stock_threshold) values ($1, 3)`, [
      organizationId,
    ]);
    const set = (onHand: number) =>
      em.transactional(async (tx) => {
        await setStockLevels(tx, {
          organizationId,
          targets: new Map([[variantId, onHand]]),
          reason: "manual",
          sourceRef: null,
          actorId: null,
        });
        return (await checkLowStock(tx, organizationId, [variantId])).map((a) => `${a.kind}/${a.severity}`);
      });
    const statusOf = async (key: string) =>
      (
        await sqlRows<{ status: string }>(em, `select status from alert where dedupe_key = $1 order by created_at`, [
          `${key}:${variantId}`,
        ])
      ).map((row) => row.status);
    expect(await set(10)).toEqual([]);
    expect(await set(3)).toEqual(["stock.low/warning"]);
    expect(await set(2)).toEqual([]);
    expect(await set(1)).toEqual([]);
    expect(await set(0)).toEqual(["stock.out/critical"]);
    expect(await set(0)).toEqual([]);
    // Back above 0 but still low: the out-of-stock alert resolves, the low one stays open.
    expect(await set(2)).toEqual([]);
    expect(await statusOf("stock.out")).toEqual(["resolved"]);
    expect(await statusOf("stock.low")).toEqual(["open"]);
    expect(await set(8)).toEqual([]);
    expect(await statusOf("stock.low")).toEqual(["resolved"]);
    // A fall past both lines at once raises only the critical alert; the next low crossing raises again.
    expect(await set(0)).toEqual(["stock.out/critical"]);
    expect(await set(9)).toEqual([]);
    expect(await set(3)).toEqual(["stock.low/warning"]);
    expect(await statusOf("stock.out")).toEqual(["resolved", "resolved"]);
  });

  it("uses the variant's own threshold before the organization default", async () => {
    const variantId = await newVariant("LOW-2");
    const em = orm.em.fork();
    await sqlRows(
      em,
      `insert into variant_stock_setting (variant_id, organization_id, low_stock_threshold) values ($1, $2, 20)`,
      [variantId, organizationId],
    );
    const alerts = await em.transactional(async (tx) => {
      await setStockLevels(tx, {
        organizationId,
        targets: new Map([[variantId, 15]]),
        reason: "manual",
        sourceRef: null,
        actorId: null,
      });
      return checkLowStock(tx, organizationId, [variantId]);
    });
    expect(alerts.map((a) => a.title)).toEqual(["LOW-2 is low on stock (15 left)"]);
  });
});
