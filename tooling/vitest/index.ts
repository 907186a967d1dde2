import { fileURLToPath } from "node:url";
import type { TestProjectInlineConfiguration } from "vitest/config";

/** The unit tier's guard (a setup file): sockets and servers fail in `*.test.ts`. */
export const noIoSetupFile = fileURLToPath(new URL("./no-io.ts", import.meta.url));

export interface TestTierOptions {
  /** Folders holding tests, relative to the package (default `src` and `test`). */
  roots?: string[];
  /** Global setup of the integration tier only (the migrated template database). */
  integrationGlobalSetup?: string[];
}

/**
 * The two tiers as vitest projects, for a package's `test.projects`. The tier is in the file
 * name and enforced: `unit` runs `*.test.ts` with no network I/O (`no-io.ts`), `integration`
 * runs `*.int.test.ts` (PostgreSQL, servers, simulators) with the integration global setup. Both
 * extend the package's root config (pool, timeouts); coverage stays at the root and measures
 * both. One `vitest run` runs both projects in one process pool, so the split costs no time.
 */
export function testTiers(options: TestTierOptions = {}): TestProjectInlineConfiguration[] {
  const roots = options.roots ?? ["src", "test"];
  return [
    {
      extends: true,
      test: {
        name: "unit",
        include: roots.map((root) => `${root}/**/*.test.ts`),
        exclude: ["**/node_modules/**", "**/e2e/**", "**/.next/**", "**/*.int.test.ts"],
        setupFiles: [noIoSetupFile],
      },
    },
    {
      extends: true,
      test: {
        name: "integration",
        include: roots.map((root) => `${root}/**/*.int.test.ts`),
        exclude: ["**/node_modules/**", "**/e2e/**", "**/.next/**"],
        globalSetup: options.integrationGlobalSetup ?? [],
      },
    },
  ];
}
