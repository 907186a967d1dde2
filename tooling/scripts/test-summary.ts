/**
 * Reads test counts from the output of `turbo run test` (vitest) and `turbo run test:e2e`
 * (Playwright). Parsing the printed summaries works for every package whatever its reporter
 * settings, and needs no extra environment variable to get through turbo's strict env mode.
 */
import { stripVTControlCharacters } from "node:util";

export interface Counts {
  passed: number;
  failed: number;
}

/** Drops colours and turbo's `@scope/package:task: ` prefix. */
function clean(line: string): string {
  return stripVTControlCharacters(line).replace(/^\S+: /, "");
}

/** Sums vitest's `Tests  1 failed | 4 passed (5)` lines (one per package). */
export function vitestCounts(output: string): Counts {
  const counts = { passed: 0, failed: 0 };
  for (const line of output.split("\n").map(clean)) {
    const summary = /^\s*Tests\s{2,}(.+)\(\d+\)\s*$/.exec(line)?.[1];
    if (!summary) continue;
    counts.passed += Number(/(\d+) passed/.exec(summary)?.[1] ?? 0);
    counts.failed += Number(/(\d+) failed/.exec(summary)?.[1] ?? 0);
  }
  return counts;
}

/** Sums Playwright's `  3 passed (12.0s)`, `  1 failed`, `  1 flaky` lines; flaky tests passed on retry. */
export function playwrightCounts(output: string): Counts {
  const counts = { passed: 0, failed: 0 };
  for (const line of output.split("\n").map(clean)) {
    const match = /^\s*(\d+) (passed|failed|flaky)\b/.exec(line);
    if (!match) continue;
    if (match[2] === "failed") counts.failed += Number(match[1]);
    else counts.passed += Number(match[1]);
  }
  return counts;
}
