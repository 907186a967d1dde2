import { describe, expect, it } from "vitest";
import { ageOf } from "./display";

describe("ageOf", () => {
  const now = Date.parse("2026-12-06T12:00:00Z");
  it.each([
    ["seconds", 10_000, "less than a minute ago"],
    ["minutes", 5 * 60_000, "5 minutes ago"],
    ["hours", 3 * 3_600_000, "about 3 hours ago"],
    ["days", 3 * 86_400_000, "3 days ago"],
    // A detection stamped by a server clock slightly ahead of the browser's is not "in" the future.
    ["the future", -30_000, "less than a minute ago"],
  ])("words an age of %s as every other page does", (_, ago, expected) => {
    expect(ageOf(new Date(now - ago), now)).toBe(expected);
  });
});
