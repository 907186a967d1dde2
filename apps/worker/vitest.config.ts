import { vitestConfig } from "@syncstore/db/vitest-config";
import { defineConfig } from "vitest/config";

// Coverage this package reached when the thresholds were set (issue 15, measured on a loaded machine); raise them as tests grow.
export default defineConfig(
  vitestConfig({ coverageThresholds: { lines: 64, statements: 59, functions: 55, branches: 62 } }),
);
