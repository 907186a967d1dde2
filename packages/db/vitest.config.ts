import { defineConfig } from "vitest/config";
import { vitestConfig } from "./src/testing/vitest-config";

// Coverage this package reached when the thresholds were set (issue 15: 86.8 % lines, 86.7 % statements,
// 70.4 % functions, 86.2 % branches), less a little for the CI machine; raise them as tests grow.
export default defineConfig(
  vitestConfig({ coverageThresholds: { lines: 84, statements: 84, functions: 68, branches: 84 } }),
);
