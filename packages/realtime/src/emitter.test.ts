import { describe, expect, it } from "vitest";
import {
  createRealtimeEmitter,
  MAX_REALTIME_PAYLOAD_BYTES,
  REALTIME_CHANNEL_PREFIX,
  RealtimePayloadTooLargeError,
  type RealtimeQueryable,
} from "./emitter";

function recorder(fail?: Error) {
  const calls: { text: string; values: unknown[] | undefined }[] = [];
  const queryable: RealtimeQueryable = {
    query(text, values) {
      calls.push({ text, values });
      return fail ? Promise.reject(fail) : Promise.resolve({ rows: [] });
    },
  };
  return { calls, queryable };
}

const audit = {
  id: "a1",
  action: "member.invite",
  entity: "invitation",
  entityId: "i1",
  actorName: "Ada",
  at: "2025-01-01T00:00:00.000Z",
};

describe("createRealtimeEmitter", () => {
  it("publishes one NOTIFY on the namespace channel targeting the organization room", async () => {
    const { calls, queryable } = recorder();
    await createRealtimeEmitter(queryable).toOrganization("o1").emit("audit.created", audit);
    expect(calls).toHaveLength(1);
    const [call] = calls;
    expect(call?.text).toBe("SELECT pg_notify($1, $2)");
    expect(call?.values?.[0]).toBe(`${REALTIME_CHANNEL_PREFIX}#/`);
    const document = JSON.parse(String(call?.values?.[1])) as {
      nsp: string;
      data: { packet: { data: unknown[] }; opts: { rooms: string[] } };
    };
    // postgres-adapter routes by the top-level namespace; without it the event is dropped.
    expect(document.nsp).toBe("/");
    expect(document.data.opts.rooms).toEqual(["org:o1"]);
    expect(document.data.packet.data).toEqual(["audit.created", audit]);
  });

  it("rejects with the database error instead of swallowing it", async () => {
    const failure = new Error("connection terminated");
    const { calls, queryable } = recorder(failure);
    await expect(
      createRealtimeEmitter(queryable).emitToOrganization("o1", "team.changed", { reason: "member.added" }),
    ).rejects.toBe(failure);
    // The library must not have retried by publishing an "error" event.
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(calls).toHaveLength(1);
  });

  it("refuses payloads too big for NOTIFY", async () => {
    const { calls, queryable } = recorder();
    const big = { ...audit, action: "x".repeat(MAX_REALTIME_PAYLOAD_BYTES) };
    await expect(
      createRealtimeEmitter(queryable).toOrganization("o1").emit("audit.created", big),
    ).rejects.toBeInstanceOf(RealtimePayloadTooLargeError);
    expect(calls).toHaveLength(0);
  });
});
