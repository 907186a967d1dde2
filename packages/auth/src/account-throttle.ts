import type { Pool } from "pg";

/** Failed sign-ins allowed for one account before delays start. */
export const FREE_FAILURES = 5;
/** The longest delay between attempts on one account: long enough to slow a guesser, short enough never to lock its owner out. */
export const MAX_DELAY_SECONDS = 60;

const keyOf = (email: string) => `signin-account:${email.trim().toLowerCase()}`;

/** Seconds to wait after `failures` failed sign-ins: 1, 2, 4, … from the sixth on, at most a minute. */
export function accountDelaySeconds(failures: number): number {
  if (failures < FREE_FAILURES) return 0;
  return Math.min(MAX_DELAY_SECONDS, 2 ** (failures - FREE_FAILURES));
}

/**
 * Per-account sign-in throttling, whatever address the attempts come from: a distributed guesser
 * is slowed as much as a single one. Counts live in the `rate_limit` table (shared by replicas)
 * under a key of their own; a successful sign-in clears them.
 */
export class AccountThrottle {
  constructor(private readonly pool: Pool) {}

  /** Seconds until `email` may try again (0: now). */
  async waitSeconds(email: string, now = Date.now()): Promise<number> {
    const { rows } = await this.pool.query<{ count: number; last_request: string }>(
      `select count, last_request::text from rate_limit where key = $1`,
      [keyOf(email)],
    );
    const row = rows[0];
    if (!row) return 0;
    const readyAt = Number(row.last_request) + accountDelaySeconds(row.count) * 1000;
    return readyAt > now ? Math.ceil((readyAt - now) / 1000) : 0;
  }

  async recordFailure(email: string, now = Date.now()): Promise<void> {
    await this.pool.query(
      `insert into rate_limit as r (id, key, count, last_request) values (gen_random_uuid()::text, $1, 1, $2)
       on conflict (key) do update set count = r.count + 1, last_request = $2`,
      [keyOf(email), now],
    );
  }

  async clear(email: string): Promise<void> {
    await this.pool.query(`delete from rate_limit where key = $1`, [keyOf(email)]);
  }
}
