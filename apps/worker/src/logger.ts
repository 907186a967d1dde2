import { Logger as GraphileLogger, type LogFunctionFactory, type LogLevel } from "graphile-worker";
import { createLogger as createProcessLogger } from "@syncstore/config/logger";
import type { DestinationStream, LevelWithSilent, Logger } from "pino";

export type { Logger };

/** The worker's logger (stdout unless a destination is given); tasks log through children. */
export function createLogger(
  level: LevelWithSilent = "info",
  destination?: DestinationStream,
  format: "json" | "pretty" = "json",
): Logger {
  return createProcessLogger({ service: "worker", level, destination, format, redact: ["*.smtpUrl"] });
}

const pinoLevel = { error: "error", warning: "warn", info: "info", debug: "debug" } as const satisfies Record<
  LogLevel,
  string
>;

interface JobLike {
  id?: unknown;
  task_identifier?: unknown;
  attempts?: unknown;
  max_attempts?: unknown;
}

/**
 * graphile-worker's logger, writing through pino with the scope (worker id, task, job id) as
 * bindings. Job rows are reduced to their ids (payloads never reach the log) and per-job success
 * lines go to debug: at thousands of jobs per second they would drown everything else.
 */
export function graphileLogger(logger: Logger): GraphileLogger {
  const factory: LogFunctionFactory = (scope) => {
    const child = logger.child({
      component: "graphile-worker",
      ...(scope.label && { label: scope.label }),
      ...(scope.workerId && { workerId: scope.workerId }),
      ...(scope.taskIdentifier && { task: scope.taskIdentifier }),
      ...(scope.jobId && { jobId: scope.jobId }),
    });
    return (level, message, meta) => {
      const { job, error, success, ...rest } = meta as { job?: JobLike; error?: unknown; success?: unknown };
      const fields: Record<string, unknown> = { ...rest };
      if (job) {
        fields.jobId = job.id;
        fields.task = job.task_identifier;
        fields.attempt = job.attempts;
        fields.maxAttempts = job.max_attempts;
      }
      if (error !== undefined) fields.err = error;
      const target = success === true && level === "info" ? "debug" : pinoLevel[level];
      child[target](fields, message);
    };
  };
  return new GraphileLogger(factory);
}
