#!/usr/bin/env node
/**
 * `npm start` / `npm test` entry point. Plain ESM without dependencies, so it runs on the Node 20
 * and npm a fresh machine has: it makes sure Node >= 22.18 and pnpm 10 are there (fetching both
 * from the npm registry through npx when they are not), installs when the lockfile or a
 * package.json changed, then hands over to tooling/scripts/<command>.ts.
 */
import { spawn, spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, statSync, utimesSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const [command, ...rest] = process.argv.slice(2);
const MIN_NODE = [22, 18];
const packageManager = JSON.parse(readFileSync(join(root, "package.json"), "utf8")).packageManager ?? "pnpm@10";
const pnpmSpec = packageManager.split("+")[0]; // e.g. "pnpm@10.34.9" (drop any integrity hash)

if (command !== "start" && command !== "test") {
  console.error("usage: node tooling/scripts/bootstrap.mjs <start|test> [args]");
  process.exit(2);
}

// Nothing calls home: neither turbo nor Next.js sends telemetry, in any child process.
process.env.TURBO_TELEMETRY_DISABLED ??= "1";
process.env.NEXT_TELEMETRY_DISABLED ??= "1";

const t0 = Date.now();
const step = (message, since) =>
  console.log(`\x1b[36m›\x1b[0m ${message}${since === undefined ? "" : ` \x1b[2m(${seconds(since)})\x1b[0m`}`);

const nodeOk = isAtLeast(process.versions.node, MIN_NODE);
const pnpmVersion = probe("pnpm", ["--version"]);
const pnpmOk = pnpmVersion?.startsWith("10.") ?? false;

if (!nodeOk || !pnpmOk) {
  // The guard stops a loop if npx somehow hands us the same old Node again.
  if (process.env.SYNCSTORE_BOOTSTRAPPED) {
    console.error(
      `Still on Node ${process.versions.node} / pnpm ${pnpmVersion ?? "missing"} after fetching them; giving up.`,
    );
    process.exit(1);
  }
  step(
    `Node ${process.versions.node}${nodeOk ? "" : ` (need >= ${MIN_NODE.join(".")})`}, ` +
      `pnpm ${pnpmVersion ?? "missing"}${pnpmOk ? "" : " (need 10)"}: fetching node@24 and ${pnpmSpec} with npx`,
  );
  // corepack is not an option here (it is absent from newer Node and blocked on some machines);
  // the registry serves Node itself as the `node` package.
  await run(
    "npx",
    ["-y", "-p", "node@24", "-p", pnpmSpec, "--", "node", "tooling/scripts/bootstrap.mjs", command, ...rest],
    {
      env: { ...process.env, SYNCSTORE_BOOTSTRAPPED: "1" },
    },
  );
}

step(`Node ${process.versions.node}, pnpm ${pnpmVersion}`, t0);

const staleBecause = installNeeded();
if (staleBecause) {
  const started = Date.now();
  step(`installing dependencies (${staleBecause})`);
  // CI and fresh clones must match the lockfile exactly; a changed lockfile is a reviewed change.
  const code = await run("pnpm", ["install", "--frozen-lockfile"], { exit: false });
  if (code !== 0) {
    console.error("pnpm install failed. If you changed a package.json, run `pnpm install` to update pnpm-lock.yaml.");
    process.exit(code);
  }
  // pnpm leaves .modules.yaml alone when nothing changed; touch it so we do not ask again next time.
  const now = new Date();
  utimesSync(join(root, "node_modules", ".modules.yaml"), now, now);
  step("dependencies installed", started);
} else {
  step("dependencies up to date");
}

step(`running ${command}`);
// `node --import tsx` rather than the `tsx` command: the tsx CLI relays Ctrl-C to its child and
// SIGKILLs it when it does not acknowledge within 30 ms, which cuts our orderly shutdown short.
await run(process.execPath, ["--import", "tsx", `tooling/scripts/${command}.ts`, ...rest]);

/** Why an install is needed, or undefined when node_modules matches the manifests. */
function installNeeded() {
  const marker = join(root, "node_modules", ".modules.yaml");
  if (!existsSync(marker)) return "no node_modules yet";
  const installedAt = statSync(marker).mtimeMs;
  const manifests = [join(root, "pnpm-lock.yaml"), join(root, "pnpm-workspace.yaml"), join(root, "package.json")];
  for (const group of ["apps", "packages", "tooling"]) {
    const dir = join(root, group);
    if (!existsSync(dir)) continue;
    for (const name of readdirSync(dir)) manifests.push(join(dir, name, "package.json"));
  }
  const changed = manifests.find((file) => existsSync(file) && statSync(file).mtimeMs > installedAt);
  return changed ? `${changed.slice(root.length + 1)} changed since the last install` : undefined;
}

/**
 * Runs a child with our stdio. Signals sent to us alone (docker stop, CI timeouts, kill) are passed
 * on; a Ctrl-C reaches the whole foreground process group anyway, and the launcher treats repeats
 * as one. By default our exit mirrors the child's: same code, or the same signal.
 */
function run(file, args, { env = process.env, exit = true } = {}) {
  return new Promise((resolve) => {
    const child = spawn(file, args, { cwd: root, env, stdio: "inherit" });
    const forward = (signal) => child.kill(signal);
    const signals = ["SIGINT", "SIGTERM", "SIGHUP"];
    for (const signal of signals) process.on(signal, forward);
    child.on("error", (error) => {
      console.error(`Could not run ${file}: ${error.message}`);
      process.exit(1);
    });
    child.on("exit", (code, signal) => {
      for (const s of signals) process.off(s, forward);
      if (!exit) return resolve(code ?? 1);
      if (signal) process.kill(process.pid, signal);
      process.exit(code ?? 1);
    });
  });
}

function probe(file, args) {
  const result = spawnSync(file, args, { encoding: "utf8", shell: process.platform === "win32" });
  return result.status === 0 ? result.stdout.trim() : undefined;
}

function isAtLeast(version, [major, minor]) {
  const [a, b] = version.split(".").map(Number);
  return a > major || (a === major && b >= minor);
}

function seconds(since) {
  return `${((Date.now() - since) / 1000).toFixed(1)}s`;
}
