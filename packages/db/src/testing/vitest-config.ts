import { relative } from "node:path";
import { fileURLToPath } from "node:url";
import { testTiers } from "@syncstore/vitest-config";
import type { ViteUserConfig } from "vitest/config";

export interface VitestConfigOptions {
  /** Migrate a template database for `*.int.test.ts` files. Default true; false for pure unit packages. */
  database?: boolean;
  /**
   * Coverage this package must keep (percent) when `COVERAGE=1` (set by `npm test`): the run fails
   * below it. Measured with vitest's v8 provider over unit and integration tests together.
   */
  coverageThresholds?: { lines?: number; statements?: number; functions?: number; branches?: number };
}

/**
 * The shared vitest settings. A package's `vitest.config.ts`:
 *
 *   import { defineConfig } from "vitest/config";
 *   import { vitestConfig } from "@syncstore/db/testing";
 *
 *   export default defineConfig(vitestConfig());
 *
 * (add `mergeConfig(vitestConfig(), { ... })` for package-specific settings such as aliases), and
 * `@syncstore/db` in its devDependencies.
 */
export function vitestConfig(options: VitestConfigOptions = {}): ViteUserConfig {
  const database = options.database ?? true;
  return {
    test: {
      // Two tiers, enforced: `unit` (*.test.ts, sockets refused) and `integration` (*.int.test.ts,
      // with the migrated template database when `database`).
      projects: testTiers({
        integrationGlobalSetup: database ? [fileURLToPath(new URL("./global-setup.ts", import.meta.url))] : [],
      }),
      // Child processes rather than threads: pg pools, graphile-worker and socket.io keep
      // process-wide state, and a hung native handle cannot take the whole run with it.
      pool: "forks",
      // Files run in parallel: each integration file has its own cloned database.
      fileParallelism: true,
      testTimeout: 20_000,
      hookTimeout: 60_000,
      teardownTimeout: 30_000,
      // Off for a single file run while developing (its numbers would fail the thresholds); on in
      // `npm test`, which prints every package's summary.
      coverage: {
        enabled: process.env.COVERAGE === "1",
        provider: "v8",
        // The package's own sources, and the shared server packages' sources its tests execute
        // (the API's tests run much of @syncstore/services): `coverage-final.json` holds both, and
        // `npm test` merges every package's file into one report per package at the end
        // (tooling/scripts/coverage.ts). The summary printed here and the thresholds below are
        // the package's own tests over its own files.
        include: ["src/**/*.ts", `${sharedPackages()}/src/**/*.ts`],
        allowExternal: true,
        exclude: COVERAGE_EXCLUDE,
        reporter: [
          [fileURLToPath(new URL("./coverage-own-summary.ts", import.meta.url)), {}],
          ["json", {}],
        ],
        reportOnFailure: true,
        thresholds: options.coverageThresholds && { "src/**/*.ts": options.coverageThresholds },
      },
    },
  };
}

/** Never measured: tests, test helpers, command-line tools, migrations, declarations. */
export const COVERAGE_EXCLUDE = [
  "**/src/**/*.test.ts",
  "**/src/**/testing/**",
  "**/src/**/cli/**",
  "**/src/migrations/**",
  "**/src/**/*.d.ts",
];

/** The server packages whose code other packages' tests run, as a glob relative to the package run. */
export const SHARED_SERVER_PACKAGES = ["services", "db", "domain", "channels", "auth", "realtime", "config"];

function sharedPackages(): string {
  const packagesDir = fileURLToPath(new URL("../../../", import.meta.url));
  return `${relative(process.cwd(), packagesDir) || "."}/{${SHARED_SERVER_PACKAGES.join(",")}}`;
}
