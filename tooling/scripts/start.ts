/**
 * `npm start`: PostgreSQL (embedded unless DATABASE_URL is set), migrations, the demo login, then
 * web, gateway and worker side by side with prefixed logs. Ctrl-C stops the apps, then PostgreSQL.
 *
 * The web app runs as a production build (`next build` once, reused while nothing changed, then
 * `next start`): pages load at full speed from the first click and behave as they will in
 * production. Turbo's cache decides whether the build is current, so a second start skips it.
 * `npm run dev` (or `SYNCSTORE_DEV=1 npm start`) runs `next dev` and `tsx watch` instead, for
 * working on the code.
 */
import { concurrently, type ConcurrentlyResult } from "concurrently";
import { ensureDevSecrets, envSchema, readLocalEnvFile, webhookCallbackUrls } from "@syncstore/config";
import { demoLogin, migrateDatabase, seedDemo } from "@syncstore/db";
import { spawn } from "node:child_process";
import {
  isPortFree,
  PortInUseError,
  repoRoot,
  startEmbeddedPostgres,
  type RunningPostgres,
} from "@syncstore/postgres/embedded-postgres";
import { box, color, describeError, fail, LaunchError, seconds, step, timed, warn } from "./ui";

const dev = process.env.SYNCSTORE_DEV === "1" || process.argv.includes("--dev");
const startedAt = Date.now();
/**
 * Where `npm start` serves the Shopee and TikTok Shop simulators (apps/marketplace-sim): the admin
 * UI, then one port per platform host, so a client signs exactly the path it requests, as in
 * production. The adapters' base URLs (SHOPEE_API_BASE_URL and friends) default to these ports.
 */
const simulatorPorts = [
  { variable: "SIM_PORT", port: 4100, what: "marketplace simulator admin" },
  { variable: "SIM_SHOPEE_PORT", port: 4101, what: "Shopee simulator" },
  { variable: "SIM_TIKTOK_PORT", port: 4102, what: "TikTok Shop simulator" },
  { variable: "SIM_TIKTOK_AUTH_PORT", port: 4103, what: "TikTok Shop auth simulator" },
] as const;

let postgres: RunningPostgres | undefined;
let apps: ConcurrentlyResult | undefined;
let stopRequestedAt: number | undefined;
let exiting: Promise<never> | undefined;

// One orderly shutdown however many signals arrive: a Ctrl-C reaches us from the terminal and
// again through npm and pnpm, all within milliseconds. A signal a few seconds later means "now".
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
  process.on(signal, () => {
    if (stopRequestedAt === undefined) {
      stopRequestedAt = Date.now();
      console.log(`\n${color.cyan("›")} ${signal}: stopping ${apps ? "the apps, then " : ""}PostgreSQL…`);
      // Concurrently forwards the signal to the apps itself; before they run there is only us.
      if (!apps) void exit(0);
    } else if (Date.now() - stopRequestedAt > 3000) {
      warn("stopping forcefully");
      for (const command of apps?.commands ?? []) command.kill("SIGKILL");
      void exit(130);
    }
  });
}

try {
  await main();
} catch (error) {
  // Once a stop was requested, failures of the interrupted step are expected noise.
  if (stopRequestedAt === undefined) fail(describeError(error));
  await exit(1);
}

