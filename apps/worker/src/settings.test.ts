import { describe, expect, it } from "vitest";
import { defaultPreset, LOCAL_QUEUE_SIZE, poolSizeFor, tunedPreset } from "./settings";

describe("worker settings", () => {
  it.each([
    [1, 10],
    [8, 10],
    [9, 11],
    [32, 34],
  ])("concurrency %i gets a pool of %i connections (every job, plus fetching and completing)", (concurrency, size) => {
    expect(poolSizeFor(concurrency)).toBe(size);
  });

  it("the benchmark baseline is graphile-worker's defaults at the same concurrency", () => {
    expect(defaultPreset({ concurrency: 16 })).toEqual({ worker: { concurrentJobs: 16, maxPoolSize: 18 } });
  });

  it("the tuned preset batches fetching and completions on top of the same pool", () => {
    const worker = tunedPreset({ concurrency: 16 }).worker;
    expect(worker).toMatchObject({
      concurrentJobs: 16,
      maxPoolSize: 18,
      localQueue: { size: LOCAL_QUEUE_SIZE },
      completeJobBatchDelay: 0,
      failJobBatchDelay: 0,
    });
  });
});
