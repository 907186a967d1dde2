import superjson from "superjson";
import { describe, expect, it } from "vitest";
import { markShared, SPLICE_MIN_BYTES, spliceSharedAnswers, transformer } from "./transformer";

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

/** What tRPC's fetch adapter does with a batch: one JSON.stringify of every call's encoded answer. */
const batchResponse = (answers: unknown[], status = 200) =>
  new Response(JSON.stringify(answers.map((data) => ({ result: { data: transformer.serialize(data) } }))), {
    status,
    headers: { "content-type": "application/json", vary: "trpc-accept, accept" },
  });

const expected = (answers: unknown[]) =>
  JSON.stringify(answers.map((data) => ({ result: { data: superjson.serialize(data) } })));

describe("shared answers spliced into responses", () => {
  /** A grid block's size: spliced answers are the large ones. */
  const block = (rows = 200) => {
    const value = {
      rows: Array.from({ length: rows }, (_, i) => ({ sku: `Ä-${i} "quoted" 🙂`, updatedAt: date, cost: null })),
      total: rows,
      totalExact: true,
    };
    markShared(value);
    return value;
  };

  it("writes the same bytes tRPC would, for a batch of one, again and again", async () => {
    const value = block();
    for (let i = 0; i < 3; i++) {
      let original: Response | undefined;
      const response = await spliceSharedAnswers(async () => (original = batchResponse([value])));
      expect(response).not.toBe(original); // spliced
      expect(response.status).toBe(200);
      expect(response.headers.get("vary")).toBe("trpc-accept, accept");
      expect(response.headers.get("content-type")).toBe("application/json");
      expect(await response.text()).toBe(expected([value]));
    }
  });

  it("splices several answers, shared or not, in their places, the same one twice too", async () => {
    const first = block();
    const second = block();
    const plain = { a: 1, at: date };
    const answers = [first, plain, second, first];
    const response = await spliceSharedAnswers(async () => batchResponse(answers, 207));
    expect(response.status).toBe(207);
    expect(await response.text()).toBe(expected(answers));
    // Alone again, in a new frame: its kept body belongs to another frame.
    expect(await (await spliceSharedAnswers(async () => batchResponse([plain, first]))).text()).toBe(
      expected([plain, first]),
    );
    expect(await (await spliceSharedAnswers(async () => batchResponse([first]))).text()).toBe(expected([first]));
  });

  it("leaves a response without large shared answers as it is, and encodes shared answers outside a response", async () => {
    expect(JSON.stringify(transformer.serialize(block())).length).toBeGreaterThan(SPLICE_MIN_BYTES);
    for (const answer of [{ a: 1 }, block(3)]) {
      expect(JSON.stringify(transformer.serialize(answer)).length).toBeLessThan(SPLICE_MIN_BYTES);
      let original: Response | undefined;
      const response = await spliceSharedAnswers(async () => (original = batchResponse([answer])));
      expect(response).toBe(original);
      expect(await response.text()).toBe(expected([answer]));
    }
    const value = block();
    expect(JSON.stringify(transformer.serialize(value))).toBe(JSON.stringify(superjson.serialize(value)));
  });

  it("does not take an answer's text that looks like a placeholder for one", async () => {
    const value = block();
    const lookalike = { note: "syncstore-shared-answer-00000000-0000-0000-0000-000000000000:0" };
    const response = await spliceSharedAnswers(async () => batchResponse([value, lookalike]));
    expect(await response.text()).toBe(expected([value, lookalike]));
  });
});
