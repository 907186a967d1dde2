import { testTiers } from "@syncstore/vitest-config";
import { defineConfig } from "vitest/config";

// The simulator's HTTP tests start servers on random ports: they are the integration tier.
export default defineConfig({ test: { testTimeout: 15_000, projects: testTiers() } });
