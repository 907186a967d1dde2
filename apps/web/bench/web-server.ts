import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { readFile } from "node:fs/promises";
import { createServer } from "node:net";
import { cpus, loadavg } from "node:os";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { createOrm, migrateDatabase } from "@syncstore/db";
import { seedBenchCatalog } from "@syncstore/api/bench/seed";
import { benchDatabase, type BenchDatabase } from "@syncstore/postgres/bench-database";
import { print } from "@syncstore/postgres/report";
import pg from "pg";

/**
 * What bench:api and bench:pages share: a fresh database seeded with the benchmark catalog, the
 * production Next.js server (`next build` once, then `server.ts` as `pnpm start` runs it) with the
 * bench-only ceiling route switched on, and a signed-in better-auth session.
 */
export interface BenchWeb {
  url: string;
  pid: number | undefined;
  /** `name=value` of the session cookie, as a browser would send it. */
  cookie: string;
  organizationId: string;
  database: BenchDatabase;
  pool: pg.Pool;
  seeded: string;
  stop(): Promise<void>;
}

const webDir = fileURLToPath(new URL("..", import.meta.url));

export const machine = () =>
  `${cpus().length} CPUs, load average ${loadavg()
    .map((value) => value.toFixed(1))
    .join(" / ")} (1/5/15 min)`;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() =>
        typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port")),
      );
    });
  });
}

/** CPU seconds a process used so far (Linux /proc; 0 elsewhere). */
export async function cpuSeconds(pid: number | undefined): Promise<number> {
  try {
    const fields = (await readFile(`/proc/${pid}/stat`, "utf8")).split(") ")[1]?.split(" ") ?? [];
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
}

function build(): void {
  if (process.env.BENCH_SKIP_BUILD === "1") return;
  print("next build (BENCH_SKIP_BUILD=1 reuses the last build)...");
  const result = spawnSync("pnpm", ["exec", "next", "build"], { cwd: webDir, stdio: ["ignore", "ignore", "inherit"] });
  if (result.status !== 0) throw new Error(`next build failed with ${result.status}`);
}

async function startServer(env: Record<string, string>): Promise<ChildProcess> {
  const nodeArgs = (process.env.BENCH_SERVER_ARGS ?? "").split(" ").filter(Boolean);
  const child = spawn(process.execPath, [...nodeArgs, "server.ts"], {
    cwd: webDir,
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "inherit"],
  });
  await new Promise<void>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
    lines.on("line", (line) => {
      if (line.startsWith("web listening")) resolve();
    });
    child.once("exit", (code) => reject(new Error(`the web server exited with ${code}`)));
  });
  return child;
}

async function signIn(url: string): Promise<string> {
  const headers = { "content-type": "application/json", origin: url };
  const credentials = { email: "owner@bench.test", password: "correct-horse-battery-9" };
  const signUp = await fetch(`${url}/api/auth/sign-up/email`, {
    method: "POST",
    headers,
    body: JSON.stringify({ name: "Bench Owner", ...credentials }),
  });
  if (!signUp.ok) throw new Error(`sign-up answered ${signUp.status}: ${await signUp.text()}`);
  const response = await fetch(`${url}/api/auth/sign-in/email`, {
    method: "POST",
    headers,
    body: JSON.stringify(credentials),
  });
  if (!response.ok) throw new Error(`sign-in answered ${response.status}: ${await response.text()}`);
  const cookie = response.headers
    .getSetCookie()
    .map((line) => line.split(";")[0] ?? "")
    .find((pair) => pair.includes("session_token="));
  if (!cookie) throw new Error("sign-in set no session cookie");
  return cookie;
}

export async function startBenchWeb(name: string, variantCount: number): Promise<BenchWeb> {
  build();
  const database = await benchDatabase(name);
  await migrateDatabase(database.url);
  const port = await freePort();
  const url = `http://localhost:${port}`;
  const child = await startServer({
    NODE_ENV: "production",
    SYNCSTORE_BENCH: "1",
    DATABASE_URL: database.url,
    WEB_HOST: "127.0.0.1",
    WEB_PORT: String(port),
    WEB_URL: url,
    GATEWAY_URL: "http://localhost:9",
    BETTER_AUTH_SECRET: randomBytes(32).toString("hex"),
    TOKEN_ENCRYPTION_KEY: randomBytes(32).toString("base64"),
    LOG_LEVEL: "warn",
    // One user from one address is the whole load: production's per-user and per-address limits
    // would refuse the benchmark itself. The limit is still counted on every call.
    API_RATE_LIMIT_PER_USER: "100000000",
    API_RATE_LIMIT_PER_ADDRESS: "100000000",
  });
  const pool = new pg.Pool({ connectionString: database.url, max: 2 });
  pool.on("error", () => {});
  try {
    const cookie = await signIn(url);
    const { rows } = await pool.query<{ organization_id: string }>(`select organization_id from member limit 1`);
    const organizationId = rows[0]?.organization_id ?? "";
    const orm = await createOrm(database.url, { pool: { min: 0, max: 2 } });
    const seeded = await seedBenchCatalog(orm.em.fork(), organizationId, variantCount).finally(() => orm.close(true));
    await pool.query("vacuum analyze");
    return {
      url,
      pid: child.pid,
      cookie,
      organizationId,
      database,
      pool,
      seeded,
      stop: async () => {
        await new Promise<void>((resolve) => {
          child.once("exit", () => resolve());
          child.kill("SIGTERM");
        });
        await pool.end();
        await database.drop();
      },
    };
  } catch (error) {
    child.kill("SIGTERM");
    await pool.end();
    await database.drop();
    throw error;
  }
}
