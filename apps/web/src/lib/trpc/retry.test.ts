import { describe, expect, it } from "vitest";
import { shouldRetryQuery } from "./retry";

describe("shouldRetryQuery", () => {
  it("does not retry refusals", () => {
    expect(shouldRetryQuery(0, { message: "x", data: { code: "FORBIDDEN" } })).toBe(false);
    expect(shouldRetryQuery(0, { message: "x", data: { code: "UNAUTHORIZED" } })).toBe(false);
  });

  it("retries server and network failures twice", () => {
    const error = { message: "x", data: { code: "INTERNAL_SERVER_ERROR" } };
    expect(shouldRetryQuery(0, error)).toBe(true);
    expect(shouldRetryQuery(1, new TypeError("Failed to fetch"))).toBe(true);
    expect(shouldRetryQuery(2, error)).toBe(false);
  });
});
