import { describe, expect, it } from "vitest";
import { parseDay, toChartBars } from "./chart-days";

describe("parseDay", () => {
  it("reads a calendar day in local time", () => {
    const date = parseDay("2026-03-01");
    expect([date.getFullYear(), date.getMonth(), date.getDate()]).toEqual([2026, 2, 1]);
  });
});

describe("toChartBars", () => {
  it("scales to the busiest day and keeps small days visible", () => {
    const bars = toChartBars(
      [
        { day: "2026-03-01", count: 0 },
        { day: "2026-03-02", count: 1 },
        { day: "2026-03-03", count: 50 },
      ],
      "en-US",
    );
    expect(bars.map((b) => b.heightPercent)).toEqual([0, 4, 100]);
    expect(bars[0]?.label).toBe("Sun");
  });

  it("draws nothing tall for an empty week", () => {
    expect(toChartBars([{ day: "2026-03-01", count: 0 }]).map((b) => b.heightPercent)).toEqual([0]);
  });
});
