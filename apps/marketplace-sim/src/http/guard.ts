import { type Response } from "express";
import { type Clock, nowSeconds } from "../clock";
import { type FaultRegistry, type TrafficCounters } from "../faults";
import { type Random } from "../random";
import { type Platform } from "../store/types";

export type GuardOutcome = "ok" | "rate_limited" | "server_error" | "hang";

/**
 * Applies a shop's traffic rules to one authenticated API call: counts it, enforces the rate
 * limit, adds latency, and injects timeouts and 5xx errors.
 */
export class RequestGuard {
  private readonly hanging = new Set<Response>();

  constructor(
    private readonly faults: FaultRegistry,
    private readonly counters: TrafficCounters,
    private readonly clock: Clock,
    private readonly random: Random,
  ) {}

  async check(platform: Platform, shopKey: string, api: string, res: Response): Promise<GuardOutcome> {
    const faults = this.faults.get(shopKey);
    const limit = this.faults.effectiveRateLimit(platform, shopKey);
    const second = nowSeconds(this.clock);
    const scope = faults.rateLimitScope === "shop" ? null : api;
    const allowed = limit === null || this.counters.acceptedIn(shopKey, scope, second) < limit;
    this.counters.record(shopKey, api, second, allowed);
    if (faults.latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, faults.latencyMs));
    if (!allowed) return "rate_limited";
    if (this.random.chance(faults.timeoutRate)) {
      this.hanging.add(res);
      res.on("close", () => this.hanging.delete(res));
      return "hang";
    }
    if (this.random.chance(faults.errorRate)) return "server_error";
    return "ok";
  }

  /** Ends requests left hanging by the timeout fault (on shutdown). */
  releaseHanging(): void {
    for (const res of this.hanging) res.socket?.destroy();
    this.hanging.clear();
  }
}
