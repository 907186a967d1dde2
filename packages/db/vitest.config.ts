import { defineConfig } from "vitest/config";
import { vitestConfig } from "./src/testing/vitest-config";

// Coverage this package reached when the thresholds were set (issue 15, measured on a loaded machine); raise them as tests grow.
export default defineConfig(
  vitestConfig({ coverageThresholds: { lines: 66, statements: 66, functions: 55, branches: 65 } }),
);
