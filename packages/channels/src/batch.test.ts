import { describe, expect, it } from "vitest";
import { chunk, planBatches, SHOPEE_BATCH_LIMIT, supersededEntries, TIKTOK_BATCH_LIMIT } from "./batch";
import { runBatches, withLocalValidation } from "./batch-run";
import { ChannelError } from "./errors";

interface Update {
  productId: string;
  variantId: string;
  value: number;
}

const updates = (productId: string, count: number, start = 0): Update[] =>
  Array.from({ length: count }, (_, index) => ({ productId, variantId: String(start + index), value: index }));
const key = (update: Update) => update.variantId;

describe("chunk", () => {
  it("splits at the size and refuses nonsense sizes", () => {
    expect(chunk([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
    expect(chunk([], 50)).toEqual([]);
    expect(() => chunk([1], 0)).toThrow(RangeError);
  });
});

describe("planBatches", () => {
  it("splits one Shopee item with 120 models into 50 + 50 + 20", () => {
    const plan = planBatches(updates("item-1", 120), key, SHOPEE_BATCH_LIMIT);
    expect(plan.map((c) => [c.productId, c.entries.length])).toEqual([
      ["item-1", 50],
      ["item-1", 50],
      ["item-1", 20],
    ]);
    expect(plan.flatMap((c) => c.entries.map((e) => e.variantId))).toEqual(
      updates("item-1", 120).map((u) => u.variantId),
    );
  });

  it("never mixes products in one call and keeps first-seen product order", () => {
    const mixed = [...updates("b", 2), ...updates("a", 101), ...updates("b", 1, 2)];
    const plan = planBatches(mixed, key, TIKTOK_BATCH_LIMIT);
    expect(plan.map((c) => [c.productId, c.entries.length])).toEqual([
      ["b", 3],
      ["a", 100],
      ["a", 1],
    ]);
  });

  it("lets the later update of a variant win without duplicating it", () => {
    const first = { productId: "p", variantId: "1", value: 1 };
    const second = { productId: "p", variantId: "2", value: 2 };
    const newer = { productId: "p", variantId: "1", value: 3 };
    expect(planBatches([first, second, newer], key, 50)).toEqual([{ productId: "p", entries: [newer, second] }]);
    expect(supersededEntries([first, second, newer], key)).toEqual([first]);
  });
});

describe("runBatches", () => {
  const plan = planBatches(updates("p", 120), key, 50);

  it("collects per-entry failures and successes", async () => {
    const result = await runBatches(plan, [], async (c) =>
      c.entries
        .filter((e) => e.variantId === "7")
        .map((update) => ({ update, error: new ChannelError("VALIDATION", "bad") })),
    );
    expect(result.calls).toBe(3);
    expect(result.succeeded).toHaveLength(119);
    expect(result.failed.map((f) => f.update.variantId)).toEqual(["7"]);
  });

  it("fails a chunk on a transient error but carries on", async () => {
    let call = 0;
    const result = await runBatches(plan, [], async () => {
      call += 1;
      if (call === 2) throw new ChannelError("TRANSIENT", "blip");
      return [];
    });
    expect(result.calls).toBe(3);
    expect(result.failed).toHaveLength(50);
    expect(result.succeeded).toHaveLength(70);
  });

  it("stops after a rate limit and fails the rest with it", async () => {
    const limited = new ChannelError("RATE_LIMITED", "slow down", { retryAfterMs: 1000 });
    let call = 0;
    const result = await runBatches(plan, [], async () => {
      call += 1;
      if (call === 2) throw limited;
      return [];
    });
    expect(result.calls).toBe(2);
    expect(result.succeeded).toHaveLength(50);
    expect(result.failed).toHaveLength(70);
    expect(result.failed.every((f) => f.error === limited)).toBe(true);
  });

  it("rethrows programming errors", async () => {
    await expect(runBatches(plan, [], async () => Promise.reject(new TypeError("bug")))).rejects.toThrow(TypeError);
  });
});

describe("withLocalValidation", () => {
  it("fails invalid entries alone and sends the rest", async () => {
    const all = updates("p", 3);
    const result = await withLocalValidation(
      all,
      (u) => {
        if (u.variantId === "1") throw new ChannelError("VALIDATION", "nope");
      },
      async (valid) => ({ succeeded: valid, failed: [], calls: 1 }),
    );
    expect(result.succeeded.map((u) => u.variantId)).toEqual(["0", "2"]);
    expect(result.failed.map((f) => f.update.variantId)).toEqual(["1"]);
  });
});
