import js from "@eslint/js";
import globals from "globals";
import tseslint from "typescript-eslint";
import { syncstorePlugin } from "./rules/boundaries.js";

export { boundaries } from "./boundaries.js";

/**
 * `packages/domain` holds pure rules: it imports nothing of ours and no framework, ORM or HTTP
 * (docs/architecture.md). Its eslint config spreads this in.
 */
export const pureDomain = {
  files: ["src/**/*.ts"],
  rules: {
    "no-restricted-imports": [
      "error",
      {
        patterns: [
          {
            group: [
              "@syncstore/*",
              "@mikro-orm/*",
              "express",
              "pg",
              "next",
              "next/*",
              "react",
              "graphile-worker",
              "better-auth",
              "better-auth/*",
              "socket.io*",
              "node:*",
            ],
            message: "packages/domain is pure: no framework, ORM, I/O or other SyncStore package.",
          },
        ],
      },
    ],
  },
};

export default tseslint.config(
  {
    ignores: [
      "**/node_modules/**",
      "**/.next/**",
      "**/dist/**",
      "**/coverage/**",
      "**/next-env.d.ts",
      "**/test-results/**",
      "**/playwright-report/**",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node }, ecmaVersion: 2023, sourceType: "module" },
    rules: {
      "no-console": "error",
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/ban-ts-comment": "error",
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    // Package boundaries: one map for the workspace (tooling/eslint/boundaries.js).
    plugins: { syncstore: syncstorePlugin },
    rules: { "syncstore/boundaries": "error" },
  },
  {
    files: ["**/scripts/**", "**/cli/**", "**/bench/**"],
    rules: { "no-console": "off" },
  },
);