async function main(): Promise<void> {
  const generated = ensureDevSecrets(repoRoot);
  if (generated.length > 0) step(`generated ${generated.join(", ")} into .env.local`);
  // The apps get the development secrets as real variables: `next start` runs with
  // NODE_ENV=production, where the config deliberately ignores .env.local.
  for (const [name, value] of Object.entries(readLocalEnvFile(repoRoot))) process.env[name] ??= value;

  const ports = readPorts();
  process.env.WEB_URL ??= `http://localhost:${ports.WEB_PORT}`;
  // People read these logs: one coloured line per entry (production keeps JSON for collectors).
  process.env.LOG_FORMAT ??= "pretty";
  // `npm run dev` prints the web app's and the worker's spans (docs/observability.md); OTLP when an
  // endpoint is configured; `OTEL_TRACES_EXPORTER=none` turns tracing off.
  if (dev && !process.env.OTEL_EXPORTER_OTLP_ENDPOINT) process.env.OTEL_TRACES_EXPORTER ??= "console";
  // No network here and no reason to report builds anywhere.
  process.env.NEXT_TELEMETRY_DISABLED ??= "1";
  process.env.GATEWAY_URL ??= `http://localhost:${ports.GATEWAY_PORT}`;
  // The marketplace simulators stand in for Shopee and TikTok Shop (no internet in development);
  // their state survives restarts in .data like the database.
  for (const { variable, port } of simulatorPorts) process.env[variable] ??= String(port);
  // The adapters reach each simulated host on its own port, unless configured otherwise.
  process.env.SHOPEE_API_BASE_URL ??= `http://localhost:${process.env.SIM_SHOPEE_PORT}`;
  process.env.TIKTOK_API_BASE_URL ??= `http://localhost:${process.env.SIM_TIKTOK_PORT}`;
  process.env.TIKTOK_AUTH_BASE_URL ??= `http://localhost:${process.env.SIM_TIKTOK_AUTH_PORT}`;
  process.env.TIKTOK_AUTHORIZE_URL ??= `http://localhost:${process.env.SIM_TIKTOK_AUTH_PORT}/open/authorize`;
  process.env.SIM_SNAPSHOT ??= `${repoRoot}/.data/marketplace-sim.json`;
  // The simulators post signed webhooks to the gateway, at the URL the gateway verifies Shopee's against.
  const webhookUrls = webhookCallbackUrls({
    GATEWAY_URL: process.env.GATEWAY_URL ?? `http://localhost:${ports.GATEWAY_PORT}`,
    GATEWAY_PUBLIC_URL: process.env.GATEWAY_PUBLIC_URL || undefined,
  });
  process.env.SIM_SHOPEE_WEBHOOK_URL ??= webhookUrls.shopee;
  process.env.SIM_TIKTOK_WEBHOOK_URL ??= webhookUrls.tiktok;
  await assertPortsFree([
    { port: ports.WEB_PORT, variable: "WEB_PORT", what: "web admin" },
    { port: ports.GATEWAY_PORT, variable: "GATEWAY_PORT", what: "gateway" },
    ...simulatorPorts.map(({ variable, what }) => ({ port: Number(process.env[variable]), variable, what })),
  ]);

  if (process.env.DATABASE_URL) {
    step(`using DATABASE_URL (${redact(process.env.DATABASE_URL)})`);
  } else {
    const port = Number(process.env.EMBEDDED_PG_PORT ?? 54329);
    postgres = await timed(`embedded PostgreSQL on port ${port}, data in .data/pg`, () =>
      startEmbeddedPostgres({
        name: "pg",
        port,
        portVariable: "EMBEDDED_PG_PORT",
        database: "syncstore",
        onMessage: (m) => step(m),
      }),
    );
    process.env.DATABASE_URL = postgres.url;
  }
  const databaseUrl = process.env.DATABASE_URL;
  if (stopRequestedAt !== undefined) return;

  const { applied } = await timed("migrations applied", () =>
    migrateDatabase(databaseUrl).catch((error: unknown) => {
      // Before a release, migrations are sometimes regenerated; the embedded data is disposable.
      if (postgres)
        fail(
          "Migrations failed on the embedded database. If they were rewritten, `rm -rf .data/pg` starts from empty.",
        );
      throw error;
    }),
  );
  if (applied.length > 0) step(`new migrations: ${applied.join(", ")}`);
  const seeded = await timed("demo organization ready", () => seedDemo(databaseUrl));
  if (stopRequestedAt !== undefined) return;

  if (!dev) await buildWeb();
  if (stopRequestedAt !== undefined) return;

  step(
    `starting web, gateway, worker and the marketplace simulators${dev ? " in development mode" : ""} (${seconds(Date.now() - startedAt)} so far)`,
  );
  await runApps(ports, seeded !== null);
}

function readPorts(): { WEB_PORT: number; GATEWAY_PORT: number } {
  const parsed = envSchema.pick({ WEB_PORT: true, GATEWAY_PORT: true }).safeParse(process.env);
  if (parsed.success) return parsed.data;
  throw new LaunchError(parsed.error.issues.map((issue) => `${String(issue.path[0])}: ${issue.message}`).join("\n"));
}

async function assertPortsFree(wanted: { port: number; variable: string; what: string }[]): Promise<void> {
  const busy: string[] = [];
  for (const { port, variable, what } of wanted) {
    if (!(await isPortFree(port))) busy.push(new PortInUseError(port, variable, what).message);
  }
  if (busy.length > 0) throw new LaunchError(busy.join("\n"));
}

