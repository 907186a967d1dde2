import { createLogger as createProcessLogger } from "@syncstore/config/logger";
import type { DestinationStream, Logger, LevelWithSilent } from "pino";

export type { Logger };

/** Paths never written to the log: credentials travel in these headers. */
export const redactedPaths = [
  "req.headers.authorization",
  "req.headers.cookie",
  'req.headers["x-api-key"]',
  'res.headers["set-cookie"]',
];

/** The gateway's logger (stdout unless a destination is given); request and socket loggers are its children. */
export function createLogger(
  level: LevelWithSilent = "info",
  destination?: DestinationStream,
  format: "json" | "pretty" = "json",
): Logger {
  return createProcessLogger({ service: "gateway", level, destination, format, redact: redactedPaths });
}
