import { fileURLToPath } from "node:url";
import { RuleTester } from "eslint";
import tseslint from "typescript-eslint";
import { describe, expect, it } from "vitest";
import { cyclesOf, packageCycles } from "./cycles.js";
import { boundariesRule } from "./rules/boundaries.js";

const root = fileURLToPath(new URL("../..", import.meta.url));
const at = (path) => `${root}${path}`;

RuleTester.describe = describe;
RuleTester.it = it;
const tester = new RuleTester({
  languageOptions: { parser: tseslint.parser, ecmaVersion: 2023, sourceType: "module" },
});

tester.run("syncstore/boundaries", boundariesRule, {
  valid: [
    { filename: at("packages/api/src/services/x.ts"), code: `import { sqlRows } from "@syncstore/db";` },
    {
      filename: at("packages/api/src/services/x.int.test.ts"),
      code: `import { createTestDatabase } from "@syncstore/db/testing";`,
    },
    { filename: at("apps/web/src/modules/catalog/x.tsx"), code: `import type { AppRouter } from "@syncstore/api";` },
    { filename: at("apps/web/src/lib/server/x.ts"), code: `import { appRouter } from "@syncstore/api";` },
    { filename: at("packages/domain/eslint.config.js"), code: `import base from "@syncstore/eslint-config";` },
    { filename: at("packages/services/src/catalog/x.ts"), code: `import { a } from "../sync/mark";` },
  ],
  invalid: [
    {
      // Browser code: exact-name rules used to let subpaths through.
      filename: at("apps/web/src/modules/catalog/x.tsx"),
      code: `import { createTestDatabase } from "@syncstore/db/testing";`,
      errors: [{ messageId: "notAllowed" }],
    },
    {
      filename: at("apps/web/src/modules/catalog/x.tsx"),
      code: `import { enqueue } from "@syncstore/services";`,
      errors: [{ messageId: "notAllowed" }],
    },
    {
      filename: at("apps/web/src/modules/catalog/x.tsx"),
      code: `import { createChannelDeps } from "@syncstore/channels";`,
      errors: [{ messageId: "notAllowed" }],
    },
    {
      filename: at("apps/web/src/modules/catalog/x.tsx"),
      code: `import { appRouter } from "@syncstore/api";`,
      errors: [{ messageId: "typesOnly" }],
    },
    {
      // Test helpers stay out of production code.
      filename: at("packages/services/src/sync/x.ts"),
      code: `import { createTestDatabase } from "@syncstore/db/testing";`,
      errors: [{ messageId: "notAllowed" }],
    },
    {
      // A lower layer never imports a higher one.
      filename: at("packages/db/src/x.ts"),
      code: `export { enqueue } from "@syncstore/services";`,
      errors: [{ messageId: "notAllowed" }],
    },
    {
      filename: at("packages/domain/src/x.ts"),
      code: `const m = await import("@syncstore/db");`,
      errors: [{ messageId: "notAllowed" }],
    },
    {
      // The hidden cycle this map replaced: db's test setup reaching into tooling by path.
      filename: at("packages/db/src/testing/global-setup.ts"),
      code: `import { startEmbeddedPostgres } from "../../../../tooling/scripts/embedded-postgres";`,
      errors: [{ messageId: "leavesPackage" }],
    },
  ],
});

describe("cycle check", () => {
  it("finds strongly connected components only", () => {
    const graph = new Map([
      ["a", new Set(["b"])],
      ["b", new Set(["c"])],
      ["c", new Set(["a"])],
      ["d", new Set(["a"])],
    ]);
    expect(cyclesOf(graph)).toEqual([["a", "b", "c"]]);
  });

  it("fails on a file cycle (type imports count) and on a folder cycle", async () => {
    const { files, modules } = await packageCycles("tooling/eslint/fixtures/cycle");
    expect(files).toEqual([
      ["a.ts", "b.ts"],
      ["services/catalog/rows.ts", "services/sync/status.ts"],
    ]);
    expect(modules).toEqual([["services/catalog", "services/sync"]]);
  });

  it("passes the workspace's own packages", async () => {
    const { files, modules } = await packageCycles("packages/services");
    expect(files).toEqual([]);
    expect(modules).toEqual([]);
  }, 60_000);
});
