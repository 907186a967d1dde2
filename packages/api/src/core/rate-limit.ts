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
   set count = case when r.last_request <= $3::bigint - $4::bigint then excluded.count else r.count + excluded.count end,
       last_request = case when r.last_request <= $3::bigint - $4::bigint then $3::bigint else r.last_request end
returning key, count, last_request::text as window_start`;

type Call = { keys: { key: string; limit: number }[]; settle: (error?: Error) => void };

/**
 * Counts calls against their keys. Calls that arrive while a statement is under way wait for it
 * and are then counted together in one statement (each key's count raised by its number of
 * calls), so a burst of requests from one user takes one row lock and one commit instead of one
 * each; every call still learns its own place in the window and is refused exactly when a
 * statement per call would have refused it.
 */
export class ApiRateCounter {
  #queue: Call[] = [];
  #running = false;

  constructor(private readonly em: () => EntityManager) {}

  /** Counts one call for each key; rejects with RateLimitedError for the first key over its limit. */
  consume(keys: { key: string; limit: number }[]): Promise<void> {
    if (keys.length === 0) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      this.#queue.push({ keys, settle: (error) => (error ? reject(error) : resolve()) });
      if (!this.#running) void this.#drain();
    });
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
    const now = Date.now();
    let rows: { key: string; count: number; window_start: string }[];
    try {
      rows = await sqlRows(this.em(), CONSUME, [keys, keys.map((key) => added.get(key)), now, WINDOW_MS]);
    } catch (error) {
      for (const call of calls) call.settle(error instanceof Error ? error : new Error(String(error)));
      return;
    }
    const byKey = new Map(rows.map((row) => [row.key, row]));
    calls.forEach((call, index) => {
      for (const { key, limit, place } of places[index]!) {
        const row = byKey.get(key);
        if (!row) continue;
        const count = row.count - added.get(key)! + place;
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
