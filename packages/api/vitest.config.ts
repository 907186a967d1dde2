import { vitestConfig } from "@syncstore/db/vitest-config";
import { defineConfig } from "vitest/config";

// Statements as measured when the threshold was set (issue 15: 89.6 %); the other figures are added
// when a full run on a quiet machine gives them. Raise as tests grow.
export default defineConfig(vitestConfig({ coverageThresholds: { statements: 89 } }));
