import pg from "pg";
import type { Logger } from "pino";

/** The NOTIFY channel the database triggers write to (migration `cache_invalidation`). */
export const CACHE_CHANNEL = "syncstore_cache";

/** What a notification says changed: sign-in state and memberships, or one organization's grid rows. */
export type Change = { kind: "auth" } | { kind: "catalog"; organizationId: string } | { kind: "all" };

function parse(payload: string | undefined): Change {
  if (payload === "auth") return { kind: "auth" };
  if (payload?.startsWith("catalog:")) return { kind: "catalog", organizationId: payload.slice("catalog:".length) };
  // Anything unknown flushes everything: too much invalidation is only slower.
  return { kind: "all" };
}

/**
 * A dedicated PostgreSQL connection that LISTENs to the cache channel, whose triggers fire in
 * every writing transaction and deliver only once it commits, whichever process wrote.
 *
 * `barrier()` makes the feed exact rather than eventually consistent: it runs `select 1` on the
 * listening connection, and PostgreSQL sends a listener every notification of the transactions
 * committed before a query ahead of that query's answer (the committing backend signals listeners
 * before it acknowledges its own commit). So once a barrier started after a request arrived has
 * answered, every change committed before the request (a sign-out, a save the client waited for)
 * has been applied to the caches. Requests arriving while a barrier is under way wait for the next
 * one, and all of them share it: one round trip per burst, not per request.
 *
 * While the connection is down the feed is not live: `barrier()` answers false, callers skip their
 * caches, and every generation moves on (`epoch`), so nothing cached before the gap is served after it.
 */
export class ChangeFeed {
  #client: pg.Client | null = null;
  #live = false;
  #closed = false;
  #epoch = 0;
  #auth = 0;
  readonly #catalog = new Map<string, number>();
  readonly #subscribers = new Set<(change: Change) => void>();
  #next: { promise: Promise<boolean>; resolve: (live: boolean) => void } | null = null;
  #running = false;
  #retry: NodeJS.Timeout | null = null;

  constructor(
    private readonly url: string,
    private readonly logger: Logger,
  ) {}

  /** Connects and listens; resolves once the feed is live (rejects if the first attempt fails). */
  async start(): Promise<void> {
    const client = new pg.Client({ connectionString: this.url, application_name: "syncstore-cache-feed" });
    client.on("notification", (message) => {
      if (message.channel === CACHE_CHANNEL) this.#apply(parse(message.payload));
    });
    client.on("error", (err) => this.#lost(client, err));
    client.on("end", () => this.#lost(client));
    try {
      await client.connect();
      await client.query(`listen ${CACHE_CHANNEL}`);
    } catch (err) {
      await client.end().catch(() => {});
      throw err;
    }
    if (this.#closed) {
      await client.end();
      return;
    }
    this.#client = client;
    this.#live = true;
    // Whatever happened while nobody listened is unknown: start from new generations.
    this.#apply({ kind: "all" });
  }

  /**
   * Starts listening without failing: if the first attempt fails, the feed stays off (callers read
   * the database) and keeps retrying, as after a lost connection.
   */
  async connect(): Promise<void> {
    try {
      await this.start();
    } catch (err) {
      this.logger.warn({ err }, "cache change feed could not connect; caches are off until it does");
      this.#scheduleReconnect(1_000);
    }
  }

  get live(): boolean {
    return this.#live;
  }

  /** Called with each applied change (after the generations moved). */
  subscribe(listener: (change: Change) => void): () => void {
    this.#subscribers.add(listener);
    return () => this.#subscribers.delete(listener);
  }

  /** Generation of sessions, memberships and organizations; changes on every such change. */
  authVersion(): string {
    return `${this.#epoch}.${this.#auth}`;
  }

  /** Generation of one organization's grid rows. */
  catalogVersion(organizationId: string): string {
    return `${this.#epoch}.${this.#catalog.get(organizationId) ?? 0}`;
  }

  /**
   * Resolves true once every change committed before this call has been applied, false when the
   * feed is not live (the caller must then read the database).
   */
  barrier(): Promise<boolean> {
    if (!this.#live) return Promise.resolve(false);
    if (!this.#next) {
      let resolve!: (live: boolean) => void;
      const promise = new Promise<boolean>((r) => (resolve = r));
      this.#next = { promise, resolve };
    }
    const waiting = this.#next.promise;
    if (!this.#running) void this.#drain();
    return waiting;
  }

  async #drain(): Promise<void> {
    this.#running = true;
    try {
      while (this.#next) {
        const batch = this.#next;
        this.#next = null;
        const client = this.#client;
        let live = false;
        if (client && this.#live) {
          try {
            await client.query("select 1");
            live = this.#live && this.#client === client;
          } catch {
            live = false;
          }
        }
        batch.resolve(live);
      }
    } finally {
      this.#running = false;
    }
  }

  #apply(change: Change): void {
    if (change.kind === "auth") this.#auth += 1;
    else if (change.kind === "catalog")
      this.#catalog.set(change.organizationId, (this.#catalog.get(change.organizationId) ?? 0) + 1);
    else {
      this.#epoch += 1;
      this.#catalog.clear();
    }
    for (const listener of this.#subscribers) listener(change);
  }

  #lost(client: pg.Client, err?: Error): void {
    if (this.#client !== client) return;
    this.#client = null;
    this.#live = false;
    this.#apply({ kind: "all" });
    if (this.#closed) return;
    this.logger.warn({ err }, "cache change feed lost its PostgreSQL connection; caches are off until it reconnects");
    client.end().catch(() => {});
    this.#scheduleReconnect(1_000);
  }

  #scheduleReconnect(delayMs: number): void {
    if (this.#closed || this.#retry) return;
    this.#retry = setTimeout(() => {
      this.#retry = null;
      this.start().catch((err: unknown) => {
        this.logger.warn({ err }, "cache change feed could not reconnect; retrying");
        this.#scheduleReconnect(Math.min(delayMs * 2, 30_000));
      });
    }, delayMs);
    this.#retry.unref();
  }

  /** Drops the connection as if the network failed (for tests of the reconnect path). */
  simulateDisconnect(): void {
    const client = this.#client;
    if (client) this.#lost(client, new Error("simulated disconnect"));
  }

  async close(): Promise<void> {
    this.#closed = true;
    if (this.#retry) clearTimeout(this.#retry);
    const client = this.#client;
    this.#client = null;
    this.#live = false;
    this.#apply({ kind: "all" });
    await client?.end().catch(() => {});
  }
}
