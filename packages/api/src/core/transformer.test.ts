import superjson from "superjson";
import { describe, expect, it } from "vitest";
import { transformer } from "./transformer";

/** What the web app's client gets: the wire JSON decoded by superjson. */
const roundTrip = (encode: (value: unknown) => unknown, value: unknown) =>
  superjson.deserialize(JSON.parse(JSON.stringify(encode(value))));

const date = new Date("2026-12-04T17:20:00.123Z");
const shared = { k: 1 };

describe("the tRPC transformer", () => {
  it.each([
    ["a grid block", { rows: [{ sku: "A-1", price: 1999, updatedAt: date, tags: ["x"], cost: null }], total: 1 }],
    ["keys with dots and backslashes", { "a.b": new Date(0), "c\\d": { "e.f": new Date(1) } }],
    ["a list of Dates", [new Date(2), new Date(3)]],
    ["nothing special", { a: 1, b: "two", c: [true, false, null] }],
    ["an empty object", {}],
    ["a null prototype", Object.assign(Object.create(null) as object, { at: new Date(4) })],
  ])("writes exactly what superjson writes for %s", (_label, value) => {
    expect(JSON.stringify(transformer.serialize(value))).toBe(JSON.stringify(superjson.serialize(value)));
    expect(roundTrip(transformer.serialize, value)).toEqual(value);
  });

  it.each([
    ["undefined in an object", { a: undefined, b: 1 }],
    ["a top-level Date", date],
    ["a top-level string", "text"],
    ["undefined", undefined],
    ["NaN and -0", { a: Number.NaN, b: -0, c: Number.POSITIVE_INFINITY }],
    ["an invalid Date", { at: new Date("nope") }],
    ["a Map and a Set", { m: new Map([["k", 1]]), s: new Set([1]) }],
    ["a BigInt", { n: 10n }],
    ["one object twice", { a: shared, b: shared }],
    ["one Date twice", { a: date, b: date }],
    ["a class instance", { e: new Error("boom") }],
  ])("hands %s to superjson", (_label, value) => {
    expect(transformer.serialize(value)).toEqual(superjson.serialize(value));
  });

  it("sends the value itself, not a copy, on the fast path", () => {
    const value = { rows: [{ at: date }] };
    expect(transformer.serialize(value).json).toBe(value);
  });

  it("decodes what the client sends (superjson)", () => {
    const input = { startRow: 0, since: date, skip: undefined };
    expect(transformer.deserialize(superjson.serialize(input))).toEqual(input);
  });
});
