import { createMailer, createTaskList } from "@syncstore/services";
import { TRPCError } from "@trpc/server";
import { runOnce } from "graphile-worker";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiHarness, type ApiHarness } from "../../testing/harness";

/*
 * The webhooks router over a real database: the log with filters and keyset pages, the payload
 * viewer with secrets masked, replays (a processed event's replay is recognised as a duplicate),
 * stats (alerts are tested in services/alerts). Processing runs through the real task list.
 */

let h: ApiHarness;
let owner: Awaited<ReturnType<ApiHarness["signUp"]>>;
let viewer: Awaited<ReturnType<ApiHarness["callerFor"]>>;
let connectionId: string;
const log = pino({ level: "silent" });

async function storeEvent(input: { key: string; body: unknown; type?: string; status?: string; receivedAt?: Date }) {
  const [row] = await h.query<{ id: string }>(
    `insert into webhook_event (id, organization_id, connection_id, platform, event_key, event_type, external_shop_id,
                                headers, body, status, received_at)
     values (gen_random_uuid(), $1, $2, 'tiktok', $3, $4, '7000001', $5::jsonb, $6, $7, $8) returning id::text as id`,
    [
      owner.organizationId,
      connectionId,
      input.key,
      input.type ?? "shop.authorized",
      JSON.stringify({ "content-type": "application/json", authorization: "f00dfeed", "x-request-id": "r-1" }),
      typeof input.body === "string" ? input.body : JSON.stringify(input.body),
      input.status ?? "received",
      input.receivedAt ?? new Date(),
    ],
  );
  return row?.id ?? "";
}

async function runJobs() {
  await runOnce({
    pgPool: h.pool,
    taskList: createTaskList({
      orm: h.orm,
      realtime: h.deps.realtime,
      mailer: createMailer({ from: "SyncStore <no-reply@example.test>", logger: log }),
      logger: log,
      webUrl: "http://localhost:3000",
      channels: h.deps.channels,
    }),
  });
}

beforeAll(async () => {
  h = await createApiHarness();
  owner = await h.signUp("Webhook Owner");
  const colleague = await h.signUp("Webhook Viewer");
  await h.addMember(owner.organizationId, colleague.me.user.id, "viewer");
  await colleague.caller.organization.setActive({ organizationId: owner.organizationId });
  viewer = await h.callerFor(colleague.cookie);
  const [connection] = await h.query<{ id: string }>(
    `insert into channel_connection (id, organization_id, platform, external_shop_id, name, status)
     values (gen_random_uuid(), $1, 'tiktok', '7000001', 'TT Test Shop', 'active') returning id::text as id`,
    [owner.organizationId],
  );
  connectionId = connection?.id ?? "";
}, 60_000);

afterAll(() => h?.close());

describe("webhooks router", () => {
  it("lists events newest first with filters and keyset pages", async () => {
    const base = Date.now() - 60_000;
    for (let i = 0; i < 5; i += 1)
      await storeEvent({
        key: `list-${i}`,
        body: { type: 6, tts_notification_id: `list-${i}`, shop_id: "7000001", data: { n: i } },
        receivedAt: new Date(base + i * 1000),
        status: i === 0 ? "failed" : "processed",
      });
    const first = await owner.caller.webhooks.list({ limit: 2, search: "list-" });
    expect(first.items.map((item) => item.eventKey)).toEqual(["list-4", "list-3"]);
    expect(first.items[0]?.connection).toEqual({ id: connectionId, name: "TT Test Shop" });
    // As the web app's infinite query sends it (with its own `direction` key).
    const second = await owner.caller.webhooks.list({
      limit: 2,
      search: "list-",
      cursor: first.nextCursor ?? "",
      direction: "forward",
    } as Parameters<typeof owner.caller.webhooks.list>[0]);
    expect(second.items.map((item) => item.eventKey)).toEqual(["list-2", "list-1"]);
    const failed = await owner.caller.webhooks.list({ status: "failed", search: "list-" });
    expect(failed.items.map((item) => item.eventKey)).toEqual(["list-0"]);
    await expect(owner.caller.webhooks.list({ cursor: "garbage" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });

  it("shows the payload with tokens, signatures and authorization masked", async () => {
    const id = await storeEvent({
      key: "secret-1",
      // Written as text: a 19-digit id as a JSON number, as TikTok sometimes sends it.
      body: `{"type":15,"tts_notification_id":"secret-1","shop_id":"7000001","data":{"product_id":7300000000000000001,"access_token":"ROW_live_token","sign":"abcd"}}`,
    });
    const event = await viewer.webhooks.get({ id });
    expect(event.headers.authorization).toBe("[masked]");
    expect(event.headers["x-request-id"]).toBe("r-1");
    expect(event.body).not.toContain("ROW_live_token");
    expect(event.body).not.toContain("abcd");
    expect(event.body).toContain("7300000000000000001");
    expect(event.bodyIsJson).toBe(true);
  });

  it("replays a processed event and recognises the duplicate", async () => {
    const id = await storeEvent({
      key: "replay-1",
      body: { type: 7, tts_notification_id: "replay-1", shop_id: "7000001", timestamp: 1, data: {} },
      type: "authorization.expiring",
    });
    await runJobs();
    // Not enqueued by the gateway here: processed directly through a replay of a received event.
    const firstReplay = await owner.caller.webhooks.replay({ ids: [id] });
    expect(firstReplay).toEqual({ queued: 1, alreadyProcessed: 0, skipped: 0 });
    await runJobs();
    const processed = await owner.caller.webhooks.get({ id });
    expect(processed.status).toBe("processed");
    expect(processed.effects.map((effect) => effect.kind)).toEqual(["authorization.expiring"]);
    const again = await owner.caller.webhooks.replay({ ids: [id, crypto.randomUUID()] });
    expect(again).toEqual({ queued: 1, alreadyProcessed: 1, skipped: 1 });
    await runJobs();
    const replayed = await owner.caller.webhooks.get({ id });
    expect(replayed.lastReplayOutcome).toBe("duplicate");
    expect(replayed.replays).toBe(2);
    expect(replayed.processedAt).toEqual(processed.processedAt);
  });

  it("refuses replays from a viewer and bad ids with field errors", async () => {
    await expect(viewer.webhooks.replay({ ids: [crypto.randomUUID()] })).rejects.toMatchObject({ code: "FORBIDDEN" });
    const error = await owner.caller.webhooks.replay({ ids: ["nope"] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TRPCError);
    expect((error as TRPCError).code).toBe("BAD_REQUEST");
  });

  it("counts statuses, duplicates and signature failures and charts processing lag", async () => {
    await h.query(`update webhook_event set duplicates = 3 where event_key = 'list-1'`);
    await h.query(
      `insert into webhook_rejection (id, organization_id, connection_id, platform, external_shop_id, reason, minute, count)
       values (gen_random_uuid(), $1, $2, 'tiktok', '7000001', 'invalid_signature', date_trunc('minute', now()), 4)`,
      [owner.organizationId, connectionId],
    );
    const stats = await viewer.webhooks.stats({ range: "24h" });
    expect(stats.counts.duplicates).toBe(3);
    expect(stats.counts.failed).toBe(1);
    expect(stats.signatureFailures).toBe(4);
    expect(stats.rejections.invalidSignature).toBe(4);
    expect(stats.lag.reduce((sum, point) => sum + point.events, 0)).toBeGreaterThanOrEqual(1);
    expect(stats.reconciliation.map((r) => r.connectionId)).toEqual([connectionId]);
  });
});
