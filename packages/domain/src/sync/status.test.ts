import { describe, expect, it } from "vitest";
import { worstSyncStatus } from "./status";

describe("worstSyncStatus", () => {
  it("is not listed without counting listings", () => {
    expect(worstSyncStatus([])).toBe("not_listed");
    expect(worstSyncStatus(["disabled", "unlinked"])).toBe("not_listed");
  });

  it("takes the worst state: failed, conflict, syncing, pending, in sync", () => {
    expect(worstSyncStatus(["in_sync", "pending"])).toBe("pending");
    expect(worstSyncStatus(["pending", "syncing", "in_sync"])).toBe("syncing");
    expect(worstSyncStatus(["conflict", "syncing"])).toBe("conflict");
    expect(worstSyncStatus(["in_sync", "failed", "conflict"])).toBe("failed");
    expect(worstSyncStatus(["in_sync", "disabled"])).toBe("in_sync");
  });
});
