import { randomUUID } from "node:crypto";
import { createOrm, sqlRows, type Orm } from "@syncstore/db";
import { createTestDatabase } from "@syncstore/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createOrganization } from "../testing/webhooks";
import { pruneWebhookEventRecords } from "./prune-webhook-events";

let orm: Orm;
let drop: () => Promise<void>;
beforeAll(async () => {
  const database = await createTestDatabase();
  drop = database.drop;
  orm = await createOrm(database.url, { pool: { min: 0, max: 3 } });
}, 60_000);
afterAll(async () => {
  await orm?.close(true);
  await drop?.();
});

async function event(organizationId: string, status: string, ageDays: number): Promise<string> {
  const key = randomUUID();
  await sqlRows(
    orm.em.fork(),
    `insert into webhook_event (id, organization_id, platform, event_key, event_type, body, status, received_at)
     values ($1::uuid, $2, 'shopee', $1::text, 'order.status', '{}', $3, now() - make_interval(days => $4))`,
    [key, organizationId, status, ageDays],
  );
  return key;
}

async function remaining(ids: string[]): Promise<string[]> {
  const rows = await sqlRows<{ id: string }>(orm.em.fork(), `select id from webhook_event where id = any($1::uuid[])`, [
    ids,
  ]);
  return rows.map((row) => row.id).sort();
}

describe("webhook retention", () => {
  it("removes events and refusal counts older than the retention whatever their outcome, and keeps unprocessed ones", async () => {
    const organizationId = await createOrganization(orm.em.fork(), "Retention Goods");
    const old = await Promise.all(
      ["processed", "ignored", "failed", "unknown_shop"].map((s) => event(organizationId, s, 91)),
    );
    const pending = await event(organizationId, "received", 120);
    const recent = await event(organizationId, "processed", 89);
    await sqlRows(
      orm.em.fork(),
      `insert into webhook_rejection (id, organization_id, platform, reason, minute, count)
       values ($1, $3, 'tiktok', 'invalid_signature', now() - interval '91 days', 3),
              ($2, $3, 'tiktok', 'invalid_signature', now() - interval '1 day', 1)`,
      [randomUUID(), randomUUID(), organizationId],
    );

    const removed = await pruneWebhookEventRecords(orm.em.fork(), 90);

    expect(removed).toEqual({ events: 4, rejections: 1 });
    expect(await remaining([...old, pending, recent])).toEqual([pending, recent].sort());
    const counts = await sqlRows<{ n: number }>(
      orm.em.fork(),
      `select count(*)::int as n from webhook_rejection where organization_id = $1`,
      [organizationId],
    );
    expect(counts[0]?.n).toBe(1);
    // A second pass has nothing left to do.
    expect(await pruneWebhookEventRecords(orm.em.fork(), 90)).toEqual({ events: 0, rejections: 0 });
  });

  it("keeps everything when the retention is 0 (forever)", async () => {
    const organizationId = await createOrganization(orm.em.fork(), "Forever Goods");
    const ancient = await event(organizationId, "processed", 3000);
    expect(await pruneWebhookEventRecords(orm.em.fork(), 0)).toEqual({ events: 0, rejections: 0 });
    expect(await remaining([ancient])).toEqual([ancient]);
  });
});
