import { describe, expect, it } from "vitest";
import { csvCell, csvLine } from "./csv";
import {
  abcClasses,
  daysOfCover,
  histogramPercentile,
  latencyBucket,
  latencyBucketsMs,
  nearestRank,
  sellThrough,
} from "./metrics";
import { deriveDailyFromSnapshots } from "./snapshots";

describe("stock and product formulas", () => {
  it("sell-through and days of cover", () => {
    expect(sellThrough(30, 70)).toBeCloseTo(0.3);
    expect(sellThrough(0, 0)).toBeNull();
    expect(daysOfCover(60, 30, 30)).toBe(60);
    expect(daysOfCover(10, 0, 30)).toBeNull();
  });

  it("ABC classes split revenue 80 / 15 / 5", () => {
    const classes = abcClasses([
      { key: "a", revenue: 700 },
      { key: "b", revenue: 150 },
      { key: "c", revenue: 100 },
      { key: "d", revenue: 50 },
      { key: "e", revenue: 0 },
    ]);
    expect([...classes.entries()]).toEqual([
      ["a", "A"],
      ["b", "A"],
      ["c", "B"],
      ["d", "C"],
      ["e", "C"],
    ]);
  });

  it("latency percentiles from a histogram never fall below the exact value", () => {
    const values = [12, 40, 90, 120, 180, 250, 400, 800, 1200, 4000];
    const histogram = Array.from({ length: latencyBucketsMs.length + 1 }, () => 0);
    for (const value of values) histogram[latencyBucket(value)] = (histogram[latencyBucket(value)] ?? 0) + 1;
    expect(nearestRank(values, 0.5)).toBe(180);
    expect(histogramPercentile(histogram, 0.5)).toBe(200);
    expect(histogramPercentile(histogram, 0.95)).toBe(5000);
    expect(histogramPercentile([], 0.5)).toBeNull();
  });
});

describe("Shopee snapshots", () => {
  it("derives day D from the first snapshots of D and D+1, skipping gaps and never going negative", () => {
    expect(
      deriveDailyFromSnapshots([
        { date: "2026-03-01", views: 100, sales: 5, likes: 5 },
        { date: "2026-03-02", views: 140, sales: 7, likes: 7 },
        { date: "2026-03-04", views: 200, sales: 9, likes: 9 },
        { date: "2026-03-05", views: 190, sales: 10, likes: 9 },
      ]),
    ).toEqual([
      { date: "2026-03-01", views: 40, sales: 2, likes: 2, derived: true },
      { date: "2026-03-04", views: 0, sales: 1, likes: 0, derived: true },
    ]);
  });
});

describe("spreadsheet-safe CSV", () => {
  it("neutralises formulas but keeps negative numbers, quotes separators, writes ISO dates", () => {
    expect(csvCell('=HYPERLINK("x")')).toBe('"\'=HYPERLINK(""x"")"');
    expect(csvCell("+1+1")).toBe("'+1+1");
    expect(csvCell("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(csvCell("-12.50")).toBe("-12.50");
    expect(csvCell("-x")).toBe("'-x");
    expect(csvCell("a,b")).toBe('"a,b"');
    expect(csvCell(new Date("2026-03-01T10:00:00Z"))).toBe("2026-03-01T10:00:00.000Z");
    expect(csvLine(["x", 1, null])).toBe("x,1,\r\n");
  });
});
