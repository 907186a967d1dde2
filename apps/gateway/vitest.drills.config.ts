import { vitestConfig } from "@syncstore/db/vitest-config";
import { defineConfig } from "vitest/config";

// Failure drills with real processes (`pnpm test:drills`, its own turbo task so it runs beside the
// other packages' tests): slow by nature, so they are kept out of `pnpm test`. Each drill starts
// the PostgreSQL it needs; none uses the template database.
const base = vitestConfig({ database: false });

export default defineConfig({
  ...base,
  test: {
    ...base.test,
    // One plain project: the unit/integration tiers would pick up the drills (and refuse their
    // sockets) and run the gateway's own tests a second time.
    projects: undefined,
    include: ["test/drills/**/*.drill.ts"],
    testTimeout: 300_000,
    hookTimeout: 120_000,
    // The drills exercise other processes; the gateway's coverage is measured by its own tests
    // (which run at the same time and own the coverage directory).
    coverage: { ...base.test?.coverage, enabled: false },
  },
});
