import { describe, expect, it } from "vitest";
import { conflictFiltersToSearch, parseConflictFilters, toConflictListInput } from "./conflict-filters";

describe("conflict filters in the URL", () => {
  it("keeps valid values and drops the rest", () => {
    const filters = parseConflictFilters(new URLSearchParams("group=price&age=7d&shop=nope"));
    expect(filters).toEqual({ group: "price", age: "7d" });
    expect(conflictFiltersToSearch(filters)).toBe("?group=price&age=7d");
    expect(toConflictListInput(filters)).toEqual({ fieldGroup: "price", age: "7d" });
  });
});
