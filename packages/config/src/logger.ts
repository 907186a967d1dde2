import { pino, type DestinationStream, type LevelWithSilent, type Logger, type LoggerOptions } from "pino";
import pretty from "pino-pretty";

export type { Logger };

export interface CreateLoggerOptions {
  service: string;
  level?: LevelWithSilent;
  /** "pretty" writes one coloured line per entry (development); "json" one JSON object per line. */
  format?: "json" | "pretty";
  /** Extra paths to censor; authorization and cookie headers always are. */
  redact?: string[];
  destination?: DestinationStream;
}

const alwaysRedacted = [
  "req.headers.authorization",
  "req.headers.cookie",
  'req.headers["x-api-key"]',
  'res.headers["set-cookie"]',
  "*.password",
  "*.token",
  "*.accessToken",
  "*.refreshToken",
];

/** The one way every process makes its pino logger. */
export function createLogger(options: CreateLoggerOptions): Logger {
  const config: LoggerOptions = {
    level: options.level ?? "info",
    base: { service: options.service },
    redact: { paths: [...alwaysRedacted, ...(options.redact ?? [])], censor: "[redacted]" },
  };
  if (options.destination) return pino(config, options.destination);
  if (options.format === "pretty") {
    // A synchronous stream in this thread (no transport worker), so it also works inside Next.js.
    return pino(
      config,
      pretty({
        colorize: true,
        singleLine: true,
        sync: true,
        ignore: "pid,hostname,service",
        translateTime: "HH:MM:ss.l",
      }),
    );
  }
  return pino(config);
}
