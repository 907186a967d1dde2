import { describe, expect, it } from "vitest";
import { countOf } from "./plural";

describe("countOf", () => {
  it.each([
    [0, "variant", undefined, "0 variants"],
    [1, "variant", undefined, "1 variant"],
    [2, "row", undefined, "2 rows"],
    [1200, "row", undefined, "1,200 rows"],
    [-1, "unit", undefined, "-1 unit"],
    [3, "change", undefined, "3 changes"],
    [2, "property", "properties", "2 properties"],
  ])("%d %s", (count, one, other, expected) => {
    expect(countOf(count, one, other)).toBe(expected);
  });
});
