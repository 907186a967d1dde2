import { createOrm, sqlRows, type Orm } from "@syncstore/db";
import { createTestDatabase, type TestDatabase } from "@syncstore/db/testing";
import { createRealtimeEmitter } from "@syncstore/realtime";
import pg from "pg";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createMailer } from "../mailer";
import { ensureOrganization } from "../testing/sync";
import { startTestSmtpServer, type TestSmtpServer } from "../testing/smtp-server";
import { reportById } from "./definitions";
import { readReportFile, runReport, sendDueReports } from "./run";
import { streamReport } from "./stream";

let database: TestDatabase;
let orm: Orm;
let pool: pg.Pool;
let smtp: TestSmtpServer;
const org = "org-reports";
const log = pino({ level: "silent" });

beforeAll(async () => {
  [database, smtp] = await Promise.all([createTestDatabase(), startTestSmtpServer()]);
  orm = await createOrm(database.url, { pool: { min: 0, max: 4 } });
  pool = new pg.Pool({ connectionString: database.url, max: 2 });
  await ensureOrganization(orm, org);
  await sqlRows(
    orm.em.fork(),
    `insert into product (id, organization_id, title, status, created_at, updated_at)
     select gen_random_uuid(), $1, case when i = 1 then '=HYPERLINK("http://x")' else 'Product ' || i end, 'active', now(), now()
       from generate_series(1, 5) i`,
    [org],
  );
  // 4,500 variants: more than two cursor fetches.
  await sqlRows(
    orm.em.fork(),
    `insert into variant (id, organization_id, product_id, sku, price, cost, created_at, updated_at)
     select gen_random_uuid(), $1, (select id from product where organization_id = $1 order by title limit 1),
            'SKU-' || lpad(i::text, 5, '0'), 1000 + i, 500, now(), now()
       from generate_series(1, 4500) i`,
    [org],
  );
  await sqlRows(
    orm.em.fork(),
    `insert into "user" (id, name, email, email_verified, created_at, updated_at) values ('u-rep', 'Rita', 'rita@example.test', true, now(), now())`,
  );
  await sqlRows(
    orm.em.fork(),
    `insert into member (id, organization_id, user_id, role, created_at) values ('m-rep', $1, 'u-rep', 'viewer', now())`,
    [org],
  );
}, 60_000);

afterAll(async () => {
  await orm?.close(true);
  await pool?.end();
  await smtp?.close();
  await database?.drop();
});

async function collect(chunks: AsyncGenerator<string>): Promise<string> {
  let out = "";
  for await (const chunk of chunks) out += chunk;
  return out;
}

describe("reports", () => {
  it("streams every row with spreadsheet-safe cells and ISO dates", async () => {
    const report = reportById("catalog");
    if (!report) throw new Error("catalog report missing");
    const csv = await collect(streamReport(orm.em.fork(), report, org, { shops: [] }, { bom: true, currency: "SGD" }));
    const lines = csv.split("\r\n").filter(Boolean);
    expect(csv.startsWith("\uFEFFSKU,Product")).toBe(true);
    expect(lines).toHaveLength(4501);
    expect(lines[1]).toMatch(
      /^SKU-00001,"'=HYPERLINK\(""http:\/\/x""\)",,active,10\.01,5\.00,,,\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/,
    );
  });

  it("runs a report as a job into PostgreSQL chunks with an expiry", async () => {
    const [run] = await sqlRows<{ id: string }>(
      orm.em.fork(),
      `insert into report_run (id, organization_id, report, filters, bom, status, created_at) values (gen_random_uuid(), $1, 'inventory-valuation', '{}', false, 'queued', now()) returning id::text`,
      [org],
    );
    await runReport({ em: orm.em.fork(), realtime: createRealtimeEmitter(pool), log }, run?.id ?? "");
    const [state] = await sqlRows<{ status: string; rows: number; expires: boolean }>(
      orm.em.fork(),
      `select status, rows::int, expires_at > now() + interval '6 days' as expires from report_run where id = $1`,
      [run?.id],
    );
    expect(state).toEqual({ status: "succeeded", rows: 4500, expires: true });
    const file = (await readReportFile(orm.em.fork(), run?.id ?? "")).toString("utf8");
    expect(file.split("\r\n").filter(Boolean)).toHaveLength(4501);
    expect(file).toContain("SKU-04500,");
  });

  it("mails a due schedule to its members through a real SMTP server and keeps the run in the history", async () => {
    await sqlRows(
      orm.em.fork(),
      `insert into report_schedule (id, organization_id, name, report, filters, frequency, recipients, bom, enabled, next_run_at, created_at)
       values (gen_random_uuid(), $1, 'Morning stock', 'inventory-valuation', '{}', 'daily', '{u-rep,u-gone}', true, true, now() - interval '1 minute', now())`,
      [org],
    );
    const mailer = createMailer({ smtpUrl: smtp.url, from: "reports@syncstore.test", logger: log });
    const deps = {
      em: orm.em.fork(),
      realtime: createRealtimeEmitter(pool),
      log,
      mailer,
      webUrl: "http://localhost:3000",
    };
    expect(await sendDueReports(deps)).toBe(1);
    expect(await sendDueReports(deps)).toBe(0); // the next run is tomorrow
    const mail = await smtp.waitFor((m) => m.subject.startsWith("Morning stock"));
    expect(mail.to).toEqual(["rita@example.test"]);
    expect(mail.raw).toMatch(/filename="?inventory-valuation-\d{4}-\d{2}-\d{2}\.csv/);
    expect(mail.raw).toContain("Content-Type: text/csv");
    const history = await sqlRows<{ status: string; sent_to: string[] }>(
      orm.em.fork(),
      `select r.status, r.sent_to from report_run r join report_schedule s on s.id = r.schedule_id where s.name = 'Morning stock'`,
    );
    expect(history).toEqual([{ status: "succeeded", sent_to: ["rita@example.test"] }]);
  });
});
