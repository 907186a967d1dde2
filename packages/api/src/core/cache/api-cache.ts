import type { Logger } from "pino";
import { ChangeFeed, type Change } from "./change-feed";

interface Entry<V> {
  version: string;
  value: V;
  expiresAt: number;
}

/** A bounded map; when full, the oldest entry goes (insertion order). */
class Bucket<V> {
  readonly #entries = new Map<string, Entry<V>>();
  constructor(private readonly maxEntries: number) {}

  get(key: string): Entry<V> | undefined {
    return this.#entries.get(key);
  }

  set(key: string, entry: Entry<V>): void {
    this.#entries.delete(key);
    if (this.#entries.size >= this.maxEntries) {
      const oldest = this.#entries.keys().next();
      if (!oldest.done) this.#entries.delete(oldest.value);
    }
    this.#entries.set(key, entry);
  }

  clear(): void {
    this.#entries.clear();
  }

  get size(): number {
    return this.#entries.size;
  }
}

/** Resolves true once every change committed before the request arrived has been applied. */
export type Barrier = () => Promise<boolean>;

export interface ApiCacheOptions {
  /** Safety net: an entry is reloaded after this long even if no change was notified. */
  ttlMs?: number;
  maxEntries?: number;
}

/**
 * In-process caches of the API's hottest reads, exact thanks to the change feed (see ChangeFeed):
 * every read first waits for a barrier (every change committed before the request has been
 * applied), then serves an entry only if its generation is still current. A load records the
 * generation before it reads the database and stores its answer only if no change arrived
 * meanwhile, so an answer read before a change can never be kept past it.
 *
 * - sessions (by the request's cookie and authorization headers) and memberships (organization,
 *   user) and `me.context` answers: the auth generation (sign-out, revoke, organization switch,
 *   role change, removal, user or organization edits);
 * - the grid's blocks (organization + the block's input): that organization's catalog generation.
 */
export class ApiCache {
  readonly #ttlMs: number;
  readonly #sessions: Bucket<unknown>;
  readonly #members: Bucket<unknown>;
  readonly #contexts: Bucket<unknown>;
  readonly #blocks = new Map<string, Bucket<unknown>>();
  readonly #maxEntries: number;

  constructor(
    readonly feed: ChangeFeed,
    options: ApiCacheOptions = {},
  ) {
    this.#ttlMs = options.ttlMs ?? 30_000;
    this.#maxEntries = options.maxEntries ?? 5_000;
    this.#sessions = new Bucket(this.#maxEntries);
    this.#members = new Bucket(this.#maxEntries);
    this.#contexts = new Bucket(this.#maxEntries);
    feed.subscribe((change) => this.#drop(change));
  }

  /**
   * One barrier for one request: every read of the request waits for the same one, started by its
   * first read (after the request arrived, which is all the guarantee needs).
   */
  requestBarrier(): Barrier {
    let started: Promise<boolean> | undefined;
    return () => (started ??= this.feed.barrier());
  }

  /** The session behind these credentials; `undefined` answers (no session) are not kept. */
  session<V>(
    credentials: string,
    load: () => Promise<V>,
    validUntil: (value: V) => number,
    barrier: Barrier = this.#barrier,
  ): Promise<V> {
    return this.#read(
      this.#sessions as Bucket<V>,
      credentials,
      () => this.feed.authVersion(),
      load,
      barrier,
      validUntil,
    );
  }

  /** A user's membership of an organization (or its absence). */
  member<V>(
    organizationId: string,
    userId: string,
    load: () => Promise<V>,
    barrier: Barrier = this.#barrier,
  ): Promise<V> {
    const key = `${organizationId}\n${userId}`;
    return this.#read(this.#members as Bucket<V>, key, () => this.feed.authVersion(), load, barrier);
  }

  /** The `me.context` answer of a user with an active organization. */
  meContext<V>(
    userId: string,
    activeOrganizationId: string | null,
    load: () => Promise<V>,
    barrier: Barrier = this.#barrier,
  ): Promise<V> {
    const key = `${userId}\n${activeOrganizationId ?? ""}`;
    return this.#read(this.#contexts as Bucket<V>, key, () => this.feed.authVersion(), load, barrier);
  }

  /** A grid block of one organization; `input` is the block's parsed input (JSON-serialisable). */
  gridBlock<V>(
    organizationId: string,
    input: unknown,
    load: () => Promise<V>,
    barrier: Barrier = this.#barrier,
  ): Promise<V> {
    let bucket = this.#blocks.get(organizationId);
    if (!bucket) {
      bucket = new Bucket(this.#maxEntries);
      this.#blocks.set(organizationId, bucket);
    }
    const version = () => this.feed.catalogVersion(organizationId);
    return this.#read(bucket as Bucket<V>, JSON.stringify(input), version, load, barrier);
  }

  readonly #barrier: Barrier = () => this.feed.barrier();

  async #read<V>(
    bucket: Bucket<V>,
    key: string,
    version: () => string,
    load: () => Promise<V>,
    barrier: Barrier,
    validUntil?: (value: V) => number,
  ): Promise<V> {
    if (!(await barrier())) return load();
    const current = version();
    const now = Date.now();
    const hit = bucket.get(key);
    if (hit && hit.version === current && hit.expiresAt > now) return hit.value;
    const value = await load();
    if (value !== null && value !== undefined && this.feed.live && version() === current) {
      const expiresAt = Math.min(now + this.#ttlMs, validUntil ? validUntil(value) : Number.POSITIVE_INFINITY);
      if (expiresAt > now) bucket.set(key, { version: current, value, expiresAt });
    }
    return value;
  }

  #drop(change: Change): void {
    if (change.kind === "catalog") {
      this.#blocks.delete(change.organizationId);
      return;
    }
    this.#sessions.clear();
    this.#members.clear();
    this.#contexts.clear();
    if (change.kind === "all") this.#blocks.clear();
  }

  /** Entries held now (for tests). */
  get sizes(): { sessions: number; members: number; contexts: number; blocks: number } {
    let blocks = 0;
    for (const bucket of this.#blocks.values()) blocks += bucket.size;
    return { sessions: this.#sessions.size, members: this.#members.size, contexts: this.#contexts.size, blocks };
  }

  close(): Promise<void> {
    return this.feed.close();
  }
}

/**
 * Starts the change feed on `url` and the caches over it. Never fails: while the feed cannot
 * listen, every read goes to the database.
 */
export async function startApiCache(url: string, logger: Logger, options?: ApiCacheOptions): Promise<ApiCache> {
  const feed = new ChangeFeed(url, logger);
  const cache = new ApiCache(feed, options);
  await feed.connect();
  return cache;
}
