import { pino, type DestinationStream, type Logger, type LevelWithSilent } from "pino";

export type { Logger };

/** Paths never written to the log: credentials travel in these headers. */
export const redactedPaths = [
  "req.headers.authorization",
  "req.headers.cookie",
  'req.headers["x-api-key"]',
  'res.headers["set-cookie"]',
];

/** The gateway's JSON logger (stdout unless a destination is given); request and socket loggers are its children. */
export function createLogger(level: LevelWithSilent = "info", destination?: DestinationStream): Logger {
  const options = {
    level,
    base: { service: "gateway" },
    redact: { paths: redactedPaths, censor: "[redacted]" },
  };
  return destination ? pino(options, destination) : pino(options);
}
