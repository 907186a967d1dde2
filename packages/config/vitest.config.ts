import { testTiers } from "@syncstore/vitest-config";
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // unit: *.test.ts (sockets refused); integration: *.int.test.ts.
    projects: testTiers({ roots: ["src"] }),
    // On in `npm test` (COVERAGE=1), which prints the summary and fails below the thresholds.
    coverage: {
      enabled: process.env.COVERAGE === "1",
      provider: "v8",
      include: ["src/**/*.ts"],
      exclude: ["src/**/*.test.ts", "src/**/testing/**"],
      // json: merged with the other packages' runs at the end of `npm test` (tooling/scripts/coverage.ts).
      reporter: ["text-summary", "json"],
      reportOnFailure: true,
      // What this package reached when the thresholds were set (issue 15); raise them as tests grow.
      thresholds: { lines: 96, statements: 95, functions: 90, branches: 85 },
    },
  },
});
