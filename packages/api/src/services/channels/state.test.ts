import { DomainError } from "@syncstore/domain";
import { describe, expect, it } from "vitest";
import { CONNECT_STATE_TTL_SECONDS, signConnectState, verifyConnectState } from "./state";

const secret = "state-secret-state-secret-state-secret-01";
const payload = { organizationId: "org-1", userId: "user-1", platform: "shopee" as const };

function codeOf(run: () => unknown): string | null {
  try {
    run();
    return null;
  } catch (error) {
    if (error instanceof DomainError) return error.code;
    throw error;
  }
}

describe("connect state", () => {
  it("round-trips the organization, user and platform", () => {
    const now = new Date("2026-11-24T00:00:00Z");
    const state = signConnectState(secret, payload, now);
    expect(verifyConnectState(secret, state, now)).toEqual({
      ...payload,
      exp: now.getTime() / 1000 + CONNECT_STATE_TTL_SECONDS,
    });
  });

  it("refuses a tampered payload", () => {
    const [, signature] = signConnectState(secret, payload).split(".");
    const forged = Buffer.from(JSON.stringify({ ...payload, organizationId: "org-2", exp: 4_000_000_000 })).toString(
      "base64url",
    );
    expect(codeOf(() => verifyConnectState(secret, `${forged}.${signature}`))).toBe("INVALID");
  });

  it("refuses a tampered signature and another secret", () => {
    const state = signConnectState(secret, payload);
    const flipped = state.slice(0, -2) + (state.endsWith("AA") ? "BB" : "AA");
    expect(codeOf(() => verifyConnectState(secret, flipped))).toBe("INVALID");
    expect(codeOf(() => verifyConnectState(`${secret}x`, state))).toBe("INVALID");
  });

  it("refuses malformed values", () => {
    for (const value of ["", "abc", "a.b.c", "e30.AAAA"])
      expect(codeOf(() => verifyConnectState(secret, value))).toBe("INVALID");
  });

  it("refuses an expired state", () => {
    const issued = new Date("2026-11-24T00:00:00Z");
    const state = signConnectState(secret, payload, issued);
    const later = new Date(issued.getTime() + (CONNECT_STATE_TTL_SECONDS + 1) * 1000);
    expect(codeOf(() => verifyConnectState(secret, state, later))).toBe("EXPIRED");
  });
});
