import { pino, type Logger, type LevelWithSilent } from "pino";

export type { Logger };

/** Paths never written to the log: credentials travel in these headers. */
export const redactedPaths = [
  "req.headers.authorization",
  "req.headers.cookie",
  'req.headers["x-api-key"]',
  'res.headers["set-cookie"]',
];

/** The gateway's JSON logger; request and socket loggers are children of it. */
export function createLogger(level: LevelWithSilent = "info"): Logger {
  return pino({
    level,
    base: { service: "gateway" },
    redact: { paths: redactedPaths, censor: "[redacted]" },
  });
}
