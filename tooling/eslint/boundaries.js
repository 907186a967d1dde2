/**
 * The one boundaries map of the workspace: which SyncStore packages, and which of their subpaths,
 * each package may import. Everything not listed is refused by the `syncstore/boundaries` rule
 * (base config, so every package's `eslint .` enforces it), and no relative import may leave its
 * package. Change this map, not a package's eslint config, when a dependency is meant.
 *
 * - `allow`: what production code may import.
 * - `types`: what production code may import with `import type` only (erased at build).
 * - `test`: what tests, benchmarks, `src/testing/**`, `test/**`, `e2e/**` and config files may
 *   import in addition (test helpers such as `@syncstore/db/testing` never reach production code).
 * - `zones`: folders with a different `allow` (the web app's server-only folders).
 */
const config = ["@syncstore/config", "@syncstore/config/logger"];
const dbTesting = ["@syncstore/db/testing", "@syncstore/db/vitest-config", "@syncstore/vitest-config"];
const bench = [
  "@syncstore/postgres/bench-database",
  "@syncstore/postgres/report",
  "@syncstore/postgres/embedded-postgres",
];
const realtime = [
  "@syncstore/realtime",
  "@syncstore/realtime/events",
  "@syncstore/realtime/emitter",
  "@syncstore/realtime/rooms",
];
const channels = ["@syncstore/channels", "@syncstore/channels/signing", "@syncstore/channels/webhooks"];

/** Files where `test` entries apply, relative to the package folder. */
export const testFile =
  /(^|\/)(test|tests|bench|e2e|testing)\/|\.test\.tsx?$|(^|\/)[^/]*\.config\.(ts|js|mjs)$|(^|\/)playwright\.[^/]*\.ts$/;

/** Config files (`eslint.config.js`, `vitest.config.ts`, …) of every package may import these. */
export const configFile = /(^|\/)[^/]*\.config\.(ts|js|mjs)$/;
export const configImports = ["@syncstore/eslint-config", "@syncstore/db/vitest-config", "@syncstore/vitest-config"];

/** @type {Record<string, { allow: string[]; types?: string[]; test?: string[]; zones?: { folders: string[]; allow: string[] }[] }>} */
export const boundaries = {
  // Leaves: they import nothing of ours.
  "@syncstore/config": { allow: [] },
  "@syncstore/domain": { allow: [] },
  "@syncstore/channels": { allow: [] },
  "@syncstore/realtime": { allow: [] },
  "@syncstore/postgres": { allow: [] },
  "@syncstore/eslint-config": { allow: [] },
  "@syncstore/vitest-config": { allow: [] },

  "@syncstore/db": { allow: [...config], test: [...dbTesting, "@syncstore/postgres/embedded-postgres"] },
  "@syncstore/auth": { allow: [...config, "@syncstore/db", "@syncstore/domain"], test: dbTesting },
  "@syncstore/services": {
    allow: [...config, ...channels, "@syncstore/db", "@syncstore/domain", ...realtime],
    test: [...dbTesting, "@syncstore/channels/testing"],
  },
  "@syncstore/api": {
    allow: [
      ...config,
      "@syncstore/auth",
      "@syncstore/auth/permissions",
      ...channels,
      "@syncstore/db",
      "@syncstore/domain",
      ...realtime,
      "@syncstore/services",
      "@syncstore/services/reports",
    ],
    test: [
      ...dbTesting,
      "@syncstore/channels/testing",
      "@syncstore/services/testing",
      "@syncstore/services/testing/webhooks",
      "@syncstore/services/testing/smtp-server",
      "@syncstore/services/tracing",
      ...bench,
    ],
  },

  "@syncstore/gateway": {
    allow: [
      ...config,
      "@syncstore/auth",
      ...channels,
      "@syncstore/db",
      "@syncstore/domain",
      ...realtime,
      "@syncstore/services",
      // Webhook requests are server spans whose traceparent the processing jobs carry.
      "@syncstore/services/tracing",
    ],
    test: [
      ...dbTesting,
      "@syncstore/channels/testing",
      "@syncstore/services/testing",
      "@syncstore/services/testing/webhooks",
      // bench:conflicts-latency reads the Conflicts page's query through the API's tRPC caller.
      "@syncstore/api",
      ...bench,
    ],
  },
  "@syncstore/worker": {
    allow: [...config, "@syncstore/services", "@syncstore/services/tracing"],
    test: [
      ...dbTesting,
      "@syncstore/db",
      ...channels,
      "@syncstore/channels/testing",
      "@syncstore/services/testing",
      "@syncstore/services/testing/webhooks",
      ...realtime,
      ...bench,
    ],
  },
  "@syncstore/marketplace-sim": { allow: ["@syncstore/channels/signing", ...config], test: ["@syncstore/channels"] },
  "@syncstore/web": {
    // Browser code: pure rules, the auth client, event names; server packages for types only.
    allow: ["@syncstore/domain", "@syncstore/auth/client", "@syncstore/auth/permissions", "@syncstore/realtime/events"],
    types: [
      "@syncstore/api",
      "@syncstore/api/types",
      "@syncstore/api/csv",
      "@syncstore/auth",
      "@syncstore/db",
      ...config,
    ],
    test: [
      "@syncstore/db",
      ...dbTesting,
      ...config,
      "@syncstore/api",
      "@syncstore/channels/testing",
      // bench:api and bench:pages seed the catalog the API's own benchmark seeds.
      "@syncstore/api/bench/seed",
      ...bench,
    ],
    zones: [
      {
        // Route handlers, server-only helpers and the request proxy (Next.js middleware).
        folders: ["src/app/api/", "src/lib/server/", "src/proxy.ts"],
        allow: [
          "@syncstore/domain",
          "@syncstore/auth",
          "@syncstore/auth/client",
          "@syncstore/auth/permissions",
          "@syncstore/realtime/events",
          "@syncstore/api",
          "@syncstore/api/types",
          "@syncstore/api/csv",
          "@syncstore/db",
          ...config,
        ],
      },
      // Next.js's instrumentation hook registers tracing for the server process.
      { folders: ["src/instrumentation.ts"], allow: ["@syncstore/services/tracing"] },
    ],
  },
  "@syncstore/scripts": {
    allow: [...config, "@syncstore/db", "@syncstore/postgres/embedded-postgres", "@syncstore/postgres/report"],
  },
};