/** `turbo run build` restores .next from its cache when no input changed, so this is quick after the first time. */
async function buildWeb(): Promise<void> {
  const started = Date.now();
  step("building the web app (the first build takes a minute or two; later starts reuse it)");
  const code = await new Promise<number>((resolve) => {
    const child = spawn(
      "pnpm",
      ["exec", "turbo", "run", "build", "--filter=@syncstore/web", "--output-logs=errors-only"],
      {
        cwd: repoRoot,
        stdio: "inherit",
      },
    );
    child.on("exit", (exitCode) => resolve(exitCode ?? 1));
  });
  if (code !== 0)
    throw new LaunchError("The web build failed (output above). `SYNCSTORE_DEV=1 npm start` runs without a build.");
  step("web app built", started);
}

async function runApps(ports: { WEB_PORT: number; GATEWAY_PORT: number }, createdDemo: boolean): Promise<void> {
  const script = dev ? "dev" : "start";
  apps = concurrently(
    [
      { name: "web", command: `pnpm --silent --filter @syncstore/web ${script}`, prefixColor: "cyan" },
      { name: "gateway", command: `pnpm --silent --filter @syncstore/gateway ${script}`, prefixColor: "magenta" },
      { name: "worker", command: `pnpm --silent --filter @syncstore/worker ${script}`, prefixColor: "yellow" },
      { name: "sim", command: `pnpm --silent --filter @syncstore/marketplace-sim ${script}`, prefixColor: "green" },
    ],
    {
      cwd: repoRoot,
      prefix: "name",
      padPrefix: true,
      // One app failing leaves a broken product; stop the others and say which one it was.
      killOthersOn: ["failure"],
      killSignal: "SIGTERM",
      killTimeout: 15_000,
    },
  );

  void announceWhenReady(ports, createdDemo);

  const closed = await apps.result.catch((events: Awaited<ConcurrentlyResult["result"]>) => events);
  if (stopRequestedAt === undefined) {
    const first = [...closed].sort((a, b) => a.timings.endDate.getTime() - b.timings.endDate.getTime())[0];
    fail(
      `${first?.command.name ?? "an app"} stopped (exit code ${String(first?.exitCode)}), so everything was stopped. See its log above.`,
    );
    await exit(1);
  }
  await exit(0);
}

async function announceWhenReady(
  ports: { WEB_PORT: number; GATEWAY_PORT: number },
  createdDemo: boolean,
): Promise<void> {
  const webUrl = `http://localhost:${ports.WEB_PORT}`;
  const simulatorUrl = `http://localhost:${process.env.SIM_PORT ?? simulatorPorts[0].port}`;
  const ready = await Promise.all([
    waitForHttp(`${webUrl}/`),
    waitForHttp(`http://localhost:${ports.GATEWAY_PORT}/healthz`),
    waitForHttp(`${simulatorUrl}/healthz`),
  ]);
  if (stopRequestedAt !== undefined) return;
  if (!ready.every(Boolean)) {
    warn("web, gateway or the simulator is not answering after 3 minutes; see their logs above");
    return;
  }
  console.log(
    box([
      `${color.green("SyncStore is running")} ${color.dim(`(ready in ${seconds(Date.now() - startedAt)})`)}`,
      "",
      `Open      ${color.bold(webUrl)}`,
      `Email     ${color.bold(demoLogin.email)}`,
      `Password  ${color.bold(demoLogin.password)}`,
      `Simulated marketplaces (Shopee, TikTok Shop)  ${color.bold(simulatorUrl)}`,
      color.dim(
        createdDemo
          ? `Demo organization "${demoLogin.organizationName}" was just created.`
          : "Demo login from the first start (unless you changed it).",
      ),
      color.dim("Ctrl-C stops everything."),
    ]),
  );
}

async function waitForHttp(url: string): Promise<boolean> {
  const deadline = Date.now() + 180_000;
  while (Date.now() < deadline && stopRequestedAt === undefined) {
    try {
      await fetch(url, { redirect: "manual", signal: AbortSignal.timeout(5000) });
      return true;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
  return false;
}

function exit(code: number): Promise<never> {
  exiting ??= (async () => {
    if (postgres) {
      const started = Date.now();
      await postgres.stop();
      step("PostgreSQL stopped", started);
    }
    process.exit(code);
  })();
  return exiting;
}

function redact(url: string): string {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = "***";
  return parsed.toString();
}
