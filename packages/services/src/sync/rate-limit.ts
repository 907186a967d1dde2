import { sqlRows, type EntityManager } from "@syncstore/db";

/**
 * Per-shop call pacing shared by every worker process, kept in PostgreSQL (`channel_rate_limit`).
 * It is GCRA without burst: each key has a theoretical arrival time (tat); reserving a call moves
 * it one interval (1/rate) past max(tat, now) in one atomic upsert, and the caller sleeps until
 * its slot. Calls are therefore spaced evenly, so no calendar second (which is how platforms and
 * the simulator count) sees more than `perSecond` of them, however many workers share the key.
 * A reservation is one round trip; there is no polling and no lock held while waiting.
 */
export async function reserveCall(em: EntityManager, key: string, perSecond: number): Promise<number> {
  const intervalMs = 1000 / perSecond;
  const rows = await sqlRows<{ wait_ms: number }>(
    em,
    `insert into channel_rate_limit as b (key, tat) values ($1, clock_timestamp() + $2 * interval '1 millisecond')
     on conflict (key) do update set tat = greatest(b.tat, clock_timestamp()) + $2 * interval '1 millisecond'
     returning greatest(0, extract(epoch from (b.tat - clock_timestamp())) * 1000 - $2)::float8 as wait_ms`,
    [key, intervalMs],
  );
  return Math.ceil(rows[0]?.wait_ms ?? 0);
}

/**
 * A platform answered "too many requests, retry after N ms": nobody calls that shop's API before
 * then (every worker reads the same row).
 */
export async function holdCalls(em: EntityManager, key: string, ms: number): Promise<void> {
  await sqlRows(
    em,
    `insert into channel_rate_limit as b (key, tat) values ($1, clock_timestamp() + $2 * interval '1 millisecond')
     on conflict (key) do update set tat = greatest(b.tat, clock_timestamp() + $2 * interval '1 millisecond')`,
    [key, ms],
  );
}

export function rateKey(connectionId: string, api: string): string {
  return `${connectionId}:${api}`;
}

export function sleep(ms: number): Promise<void> {
  return ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve();
}

/**
 * Reserves a call's slot and sleeps until it. A slot missed by more than one interval (a stalled
 * event loop, a slow database answer) is given up for a new one instead of sending late next to
 * the calls of the following slots: sends then stay within one interval of slots spaced one
 * interval apart, so no 1-second window sees more than `perSecond + 1` calls from all workers.
 */
export async function waitForSlot(em: EntityManager, key: string, perSecond: number): Promise<void> {
  for (;;) {
    const waitMs = await reserveCall(em.fork(), key, perSecond);
    const slot = performance.now() + waitMs;
    await sleep(waitMs);
    if (performance.now() - slot <= 1000 / perSecond) return;
  }
}
