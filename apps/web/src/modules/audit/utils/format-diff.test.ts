import { describe, expect, it } from "vitest";
import { formatDiff, formatValue } from "./format-diff";

describe("formatDiff", () => {
  it("reads per-field changes", () => {
    expect(formatDiff({ role: { before: "viewer", after: "editor" }, name: { before: null, after: "Acme" } })).toEqual([
      { field: "name", before: null, after: "Acme", kind: "added" },
      { field: "role", before: "viewer", after: "editor", kind: "changed" },
    ]);
  });

  it("compares snapshots field by field, nested fields as paths, leaving out what did not change", () => {
    const rows = formatDiff({
      before: { role: "viewer", email: "a@b.c", settings: { locale: "en", tz: "UTC" } },
      after: { role: "editor", email: "a@b.c", settings: { locale: "th", tz: "UTC" }, note: "promoted" },
    });
    expect(rows).toEqual([
      { field: "note", before: null, after: "promoted", kind: "added" },
      { field: "role", before: "viewer", after: "editor", kind: "changed" },
      { field: "settings.locale", before: "en", after: "th", kind: "changed" },
    ]);
  });

  it("shows a deletion as removed fields", () => {
    expect(formatDiff({ before: { email: "x@y.z" }, after: null })).toEqual([
      { field: "email", before: "x@y.z", after: null, kind: "removed" },
    ]);
  });

  it("treats a bare before/after of plain values as one change", () => {
    expect(formatDiff({ before: 1, after: 2 })).toEqual([{ field: "value", before: "1", after: "2", kind: "changed" }]);
  });

  it("shows values that are not changes as added", () => {
    expect(formatDiff({ ids: ["a", "b"] })).toEqual([
      { field: "ids", before: null, after: '["a","b"]', kind: "added" },
    ]);
  });

  it("returns nothing for empty or malformed diffs", () => {
    expect(formatDiff(null)).toEqual([]);
    expect(formatDiff("oops")).toEqual([]);
    expect(formatDiff({})).toEqual([]);
  });
});

describe("formatValue", () => {
  it("formats each kind of value on one line", () => {
    expect(formatValue(undefined)).toBeNull();
    expect(formatValue(false)).toBe("false");
    expect(formatValue(new Date("2026-03-01T00:00:00Z"))).toBe("2026-03-01T00:00:00.000Z");
    expect(formatValue({ a: 1 })).toBe('{"a":1}');
  });
});
