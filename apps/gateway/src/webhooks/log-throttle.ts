import { type Logger } from "../logger";

/**
 * One log line per reason per interval: the first occurrence is logged at once, the rest are
 * counted and reported with the next line, so a flood of forged requests cannot flood the log.
 */
export class LogThrottle {
  private readonly last = new Map<string, { at: number; suppressed: number }>();

  constructor(
    private readonly logger: Logger,
    private readonly intervalMs = 10_000,
  ) {}

  warn(reason: string, fields: Record<string, unknown>, message: string, now = Date.now()): void {
    const entry = this.last.get(reason);
    if (entry && now - entry.at < this.intervalMs) {
      entry.suppressed += 1;
      return;
    }
    this.logger.warn({ ...fields, reason, suppressedSinceLastLine: entry?.suppressed ?? 0 }, message);
    this.last.set(reason, { at: now, suppressed: 0 });
  }
}
