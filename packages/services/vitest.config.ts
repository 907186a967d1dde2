import { vitestConfig } from "@syncstore/db/vitest-config";
import { defineConfig } from "vitest/config";

// This package's own tests over its own files, as measured when the thresholds were set (issue 15:
// 61.6 % lines, 59.2 % statements, 56.5 % functions, 49.8 % branches), less a little for the CI
// machine. Much of the package (catalog import and bulk edits, listing bulk actions and publishing,
// inventory adjustments) is tested through @syncstore/api's procedures: counting every package's
// tests, `npm test` reports ~90 % lines for it and holds it to the merged thresholds in
// tooling/scripts/coverage.ts. Raise both as tests grow.
export default defineConfig(
  vitestConfig({ coverageThresholds: { lines: 60, statements: 58, functions: 55, branches: 48 } }),
);
