import { describe, expect, it } from "vitest";
import { callbackOutcome, formatQuota, statusDisplay } from "./connection-display";

describe("formatQuota", () => {
  it("shows what the platform reported", () => {
    expect(formatQuota(null)).toBe("Not reported");
    expect(formatQuota({ limit: null, remaining: null, resetAt: null })).toBe("Not reported");
    expect(formatQuota({ limit: 50, remaining: 42, resetAt: null })).toBe("42 / 50 left");
    expect(formatQuota({ limit: null, remaining: 7, resetAt: null })).toBe("7 left");
    expect(formatQuota({ limit: 50, remaining: null, resetAt: null })).toBe("limit 50");
  });
});

describe("callbackOutcome", () => {
  it("reads connected and error outcomes", () => {
    expect(callbackOutcome(new URLSearchParams("connected=tiktok"))).toEqual({ kind: "connected", platform: "tiktok" });
    expect(callbackOutcome(new URLSearchParams("error=Nope"))).toEqual({ kind: "error", message: "Nope" });
    expect(callbackOutcome(new URLSearchParams("connected=amazon"))).toBeNull();
    expect(callbackOutcome(new URLSearchParams(""))).toBeNull();
  });
});

describe("statusDisplay", () => {
  it("labels every status", () => {
    expect(Object.keys(statusDisplay).sort()).toEqual(["active", "disconnected", "error", "expiring", "needs_reauth"]);
  });
});
