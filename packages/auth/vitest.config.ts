import { vitestConfig } from "@syncstore/db/vitest-config";
import { defineConfig } from "vitest/config";

// Coverage this package reached when the thresholds were set (issue 15); raise them as tests grow.
export default defineConfig(
  vitestConfig({ coverageThresholds: { lines: 86, statements: 85, functions: 90, branches: 75 } }),
);
