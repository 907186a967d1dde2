/**
 * Concurrent calls with the same key share one pending load; the result is forgotten as soon as it
 * settles, so nothing is cached: a call that starts after the load has answered loads afresh.
 * For per-request lookups (the session, the caller's membership) that a burst of requests from one
 * user would otherwise repeat, each on its own pooled connection.
 */
export class InFlight<V> {
  readonly #pending = new Map<string, Promise<V>>();

  run(key: string, load: () => Promise<V>): Promise<V> {
    const pending = this.#pending.get(key);
    if (pending) return pending;
    const started = load().finally(() => this.#pending.delete(key));
    this.#pending.set(key, started);
    return started;
  }

  /** Loads pending now (for tests). */
  get size(): number {
    return this.#pending.size;
  }
}

/** One InFlight per owner (an auth instance, an ORM), so separate hosts in one process never share. */
export function inFlightFor<O extends object, V>(table: WeakMap<O, InFlight<V>>, owner: O): InFlight<V> {
  let inFlight = table.get(owner);
  if (!inFlight) {
    inFlight = new InFlight<V>();
    table.set(owner, inFlight);
  }
  return inFlight;
}
