/**
 * `npm test`: lint and typecheck, vitest (unit + integration on a real PostgreSQL) and Playwright,
 * in that order, every phase run even when an earlier one failed so one run shows every problem.
 * Ends with the line CI reads, `N passed, N failed`, then the time each phase took.
 *
 * PostgreSQL is a fresh embedded cluster on port 54330 (EMBEDDED_TEST_PG_PORT) unless
 * TEST_DATABASE_URL names a server. Packages never use it directly: their vitest global setup
 * migrates one template database per run and each test file clones it (@syncstore/db/testing).
 */
import { ensureDevSecrets, readLocalEnvFile } from "@syncstore/config";
import { migrateDatabase } from "@syncstore/db";
import { spawn, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import pg from "pg";
import { repoRoot, startEmbeddedPostgres, type RunningPostgres } from "@syncstore/postgres/embedded-postgres";
import { color, describeError, fail, seconds, step, timed, warn } from "./ui";
import { playwrightCounts, vitestCounts, type Counts } from "./test-summary";
import { combinedCoverage } from "./coverage";
import { print } from "@syncstore/postgres/report";

interface Phase {
  name: string;
  ok: boolean;
  ms: number;
  note?: string;
  counts?: Counts;
}

const phases: Phase[] = [];
let postgres: RunningPostgres | undefined;
let interrupted = false;

for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
  process.on(signal, () => {
    if (interrupted) return;
    interrupted = true;
    warn(`${signal}: stopping the tests`);
    // The running turbo child got the signal too (same process group, or forwarded by bootstrap).
  });
}

try {
  await main();
} catch (error) {
  fail(describeError(error));
  phases.push({ name: "setup", ok: false, ms: 0, note: "see the error above" });
}
if (postgres) await timed("test PostgreSQL stopped", () => postgres!.stop());
report();

async function main(): Promise<void> {
  ensureDevSecrets(repoRoot);
  // Same reasoning as start.ts: `next start` under Playwright runs as production and needs the
  // secrets as variables, not from .env.local.
  for (const [name, value] of Object.entries(readLocalEnvFile(repoRoot))) process.env[name] ??= value;

  const chromium = findChromium();
  if (!chromium) warn("no Chromium found; the end-to-end phase will fail (see the message there)");

  let testDatabaseUrl = process.env.TEST_DATABASE_URL;
  if (testDatabaseUrl) {
    step(`using TEST_DATABASE_URL`);
  } else {
    const port = Number(process.env.EMBEDDED_TEST_PG_PORT ?? 54330);
    postgres = await timed(`test PostgreSQL on port ${port} (fresh cluster in .data/test-pg)`, () =>
      startEmbeddedPostgres({
        name: "test-pg",
        port,
        portVariable: "EMBEDDED_TEST_PG_PORT",
        fresh: true,
        ephemeral: true,
      }),
    );
    testDatabaseUrl = postgres.url;
  }
  process.env.TEST_DATABASE_URL = testDatabaseUrl;
  // No network here and no reason to report builds anywhere.
  process.env.NEXT_TELEMETRY_DISABLED ??= "1";

  await phase("format", "prettier", ["--check", "--log-level=warn", "."]);
  // CI also audits production dependencies (high and critical advisories fail without a written
  // exception in pnpm-workspace.yaml's auditConfig).
  if (process.env.CI) await phase("supply-chain audit", "node", ["tooling/scripts/audit.mjs"]);
  await phase("lint + typecheck + import cycles", "turbo", ["run", "lint", "typecheck", "cycles", "--continue"]);
  // Coverage (v8) over unit and integration tests: each package prints its summary and fails
  // below the thresholds in its vitest.config.ts.
  // Failure drills (real processes, their own PostgreSQL) are a task of their own, run beside them.
  const testsStarted = Date.now();
  await phase("unit + integration + drills", "turbo", ["run", "test", "test:drills", "--continue"], vitestCounts, {
    COVERAGE: "1",
  });
  // Then every package's coverage files merged: a package's code run by another package's tests
  // (the API's tests run much of @syncstore/services) counts for it (tooling/scripts/coverage.ts).
  coveragePhase(testsStarted);

  if (!chromium) {
    fail(
      "Chromium is needed for the end-to-end tests and was not found (looked at CHROMIUM_PATH, " +
        "/usr/bin/chromium and chromium in PATH).\n  Install it with:  apt-get update && apt-get install -y chromium\n" +
        "  or point CHROMIUM_PATH at a Chromium or Chrome binary.",
    );
    phases.push({ name: "end-to-end", ok: false, ms: 0, note: "Chromium missing" });
    return;
  }
  process.env.CHROMIUM_PATH = chromium;
  const e2eDatabase = await timed("end-to-end database migrated", () => createE2eDatabase(testDatabaseUrl));
  try {
    await phase("end-to-end", "turbo", ["run", "test:e2e", "--continue"], playwrightCounts, {
      DATABASE_URL: e2eDatabase.url,
    });
  } finally {
    await e2eDatabase.drop();
  }
}

