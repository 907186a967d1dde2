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
 * so every web replica counts against the same numbers. One statement counts every key of the call;
 * keys go in sorted order so concurrent calls lock them in the same order. The hourly
 * `prune-auth-records` removes rows a day old.
 */
const CONSUME = `
insert into rate_limit as r (id, key, count, last_request)
select gen_random_uuid()::text, k, 1, $2::bigint from unnest($1::text[]) as k order by k
on conflict (key) do update
   set count = case when r.last_request <= $2::bigint - $3::bigint then 1 else r.count + 1 end,
       last_request = case when r.last_request <= $2::bigint - $3::bigint then $2::bigint else r.last_request end
returning key, count, last_request::text as window_start`;

/** Counts one call for each key; throws RateLimitedError for the first key over its limit. */
export async function consumeApiRate(em: EntityManager, keys: { key: string; limit: number }[]): Promise<void> {
  if (keys.length === 0) return;
  const sorted = [...keys].sort((a, b) => a.key.localeCompare(b.key));
  const now = Date.now();
  const rows = await sqlRows<{ key: string; count: number; window_start: string }>(em, CONSUME, [
    sorted.map((entry) => entry.key),
    now,
    WINDOW_MS,
  ]);
  for (const row of rows) {
    const limit = sorted.find((entry) => entry.key === row.key)?.limit ?? Number.POSITIVE_INFINITY;
    if (row.count > limit) {
      const retryAfter = Math.max(1, Math.ceil((Number(row.window_start) + WINDOW_MS - now) / 1000));
      throw new RateLimitedError(row.key, retryAfter);
    }
  }
}
