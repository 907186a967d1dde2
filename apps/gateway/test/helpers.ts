import { createLogger, type Logger } from "../src/logger";

/** The gateway's logger writing JSON lines to memory, for assertions on what reaches the log. */
export function memoryLogger(): { logger: Logger; lines: () => Record<string, unknown>[]; text: () => string } {
  const chunks: string[] = [];
  const logger = createLogger("debug", { write: (chunk: string) => void chunks.push(chunk) });
  const text = () => chunks.join("");
  return {
    logger,
    text,
    lines: () =>
      text()
        .split("\n")
        .filter(Boolean)
        .map((line) => JSON.parse(line) as Record<string, unknown>),
  };
}
