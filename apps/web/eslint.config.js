import base from "@syncstore/eslint-config";
import nextPlugin from "@next/eslint-plugin-next";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";

export default [
  ...base,
  { ignores: [".next/**", ".next-*/**", "next-env.d.ts", "test-results/**", "playwright-report/**"] },
  nextPlugin.configs["core-web-vitals"],
  reactHooks.configs.flat.recommended,
  {
    files: ["src/**/*.{ts,tsx}"],
    // What browser code and the server-only folders may import is in the one boundaries map
    // (tooling/eslint/boundaries.js, `@syncstore/web`), enforced by the base config.
    languageOptions: { globals: { ...globals.browser } },
  },
];
