import { readFileSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import { configFile, configImports, boundaries as defaultMap, testFile } from "../boundaries.js";

/** The nearest package.json above a file: its folder and name. */
const packageCache = new Map();
function packageOf(file) {
  let dir = dirname(file);
  const seen = [];
  while (true) {
    if (packageCache.has(dir)) break;
    seen.push(dir);
    try {
      const { name } = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));
      packageCache.set(dir, { dir, name });
      break;
    } catch {
      const parent = dirname(dir);
      if (parent === dir) {
        packageCache.set(dir, null);
        break;
      }
      dir = parent;
    }
  }
  const found = packageCache.get(dir);
  for (const d of seen) packageCache.set(d, found);
  return found;
}

const isTypeOnly = (node) =>
  node.importKind === "type" ||
  node.exportKind === "type" ||
  (node.type === "ImportDeclaration" &&
    node.specifiers.length > 0 &&
    node.specifiers.every((s) => s.type === "ImportSpecifier" && s.importKind === "type"));

/** @type {import("eslint").Rule.RuleModule} */
export const boundariesRule = {
  meta: {
    type: "problem",
    docs: { description: "Imports between SyncStore packages follow tooling/eslint/boundaries.js" },
    schema: [{ type: "object", properties: { map: { type: "object" } }, additionalProperties: false }],
    messages: {
      notAllowed: "{{from}} may not import {{target}}{{where}} (the boundaries map is tooling/eslint/boundaries.js)",
      typesOnly: "{{from}} may import only types from {{target}}{{where}}: use `import type`",
      leavesPackage: "Relative import {{target}} leaves {{from}}: import the other package by its name",
      unknownPackage: "{{from}} is not in the boundaries map (tooling/eslint/boundaries.js): add it",
    },
  },
  create(context) {
    const map = context.options[0]?.map ?? defaultMap;
    const filename = context.filename;
    const pkg = packageOf(filename);
    if (!pkg?.name?.startsWith("@syncstore/") || pkg.name === "syncstore") return {};
    const rules = map[pkg.name];
    const file = relative(pkg.dir, filename).split(sep).join("/");
    const inTest = testFile.test(file);
    const zone = rules?.zones?.find((z) => z.folders.some((folder) => file.startsWith(folder)));
    const where = inTest ? " in test code" : zone ? ` in ${zone.folders.join(" or ")}` : "";

    function check(node, source) {
      if (!source || typeof source.value !== "string") return;
      const target = source.value;
      if (target.startsWith(".")) {
        const to = resolve(dirname(filename), target);
        if (to !== pkg.dir && !to.startsWith(pkg.dir + sep))
          context.report({ node: source, messageId: "leavesPackage", data: { from: pkg.name, target } });
        return;
      }
      if (!target.startsWith("@syncstore/")) return;
      if (!rules) {
        context.report({ node: source, messageId: "unknownPackage", data: { from: pkg.name } });
        return;
      }
      if (target === pkg.name || target.startsWith(`${pkg.name}/`)) return;
      if (configFile.test(file) && configImports.includes(target)) return;
      const allowed = new Set([...(zone?.allow ?? rules.allow), ...(inTest ? (rules.test ?? []) : [])]);
      if (allowed.has(target)) return;
      if ((rules.types ?? []).includes(target)) {
        if (isTypeOnly(node)) return;
        context.report({ node: source, messageId: "typesOnly", data: { from: pkg.name, target, where } });
        return;
      }
      context.report({ node: source, messageId: "notAllowed", data: { from: pkg.name, target, where } });
    }

    return {
      ImportDeclaration: (node) => check(node, node.source),
      ExportNamedDeclaration: (node) => check(node, node.source),
      ExportAllDeclaration: (node) => check(node, node.source),
      ImportExpression: (node) => check(node, node.source.type === "Literal" ? node.source : null),
    };
  },
};

export const syncstorePlugin = { rules: { boundaries: boundariesRule } };
