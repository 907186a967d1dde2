import { describe, expect, it } from "vitest";
import { analyticsSearchSchema, rangeOf, todayIn } from "./filters";

describe("todayIn", () => {
  const at = new Date("2026-12-03T17:30:00Z");
  it.each([
    ["UTC", "2026-12-03"],
    ["Asia/Singapore", "2026-12-04"],
    ["America/Los_Angeles", "2026-12-03"],
    ["Pacific/Kiritimati", "2026-12-04"],
    ["Not/AZone", "2026-12-03"],
  ])("in %s it is %s", (zone, day) => {
    expect(todayIn(zone, at)).toBe(day);
  });
});

describe("rangeOf", () => {
  const search = (query: Record<string, string>) => analyticsSearchSchema.parse(query);
  it.each([
    [{ range: "7d" }, "2026-11-27", "2026-12-03"],
    [{}, "2026-11-04", "2026-12-03"],
    [{ range: "custom", from: "2026-01-01", to: "2026-01-31" }, "2026-01-01", "2026-01-31"],
    // A custom range the wrong way round falls back to the default preset.
    [{ range: "custom", from: "2026-02-01", to: "2026-01-01" }, "2026-11-04", "2026-12-03"],
  ])("%o selects %s to %s when today is 2026-12-04", (query, from, to) => {
    expect(rangeOf(search(query), "2026-12-04")).toEqual({ from, to });
  });
});
