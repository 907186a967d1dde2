import base from "@syncstore/eslint-config";
import nextPlugin from "@next/eslint-plugin-next";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";

/** Server packages the browser bundle must never pull in; types from them are fine. */
const serverOnlyPackages = [
  {
    name: "@syncstore/api",
    message: "Browser code may import only types from @syncstore/api.",
    allowTypeImports: true,
  },
  { name: "@syncstore/db", message: "Browser code must not reach the database.", allowTypeImports: true },
  {
    name: "@syncstore/auth",
    message: "Use @syncstore/auth/client or /permissions in browser code.",
    allowTypeImports: true,
  },
  {
    name: "@syncstore/config",
    message: "Configuration reaches the browser through server components only.",
    allowTypeImports: true,
  },
];

export default [
  ...base,
  { ignores: [".next/**", ".next-*/**", "next-env.d.ts", "test-results/**", "playwright-report/**"] },
  nextPlugin.configs["core-web-vitals"],
  reactHooks.configs.flat.recommended,
  {
    files: ["src/**/*.{ts,tsx}"],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      "@typescript-eslint/no-restricted-imports": ["error", { paths: serverOnlyPackages }],
    },
  },
  {
    // Route handlers and server-only helpers are where server packages are allowed.
    files: ["src/app/api/**", "src/lib/server/**"],
    rules: { "@typescript-eslint/no-restricted-imports": "off" },
  },
  {
    // Specs take \`test\` from the support module so every page is checked for unexpected browser errors.
    files: ["e2e/**/*.spec.ts"],
    rules: {
      "@typescript-eslint/no-restricted-imports": [
        "error",
        {
          paths: [
            {
              name: "@playwright/test",
              importNames: ["test"],
              message: "Import test and expect from e2e/support/test: it fails a spec on unexpected browser errors.",
            },
          ],
        },
      ],
    },
  },
];
