import { createLogger as createProcessLogger } from "@syncstore/config/logger";
import type { DestinationStream, Logger, LevelWithSilent } from "pino";

export type { Logger };

/** Credentials travel in these request headers; the simulator never logs them. */
export const redactedPaths = ["req.headers.authorization", "req.headers.cookie", 'req.headers["x-tts-access-token"]'];

export function createLogger(
  level: LevelWithSilent = "info",
  destination?: DestinationStream,
  format: "json" | "pretty" = "json",
): Logger {
  return createProcessLogger({ service: "marketplace-sim", level, destination, format, redact: redactedPaths });
}

const SECRET_PARAMS = /([?&](?:access_token|refresh_token|app_secret|auth_code|code|sign)=)[^&]*/g;

/** A request URL fit for logs: secret-bearing query parameters keep their name, lose their value. */
export function redactUrl(url: string): string {
  return url.replace(SECRET_PARAMS, "$1[redacted]");
}
