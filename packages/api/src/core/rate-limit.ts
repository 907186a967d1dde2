import { sqlRows, type EntityManager } from "@syncstore/db";

/** Calls per minute a signed-in user, and a client address, may make (defaults when not configured). */
export interface ApiLimits {
  perUserPerMinute: number;
  perAddressPerMinute: number;
}

export const DEFAULT_API_LIMITS: ApiLimits = { perUserPerMinute: 1200, perAddressPerMinute: 2400 };

const WINDOW_MS = 60_000;

/** Carried as the cause of the TOO_MANY_REQUESTS error, so the HTTP layer can say when to retry. */
export class RateLimitedError extends Error {
  override readonly name = "RateLimitedError";
  constructor(
    readonly key: string,
    readonly retryAfterSeconds: number,
  ) {
    super(`Too many requests; retry in ${retryAfterSeconds} s`);
  }
}

/**
 * Fixed one-minute windows in the `rate_limit` table (better-auth's, under keys of our own prefix),
 * so every web replica counts against the same numbers. One statement adds each key's calls; keys
 * go in sorted order so concurrent statements lock them in the same order. The hourly
 * `prune-auth-records` removes rows a day old.
 */
const CONSUME = `
insert into rate_limit as r (id, key, count, last_request)
select gen_random_uuid()::text, t.k, t.n, $3::bigint from unnest($1::text[], $2::int[]) as t(k, n) order by t.k
on conflict (key) do update
   set count = case when r.last_request <= $3::bigint - $4::bigint then excluded.count
                    else r.count + excluded.count - coalesce(($5::jsonb ->> excluded.key)::int, 0) end,
       last_request = case when r.last_request <= $3::bigint - $4::bigint then $3::bigint else r.last_request end
returning key, count, last_request::text as window_start`;

type Call = { keys: { key: string; limit: number }[]; settle: (error?: Error) => void };

/** Calls this process may still admit under a key without asking the shared counter, in one window. */
interface Allowance {
  windowStart: number;
  remaining: number;
  /** The limit it was reserved under (a call under another limit asks the counter). */
  limit: number;
}

/**
 * How many calls beyond those waiting a statement reserves for a key: a twentieth of its limit (at
 * most 100). Reserved calls are counted at once, so all replicas together never admit more than
 * the limit; what a replica reserved and did not use by the window's end can make another replica
 * refuse a client up to that many calls early. Below 20 calls a minute, nothing is reserved.
 */
export const allowanceFor = (limit: number) => Math.min(100, Math.floor(limit / 20));

/**
 * Counts calls against their keys. Calls that arrive while a statement is under way wait for it
 * and are then counted together in one statement (each key's count raised by its number of
 * calls), so a burst of requests from one user takes one row lock and one commit instead of one
 * each; every call still learns its own place in the window and is refused exactly when a
 * statement per call would have refused it.
 *
 * Each statement also reserves an allowance per key (`allowanceFor`): later calls are admitted
 * from it in memory, without a statement, until it runs out or the window ends. The calls are
 * still counted (in advance), and the limit still holds across replicas.
 */
export class ApiRateCounter {
  #queue: Call[] = [];
  #running = false;
  readonly #allowances = new Map<string, Allowance>();

  constructor(private readonly em: () => EntityManager) {}

  /** Counts one call for each key; rejects with RateLimitedError for the first key over its limit. */
  consume(keys: { key: string; limit: number }[]): Promise<void> {
    if (keys.length === 0) return Promise.resolve();
    if (this.#admitLocally(keys)) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      this.#queue.push({ keys, settle: (error) => (error ? reject(error) : resolve()) });
      if (!this.#running) void this.#drain();
    });
  }

  #admitLocally(keys: { key: string; limit: number }[]): boolean {
    const now = Date.now();
    for (const { key, limit } of keys) {
      const allowance = this.#allowances.get(key);
      if (
        !allowance ||
        allowance.limit !== limit ||
        allowance.remaining <= 0 ||
        now >= allowance.windowStart + WINDOW_MS
      )
        return false;
    }
    for (const { key } of keys) this.#allowances.get(key)!.remaining -= 1;
    return true;
  }

  async #drain(): Promise<void> {
    this.#running = true;
    try {
      while (this.#queue.length > 0) await this.#count(this.#queue.splice(0));
    } finally {
      this.#running = false;
    }
  }

  async #count(calls: Call[]): Promise<void> {
    // Each call's place among this batch's calls on every key, in arrival order.
    const added = new Map<string, number>();
    const places = calls.map((call) =>
      call.keys.map(({ key, limit }) => {
        const place = (added.get(key) ?? 0) + 1;
        added.set(key, place);
        return { key, limit, place };
      }),
    );
    const keys = [...added.keys()].sort();
    const limits = new Map(calls.flatMap((call) => call.keys.map(({ key, limit }) => [key, limit] as const)));
    const reserved = new Map(keys.map((key) => [key, allowanceFor(limits.get(key)!)]));
    const now = Date.now();
    // A key counted here hands back what is left of its allowance (if its window is still the
    // same), so the count is what was admitted plus what this statement reserves.
    const returned: Record<string, number> = {};
    for (const key of keys) {
      const allowance = this.#allowances.get(key);
      if (!allowance) continue;
      this.#allowances.delete(key);
      if (allowance.remaining > 0 && now < allowance.windowStart + WINDOW_MS) returned[key] = allowance.remaining;
    }
    let rows: { key: string; count: number; window_start: string }[];
    try {
      rows = await sqlRows(this.em(), CONSUME, [
        keys,
        keys.map((key) => added.get(key)! + reserved.get(key)!),
        now,
        WINDOW_MS,
        JSON.stringify(returned),
      ]);
    } catch (error) {
      for (const call of calls) call.settle(error instanceof Error ? error : new Error(String(error)));
      return;
    }
    const byKey = new Map(rows.map((row) => [row.key, row]));
    if (this.#allowances.size > 10_000) {
      for (const [key, allowance] of this.#allowances)
        if (now >= allowance.windowStart + WINDOW_MS) this.#allowances.delete(key);
    }
    // The count before this statement's calls, with what was handed back already taken off.
    const before = new Map(rows.map((row) => [row.key, row.count - added.get(row.key)! - reserved.get(row.key)!]));
    for (const row of rows) {
      // What this statement reserved beyond its calls, up to the limit, is this process's to admit.
      const limit = limits.get(row.key)!;
      const remaining = Math.min(reserved.get(row.key)!, limit - before.get(row.key)! - added.get(row.key)!);
      if (remaining > 0) this.#allowances.set(row.key, { windowStart: Number(row.window_start), remaining, limit });
    }
    calls.forEach((call, index) => {
      for (const { key, limit, place } of places[index]!) {
        const row = byKey.get(key);
        if (!row) continue;
        const count = before.get(key)! + place;
        if (count > limit) {
          const retryAfter = Math.max(1, Math.ceil((Number(row.window_start) + WINDOW_MS - now) / 1000));
          call.settle(new RateLimitedError(key, retryAfter));
          return;
        }
      }
      call.settle();
    });
  }
}
