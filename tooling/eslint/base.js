import js from "@eslint/js";
import globals from "globals";
import tseslint from "typescript-eslint";

/**
 * Package boundaries from docs/architecture.md, enforced here: domain imports no framework and
 * nothing of ours; browser code never reaches server packages.
 */
export const boundaries = {
  domain: ["@syncstore/*", "@mikro-orm/*", "express", "pg", "next", "next/*", "react", "graphile-worker"],
};

export default tseslint.config(
  { ignores: ["**/node_modules/**", "**/.next/**", "**/dist/**", "**/coverage/**", "**/next-env.d.ts", "**/test-results/**", "**/playwright-report/**"] },
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
    files: ["**/scripts/**", "**/cli/**", "**/bench/**"],
    rules: { "no-console": "off" },
  },
);