/** Runs `pnpm exec <command>`, echoing its output and keeping it when test counts are read from it. */
async function phase(
  name: string,
  command: string,
  args: string[],
  count?: (output: string) => Counts,
  env: Record<string, string> = {},
): Promise<void> {
  if (interrupted) {
    phases.push({ name, ok: false, ms: 0, note: "skipped after interrupt" });
    return;
  }
  step(color.bold(name));
  const started = Date.now();
  let output = "";
  const code = await new Promise<number>((resolve) => {
    const child = spawn("pnpm", ["exec", command, ...args], {
      cwd: repoRoot,
      env: { ...process.env, ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    const keep = (chunk: Buffer, stream: NodeJS.WriteStream) => {
      stream.write(chunk);
      if (count) output += chunk.toString("utf8");
    };
    child.stdout.on("data", (chunk: Buffer) => keep(chunk, process.stdout));
    child.stderr.on("data", (chunk: Buffer) => keep(chunk, process.stderr));
    child.on("exit", (exitCode) => resolve(exitCode ?? 1));
  });
  const counts = count?.(output);
  phases.push({ name, ok: code === 0, ms: Date.now() - started, counts });
  step(`${name}: ${code === 0 ? color.green("ok") : color.red(`failed (exit code ${code})`)}`, started);
}

/** Prints the merged coverage per package and fails below its thresholds. */
function coveragePhase(since: number): void {
  const name = "coverage per package";
  if (interrupted) {
    phases.push({ name, ok: false, ms: 0, note: "skipped after interrupt" });
    return;
  }
  const started = Date.now();
  step(color.bold(name));
  const report = combinedCoverage(since);
  print(...report.lines);
  phases.push({ name, ok: report.ok, ms: Date.now() - started, note: report.ok ? undefined : "below a threshold" });
  step(`${name}: ${report.ok ? color.green("ok") : color.red("failed")}`, started);
}

/** A migrated database for the apps Playwright starts, on the same server as the test clones. */
async function createE2eDatabase(serverUrl: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `syncstore_e2e_${process.pid}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(`drop database if exists ${admin.escapeIdentifier(name)} with (force)`);
    await admin.query(`create database ${admin.escapeIdentifier(name)}`);
  } finally {
    await admin.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  await migrateDatabase(url.toString());
  return {
    url: url.toString(),
    async drop() {
      const client = new pg.Client({ connectionString: serverUrl });
      await client.connect();
      await client
        .query(`drop database if exists ${client.escapeIdentifier(name)} with (force)`)
        .finally(() => client.end());
    },
  };
}

function findChromium(): string | undefined {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) return existsSync(fromEnv) ? fromEnv : undefined;
  if (existsSync("/usr/bin/chromium")) return "/usr/bin/chromium";
  for (const name of ["chromium", "chromium-browser", "google-chrome"]) {
    const found = spawnSync("sh", ["-c", `command -v ${name}`], { encoding: "utf8" });
    if (found.status === 0 && found.stdout.trim()) return found.stdout.trim();
  }
  return undefined;
}

/**
 * The summary line counts tests. A phase that failed without a failing test (lint, typecheck, a
 * crash before any test ran) counts as one failure, so a red run never reads "0 failed".
 */
function report(): void {
  let passed = 0;
  let failed = 0;
  for (const { ok, counts } of phases) {
    passed += counts?.passed ?? 0;
    failed += counts?.failed ?? 0;
    if (!ok && (counts?.failed ?? 0) === 0) failed += 1;
  }
  print("", `${passed} passed, ${failed} failed`);
  for (const { name, ok, ms, note, counts } of phases) {
    const detail = [counts ? `${counts.passed} passed, ${counts.failed} failed` : "", note ?? ""]
      .filter(Boolean)
      .join("; ");
    print(
      `  ${ok ? color.green("✓") : color.red("✗")} ${name.padEnd(20)} ${seconds(ms).padStart(7)}${detail ? `  ${color.dim(detail)}` : ""}`,
    );
  }
  process.exit(failed > 0 || phases.some((p) => !p.ok) || interrupted ? 1 : 0);
}
