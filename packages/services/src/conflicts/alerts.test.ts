import { randomUUID } from "node:crypto";
import { MAX_REALTIME_PAYLOAD_BYTES } from "@syncstore/realtime";
import { describe, expect, it } from "vitest";
import { CONFLICT_IDS_PER_EVENT, conflictsChanged } from "./alerts";

const opened = (n: number) => Array.from({ length: n }, () => ({ id: randomUUID(), listingId: randomUUID() }));
const ids = (n: number) => Array.from({ length: n }, () => randomUUID());

describe("conflictsChanged", () => {
  it("says nothing when nothing changed", () => {
    expect(conflictsChanged([{ opened: [], closed: [], decided: [] }])).toEqual([]);
  });

  it.each([
    ["one opened conflict", 1, 0, 1],
    ["exactly one event's worth", CONFLICT_IDS_PER_EVENT, 0, 1],
    ["a pass that opens 100", 100, 0, 3],
    ["a bulk resolution closing 250", 0, 250, 7],
    ["both at once", 90, 130, 4],
  ])("%s: every id once, in events under the realtime limit", (_, openCount, closedCount, events) => {
    const open = opened(openCount);
    const closed = ids(closedCount);
    const payloads = conflictsChanged([{ opened: open, closed, decided: [] }]);
    expect(payloads).toHaveLength(events);
    expect(payloads.flatMap((p) => p.opened)).toEqual(open.map((c) => c.id));
    expect(payloads.flatMap((p) => p.closed)).toEqual(closed);
    expect(payloads.flatMap((p) => p.listingIds)).toEqual(open.map((c) => c.listingId));
    for (const payload of payloads)
      expect(Buffer.byteLength(JSON.stringify(payload))).toBeLessThanOrEqual(MAX_REALTIME_PAYLOAD_BYTES);
  });

  it("adds the listings a resolution touched, once each", () => {
    const listing = randomUUID();
    const [payload] = conflictsChanged([{ opened: [], closed: ids(2), decided: [] }], [listing, listing]);
    expect(payload?.listingIds).toEqual([listing]);
  });
});
