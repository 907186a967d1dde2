import { vitestConfig } from "@syncstore/db/vitest-config";
import { defineConfig } from "vitest/config";

// Coverage this package reached when the thresholds were set (issue 15). The listing bulk actions added
// on 2026-12-03 are tested from @syncstore/api, which this figure does not count.
// Raise them as the package's own tests grow.
export default defineConfig(
  vitestConfig({ coverageThresholds: { lines: 59, statements: 57, functions: 52, branches: 48 } }),
);
