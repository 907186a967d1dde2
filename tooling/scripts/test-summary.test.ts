import { describe, expect, it } from "vitest";
import { playwrightCounts, vitestCounts } from "./test-summary";

describe("vitestCounts", () => {
  it("sums the Tests lines of every package and ignores Test Files", () => {
    const output = [
      "@syncstore/db:test:  Test Files  2 passed (2)",
      "@syncstore/db:test:       Tests  5 passed (5)",
      "@syncstore/api:test:  Test Files  1 failed | 3 passed (4)",
      "@syncstore/api:test: \u001b[2m      Tests \u001b[22m 2 failed | 10 passed | 1 skipped (13)",
    ].join("\n");
    expect(vitestCounts(output)).toEqual({ passed: 15, failed: 2 });
  });

  it("counts nothing when no tests ran", () => {
    expect(vitestCounts("@syncstore/config:test: No test files found, exiting with code 0")).toEqual({
      passed: 0,
      failed: 0,
    });
  });
});

describe("playwrightCounts", () => {
  it("counts flaky tests as passed", () => {
    const output = [
      "@syncstore/web:test:e2e:   1 failed",
      "@syncstore/web:test:e2e:     [chromium] › team/invite.spec.ts:3:1 › invites a colleague",
      "@syncstore/web:test:e2e:   1 flaky",
      "@syncstore/web:test:e2e:   4 passed (31.2s)",
    ].join("\n");
    expect(playwrightCounts(output)).toEqual({ passed: 5, failed: 1 });
  });
});
