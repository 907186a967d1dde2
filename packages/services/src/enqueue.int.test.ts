import { createOrm, type Orm } from "@syncstore/db";
import { createTestDatabase } from "@syncstore/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addJobsSql, enqueue, InvalidJobPayloadError } from "./enqueue";

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

const jobs = async () =>
  orm.em.fork().execute<{ task_identifier: string; key: string | null; priority: number; payload: unknown }[]>(
    `select t.identifier as task_identifier, j.key, j.priority, j.payload
         from graphile_worker._private_jobs j join graphile_worker._private_tasks t on t.id = j.task_id order by j.id`,
  );
const invitationId = () => crypto.randomUUID();

describe("enqueue (transactional)", () => {
  it("a rolled-back transaction leaves no job", async () => {
    const before = (await jobs()).length;
    await expect(
      orm.em.fork().transactional(async (tx) => {
        await enqueue(tx, "send-invitation-email", { invitationId: invitationId() });
        throw new Error("the change failed after enqueueing");
      }),
    ).rejects.toThrow("the change failed");
    expect(await jobs()).toHaveLength(before);
  });

  it("a committed transaction leaves exactly its job, with priority", async () => {
    const id = invitationId();
    await orm.em
      .fork()
      .transactional((tx) => enqueue(tx, "send-invitation-email", { invitationId: id }, { priority: "high" }));
    expect((await jobs()).filter((job) => (job.payload as { invitationId: string }).invitationId === id)).toEqual([
      { task_identifier: "send-invitation-email", key: null, priority: -10, payload: { invitationId: id } },
    ]);
  });

  it("folds jobs with the same key into one pending job carrying the latest payload", async () => {
    const first = invitationId();
    const last = invitationId();
    for (const id of [first, invitationId(), last]) {
      await orm.em
        .fork()
        .transactional((tx) => enqueue(tx, "send-invitation-email", { invitationId: id }, { jobKey: "coalesce-me" }));
    }
    const keyed = (await jobs()).filter((job) => job.key === "coalesce-me");
    expect(keyed).toHaveLength(1);
    expect(keyed[0]?.payload).toEqual({ invitationId: last });
  });

  it("refuses a malformed payload before touching the queue", async () => {
    const before = (await jobs()).length;
    await expect(
      orm.em.fork().transactional((tx) => enqueue(tx, "send-invitation-email", { invitationId: "nope" })),
    ).rejects.toBeInstanceOf(InvalidJobPayloadError);
    expect(await jobs()).toHaveLength(before);
  });
});

describe("addJobsSql (set-based producer)", () => {
  const addRows = (tx: Parameters<typeof enqueue>[0], ids: string[], mode: "replace" | "preserve_run_at") =>
    tx.execute<{ n: string }[]>(
      `select count(*)::text as n from ${addJobsSql({
        task: "send-invitation-email",
        from: "unnest(?::text[]) as r(id)",
        payload: { invitationId: "r.id" },
        jobKey: { prefix: "invite-set:", id: "r.id" },
        jobKeyMode: mode,
        priority: "low",
        maxAttempts: 3,
      })}`,
      [`{${ids.join(",")}}`],
    );

  it("enqueues one job per row with the payload, key, priority and attempts", async () => {
    const ids = [invitationId(), invitationId()];
    await orm.em.fork().transactional((tx) => addRows(tx, ids, "replace"));
    const added = (await jobs()).filter((job) => job.key?.startsWith("invite-set:"));
    expect(added.map((job) => job.payload)).toEqual(ids.map((id) => ({ invitationId: id })));
    expect(added.map((job) => [job.task_identifier, job.key, job.priority])).toEqual(
      ids.map((id) => ["send-invitation-email", `invite-set:${id}`, 10]),
    );
  });

  it("a value the payload schema refuses fails the statement: no job at all", async () => {
    const before = (await jobs()).length;
    await expect(
      orm.em.fork().transactional((tx) => addRows(tx, [invitationId(), "not-a-uuid"], "preserve_run_at")),
    ).rejects.toThrow(/uuid/);
    expect(await jobs()).toHaveLength(before);
  });

  it("refuses payload fields the task does not take when the SQL is built", () => {
    expect(() =>
      addJobsSql({
        task: "sync-listing",
        from: "listing l",
        // @ts-expect-error: sync-listing takes { listingId }
        payload: { listingId: "l.id", extra: "l.variant_id" },
        jobKeyMode: "replace",
      }),
    ).toThrow('task "sync-listing" takes {listingId}, not {extra, listingId}');
  });
});
