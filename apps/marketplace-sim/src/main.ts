import { devTikTokApp } from "./credentials";
import { createLogger } from "./logger";
import {
  PortInUseError,
  createSimulator,
  simulatorEndpoints,
  simulatorPortVariables,
  simulatorUrls,
  type SimulatorPorts,
} from "./simulator";

/** How long in-flight requests get to finish after SIGTERM before the process exits anyway. */
const SHUTDOWN_TIMEOUT_MS = 5_000;

function numberEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0) throw new Error(`${name} must be a non-negative number; got "${raw}"`);
  return value;
}

const emptyBodySigning = ["as-sent", "omitted", "either"] as const;

function emptyBodySigningEnv(): (typeof emptyBodySigning)[number] | undefined {
  const raw = process.env.SIM_TIKTOK_EMPTY_BODY_SIGNING;
  if (raw === undefined || raw === "") return undefined;
  const found = emptyBodySigning.find((value) => value === raw);
  if (!found)
    throw new Error(`SIM_TIKTOK_EMPTY_BODY_SIGNING must be one of ${emptyBodySigning.join(", ")}; got "${raw}"`);
  return found;
}

function main(): void {
  const logger = createLogger(
    (process.env.LOG_LEVEL as "info" | undefined) ?? "info",
    undefined,
    process.env.LOG_FORMAT === "pretty" ? "pretty" : "json",
  );
  const ports = Object.fromEntries(
    simulatorEndpoints.map((endpoint) => {
      const { variable, defaultPort } = simulatorPortVariables[endpoint];
      return [endpoint, numberEnv(variable, defaultPort)];
    }),
  ) as SimulatorPorts;
  const seed = process.env.SIM_SEED ? numberEnv("SIM_SEED", 0) : undefined;
  const simulator = createSimulator({
    logger,
    seed,
    snapshotPath: process.env.SIM_SNAPSHOT || undefined,
    webhookTargets: {
      shopee: process.env.SIM_SHOPEE_WEBHOOK_URL || null,
      tiktok: process.env.SIM_TIKTOK_WEBHOOK_URL || null,
    },
    webhookTimeScale: numberEnv("SIM_WEBHOOK_TIME_SCALE", 1),
    apps: { tiktok: { ...devTikTokApp, redirectUrl: process.env.SIM_TIKTOK_REDIRECT_URL || devTikTokApp.redirectUrl } },
    protocol: { tiktokEmptyBodySigning: emptyBodySigningEnv() },
  });

  let shuttingDown = false;
  const shutdown = (signal: NodeJS.Signals) => {
    if (shuttingDown) return;
    shuttingDown = true;
    logger.info({ signal }, "marketplace simulator shutting down");
    const force = setTimeout(() => {
      logger.warn("shutdown timed out; exiting with requests still open");
      process.exit(1);
    }, SHUTDOWN_TIMEOUT_MS);
    force.unref();
    simulator.close().then(
      () => {
        logger.info("marketplace simulator stopped");
        process.exit(0);
      },
      (err: unknown) => {
        logger.error({ err }, "marketplace simulator shutdown failed");
        process.exit(1);
      },
    );
  };
  process.once("SIGTERM", shutdown);
  process.once("SIGINT", shutdown);

  simulator.listen(ports).then(
    (bound) => {
      logger.info({ ports: bound, ...simulatorUrls(bound) }, "marketplace simulator listening");
    },
    (err: unknown) => {
      if (err instanceof PortInUseError) logger.fatal(err.message);
      else logger.fatal({ err }, "marketplace simulator failed to start");
      process.exit(1);
    },
  );
}

try {
  main();
} catch (err) {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
}
