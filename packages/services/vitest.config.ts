import { vitestConfig } from "@syncstore/db/vitest-config";
import { defineConfig } from "vitest/config";

// Coverage this package reached when the thresholds were set (issue 15, measured on a loaded machine); raise them as tests grow.
export default defineConfig(
  vitestConfig({ coverageThresholds: { lines: 61, statements: 60, functions: 56, branches: 52 } }),
);
