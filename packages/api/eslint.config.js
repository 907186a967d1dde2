import base from "@syncstore/eslint-config";

export default [
  ...base,
  {
    // PostgreSQL refuses NUL and unpaired surrogates in text: procedure schemas use the shared
    // `text()` / `searchText()` from @syncstore/domain (issue 15), never a bare z.string().
    files: ["src/routers/**/*.ts"],
    ignores: ["**/*.test.ts"],
    rules: {
      "no-restricted-syntax": [
        "error",
        {
          selector: "CallExpression[callee.object.name='z'][callee.property.name='string']",
          message: "Use text() (or searchText() for search terms) from @syncstore/domain instead of z.string().",
        },
      ],
    },
  },
];
