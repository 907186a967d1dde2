import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiHarness, type ApiHarness } from "../testing/harness";
import { allowanceFor, ApiRateCounter, RateLimitedError } from "./rate-limit";

let h: ApiHarness;
beforeAll(async () => {
  h = await createApiHarness({}, { cache: false });
}, 60_000);
afterAll(() => h?.close());

/** Outcomes of `calls` calls, one after another, on the given counters in turn. */
async function outcomes(counters: ApiRateCounter[], key: string, limit: number, calls: number) {
  const results: ("ok" | "refused")[] = [];
  for (let i = 0; i < calls; i++) {
    try {
      await counters[i % counters.length]!.consume([{ key, limit }]);
      results.push("ok");
    } catch (error) {
      if (!(error instanceof RateLimitedError)) throw error;
      results.push("refused");
    }
  }
  return results;
}

describe("API rate counter allowances", () => {
  it("admits exactly the limit in one process, most calls from its allowance without a statement", async () => {
    const limit = 200;
    expect(allowanceFor(limit)).toBe(10);
    const results = await outcomes([new ApiRateCounter(() => h.orm.em.fork())], "api:user:allowance-one", limit, 230);
    expect(results.filter((r) => r === "ok")).toHaveLength(limit);
    expect(results.slice(0, limit).every((r) => r === "ok")).toBe(true);
    // Counted in advance, never past what was admitted plus one allowance a statement asked for.
    const [row] = await h.query<{ count: number }>(`select count from rate_limit where key = 'api:user:allowance-one'`);
    expect(row!.count).toBeGreaterThanOrEqual(limit);
  });

  it("never admits more than the limit across replicas, each with its own allowance", async () => {
    const limit = 100;
    const replicas = [0, 1, 2].map(() => new ApiRateCounter(() => h.orm.em.fork()));
    const results = await outcomes(replicas, "api:user:allowance-three", limit, 160);
    const admitted = results.filter((r) => r === "ok").length;
    expect(admitted).toBeLessThanOrEqual(limit);
    // What the other replicas reserved and did not use is the most that is refused early.
    expect(admitted).toBeGreaterThanOrEqual(limit - (replicas.length - 1) * allowanceFor(limit));
  });

  it("reserves nothing under small limits, so they stay exact per call", async () => {
    expect(allowanceFor(19)).toBe(0);
    const replicas = [0, 1].map(() => new ApiRateCounter(() => h.orm.em.fork()));
    const results = await outcomes(replicas, "api:user:allowance-small", 10, 14);
    expect(results).toEqual([...Array(10).fill("ok"), ...Array(4).fill("refused")]);
  });
});
