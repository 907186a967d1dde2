import { ConfigError, getConfig } from "@syncstore/config";
import { createLogger } from "./logger";
import { startWorkerProcess } from "./process";

async function main(): Promise<void> {
  const config = getConfig();
  const logger = createLogger(config.LOG_LEVEL, undefined, config.LOG_FORMAT);
  const worker = await startWorkerProcess({ config, logger });

  let stopping = false;
  const shutdown = (signal: NodeJS.Signals) => {
    stopping = true;
    worker
      .stop(signal)
      .then(() => process.exit(0))
      .catch((err: unknown) => {
        logger.error({ err }, "worker shutdown failed");
        process.exit(1);
      });
  };
  process.once("SIGTERM", shutdown);
  process.once("SIGINT", shutdown);

  worker.worker.runner.promise.catch(async (err: unknown) => {
    if (stopping) return;
    logger.fatal({ err }, "worker stopped unexpectedly");
    await worker.release().catch(() => undefined);
    process.exit(1);
  });
}

main().catch((err: unknown) => {
  process.stderr.write(
    `${err instanceof ConfigError ? err.message : String(err instanceof Error ? err.stack : err)}\n`,
  );
  process.exit(1);
});
