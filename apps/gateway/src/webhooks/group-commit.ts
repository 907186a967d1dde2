import { createHash } from "node:crypto";
import {
  addJobsSql,
  WEBHOOK_PROCESS_MAX_ATTEMPTS,
  WEBHOOK_PROCESS_TASK,
  webhookProcessJobKey,
} from "@syncstore/services";
import { type Pool } from "pg";
import { type Logger } from "../logger";
import { type WebhookMetrics, type WebhookPlatform } from "./metrics";
import { type EventRow, type IntakeStatus } from "./rows";
import { type ShopDirectory, shopKey } from "./shop-directory";

/** What happened to one stored row. */
export interface SavedEvent {
  eventId: string;
  platform: WebhookPlatform;
  eventType: string;
  status: IntakeStatus;
  organizationId: string | null;
  /** False when the event was already stored (a redelivery or a copy in the same batch). */
  inserted: boolean;
  receivedAt: Date;
  /** md5 of the body stored earlier under this key, when the row was already stored. */
  storedMd5?: string | null;
  /** True for a new row kept because its event id was already stored with another body. */
  reusedId?: boolean;
}

export type CommitOutcome = { ok: true; events: SavedEvent[] } | { ok: false; reason: string };

export interface GroupCommitOptions {
  pool: Pool;
  directory: ShopDirectory;
  metrics: WebhookMetrics;
  logger: Logger;
  /** Called after each commit with every row it settled (realtime announcements). */
  onCommitted?: (events: SavedEvent[]) => void;
  /** Called with the rows stored flagged because their event id was already stored with another body. */
  onReusedIds?: (events: SavedEvent[]) => void;
  /**
   * How long the first request of a batch waits for company while a transaction slot is free
   * (default 0: only until the requests already read in this turn of the event loop have queued
   * too). Under load the slots are busy and batches grow by themselves. A fixed wait (2 ms until
   * stop 25) left the second slot idle: in bench:webhooks at 64 senders about one transaction was
   * in the database on average (31–39 rows each); without it about 1.6 are (19 rows each), and in
   * runs interleaved on one machine the median round rose by about 0.03 × the commit ceiling
   * (0.573 and 0.539 → 0.603 and 0.565 while it ran slow, 0.56–0.64 → 0.63–0.65 while it ran fast).
   */
  waitMs?: number;
  /** Rows per transaction at most (default 500). */
  maxBatch?: number;
  /**
   * Transactions in flight at once (default 2; keep below the pool size). Every batch notifies the
   * worker (`add_jobs`) and PostgreSQL serialises the commits of notifying transactions (a
   * cluster-wide lock held from the start of the commit until its WAL flush), so throughput comes
   * from rows per commit. Two make a pipeline: one batch inserts while the other commits. In
   * bench:webhooks a third gave fewer events a second (interleaved runs on a busy machine:
   * 0.20–0.57 × the commit ceiling, median 0.40 ×, against 0.26–0.82 ×, median 0.45 ×, with two),
   * and taking the notification out of `add_jobs` (an experiment only) did not change that: on a
   * busy machine the cost is PostgreSQL's CPU per batch, and three in flight leave fewer rows to each.
   */
  maxInFlight?: number;
  /** A batch not committed by then is answered 503 (it may still commit: redeliveries are duplicates). */
  commitTimeoutMs?: number;
  /** Rows waiting for a transaction at most; beyond it requests get 503 at once (default 20 × maxBatch). */
  maxQueued?: number;
  /**
   * How long after arrival an event of a shop not connected yet is processed (default 45 s): by
   * then the OAuth callback that was racing it has usually stored the connection.
   */
  unknownShopDelayMs?: number;
}

interface Pending {
  rows: EventRow[];
  settle: (outcome: CommitOutcome) => void;
  queuedAt: number;
}

interface UniqueRow {
  row: EventRow;
  copies: number;
}

interface SavedRow {
  id: string;
  platform: WebhookPlatform;
  event_key: string;
  status: IntakeStatus;
  organization_id: string | null;
  inserted: boolean;
  /** md5 of the body already stored under the key (null when this statement inserted the row). */
  stored_md5: string | null;
}

const rowKey = (platform: string, eventKey: string) => `${platform}\u0000${eventKey}`;

/**
 * One statement, so one implicit transaction: every row of the batch is inserted (a row already
 * stored only bumps its duplicate counter), and one `add_jobs` call enqueues processing for the
 * rows that are new and processable (`addJobsSql`: the payload checked against the task's schema,
 * with the `traceparent` of the request that delivered the row). A row the shop directory called
 * unknown is looked up once more in the statement (`input`): the directory trusts a miss for a few
 * seconds, and a shop connected meanwhile would otherwise see its first orders wait for the delayed
 * job below (45 s; bench:inventory's oversell phase, started right after connecting, oversold 44
 * units instead of 1 because of it).
 * A new row of a shop still not connected gets a delayed job
 * ($2): a marketplace pushes "shop authorized" and orders around our OAuth callback, so the shop
 * is often connected a few seconds later and processing adopts the event then (the connect
 * callback's adoption brings the job forward, by its job key `webhook:<id>`; a shop still unknown
 * leaves the row as it is). Only those delayed jobs get a key: a job key makes `add_jobs` look for
 * an existing job with it and keeps a unique index entry (5–14 µs of PostgreSQL CPU per event,
 * about a tenth of the statement, measured on the real committer against PostgreSQL), and a job
 * for a row this statement inserted has nothing to replace. A replay keys its job, so a second
 * replay replaces it; a replay while the first unkeyed job is still queued makes two jobs for the
 * event, and processing is idempotent (the second finds the row processed). Rows are inserted in
 * key order so two batches in flight lock shared keys in the same order and cannot
 * deadlock. `xmax = 0` tells an insert from an update.
 */
const SAVE_BATCH = `
with raw as (
  select * from json_to_recordset($1::json) as r(
    platform text, event_key text, event_type text, external_shop_id text, organization_id text,
    connection_id uuid, headers jsonb, body text, status text, error text, copies int, received_at timestamptz,
    traceparent text)
),
input as (
  select r.platform, r.event_key, r.event_type, r.external_shop_id,
         coalesce(r.organization_id, c.organization_id) as organization_id, coalesce(r.connection_id, c.id) as connection_id,
         r.headers, r.body, case when c.id is not null then 'received' else r.status end as status,
         case when c.id is not null then null else r.error end as error, r.copies, r.received_at, r.traceparent
    from raw r
    left join lateral (
      select c.id, c.organization_id from channel_connection c
       where r.status = 'unknown_shop' and c.platform = r.platform and c.external_shop_id = r.external_shop_id
       order by (c.status = 'active') desc, (c.status <> 'disconnected') desc, c.updated_at desc
       limit 1
    ) c on true
),
saved as (
  insert into webhook_event as w
    (id, organization_id, connection_id, platform, event_key, event_type, external_shop_id, headers, body,
     status, error, duplicates, received_at, last_duplicate_at)
  select gen_random_uuid(), organization_id, connection_id, platform, event_key, event_type, external_shop_id,
         headers, body, status, error, copies - 1, received_at, case when copies > 1 then now() end
    from input
   order by platform, event_key
  on conflict (platform, event_key) do update
     set duplicates = w.duplicates + case when w.body = excluded.body then excluded.duplicates + 1 else 0 end,
         last_duplicate_at = case when w.body = excluded.body then now() else w.last_duplicate_at end
  returning w.id, w.platform, w.event_key, w.status, w.organization_id, w.external_shop_id, (w.xmax = 0) as inserted,
            case when w.xmax <> 0 then md5(w.body) end as stored_md5
),
jobs as (
  select count(*) as enqueued
    from ${addJobsSql({
      task: WEBHOOK_PROCESS_TASK,
      from: `saved s join input i on i.platform = s.platform and i.event_key = s.event_key
       where s.inserted and (s.status = 'received' or (s.status = 'unknown_shop' and s.external_shop_id is not null))`,
      payload: { eventId: "s.id" },
      jobKey: { prefix: webhookProcessJobKey(""), id: "case when s.status = 'unknown_shop' then s.id end" },
      jobKeyMode: "replace",
      runAt: "case when s.status = 'unknown_shop' then now() + $2::interval end",
      maxAttempts: WEBHOOK_PROCESS_MAX_ATTEMPTS,
      // The job continues the trace of the request that delivered the event (its server span).
      traceparent: "i.traceparent",
    })}
)
select s.id::text as id, s.platform, s.event_key, s.status, s.organization_id, s.inserted, s.stored_md5
  from saved s, jobs`;

const md5 = (text: string) => createHash("md5").update(text, "utf8").digest("hex");

/**
 * A message that reuses a stored event id with a different body is no redelivery: only a sender's
 * bug (a simulator numbering from 1 again after a restart) or an attack does that. Acknowledging
 * it as a duplicate would swallow it silently, so it is kept under its own key, `failed` (never
 * processed automatically; it can be replayed once understood), and an alert is raised.
 */
export function reusedIdRow(row: EventRow): EventRow {
  const digest = createHash("sha256").update(row.body, "utf8").digest("hex").slice(0, 16);
  return {
    ...row,
    eventKey: `${row.eventKey}#reused:${digest}`,
    status: "failed",
    error:
      `event_id_reused: event id ${row.eventKey} was already stored with a different body; ` +
      "this copy was kept but not processed. Check the sender before replaying it.",
  };
}

/** Connection-level failures: the database is down or unreachable, not a problem with the rows. */
function isDataError(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  return typeof code === "string" && (code.startsWith("22") || code.startsWith("23"));
}

class CommitTimeoutError extends Error {
  override readonly name = "CommitTimeoutError";
}

/**
 * Group commit: verified requests arriving within a few milliseconds share one transaction. A
 * request's promise settles only after the transaction holding its rows committed (or failed), so
 * no request is acknowledged before its event is durable. While `maxInFlight` transactions are
 * running, new requests queue and go out together in the next one: batches grow with load.
 */
export class GroupCommitter {
  private readonly queue: Pending[] = [];
  private queuedRows = 0;
  private inFlight = 0;
  private readonly running = new Set<Promise<void>>();
  /** The pending flush: a timeout when `waitMs` > 0, else an immediate. */
  private timer: { cancel: () => void } | undefined;
  private readonly waitMs: number;
  private readonly maxBatch: number;
  private readonly maxInFlight: number;
  private readonly commitTimeoutMs: number;
  private readonly maxQueued: number;
  private readonly unknownShopDelay: string;
  private closed = false;

  constructor(private readonly options: GroupCommitOptions) {
    this.waitMs = options.waitMs ?? 0;
    this.maxBatch = options.maxBatch ?? 500;
    this.maxInFlight = options.maxInFlight ?? 2;
    this.commitTimeoutMs = options.commitTimeoutMs ?? 2_500;
    this.maxQueued = options.maxQueued ?? 20 * this.maxBatch;
    this.unknownShopDelay = `${Math.max(0, Math.round(options.unknownShopDelayMs ?? 45_000))} milliseconds`;
  }

  /** Resolves after the rows' transaction committed (ok) or could not commit (not ok). */
  submit(rows: EventRow[]): Promise<CommitOutcome> {
    if (this.closed) return Promise.resolve({ ok: false, reason: "the gateway is shutting down" });
    if (this.queuedRows >= this.maxQueued) {
      for (const row of rows) this.options.metrics.unavailable.inc({ platform: row.platform });
      return Promise.resolve({ ok: false, reason: "the gateway is overloaded" });
    }
    return new Promise((settle) => {
      this.queue.push({ rows, settle, queuedAt: Date.now() });
      this.queuedRows += rows.length;
      this.schedule();
    });
  }

  /** Commits what is queued and waits for every transaction in flight. */
  async close(): Promise<void> {
    this.closed = true;
    this.cancelTimer();
    while (this.queue.length > 0 || this.running.size > 0) {
      if (this.queue.length > 0 && this.inFlight < this.maxInFlight) this.flush();
      if (this.running.size > 0) await Promise.race(this.running);
    }
  }

  private schedule(): void {
    if (this.inFlight >= this.maxInFlight || this.queue.length === 0) return; // a finishing batch flushes
    if (this.queuedRows >= this.maxBatch) {
      this.cancelTimer();
      this.flush();
      return;
    }
    if (this.timer) return;
    const fire = () => {
      this.timer = undefined;
      this.flush();
    };
    if (this.waitMs > 0) {
      const timeout = setTimeout(fire, this.waitMs);
      this.timer = { cancel: () => clearTimeout(timeout) };
    } else {
      // After the poll phase: every request whose bytes arrived with this one joins the batch.
      const immediate = setImmediate(fire);
      this.timer = { cancel: () => clearImmediate(immediate) };
    }
  }

  private cancelTimer(): void {
    this.timer?.cancel();
    this.timer = undefined;
  }

  private flush(): void {
    if (this.queue.length === 0 || this.inFlight >= this.maxInFlight) return;
    const batch: Pending[] = [];
    let rows = 0;
    const stale = Date.now() - this.commitTimeoutMs;
    while (this.queue.length > 0 && (batch.length === 0 || rows + (this.queue[0]?.rows.length ?? 0) <= this.maxBatch)) {
      const next = this.queue.shift() as Pending;
      this.queuedRows -= next.rows.length;
      if (next.queuedAt < stale) {
        // Waited too long for a transaction: the platform is about to give up on this delivery.
        for (const row of next.rows) this.options.metrics.unavailable.inc({ platform: row.platform });
        next.settle({ ok: false, reason: "the database is too slow" });
        continue;
      }
      batch.push(next);
      rows += next.rows.length;
    }
    if (batch.length === 0) return;
    this.inFlight += 1;
    const run = this.commitBatch(batch).finally(() => {
      this.inFlight -= 1;
      this.running.delete(run);
      // Whatever queued meanwhile has waited long enough: send it now.
      if (this.queue.length > 0) {
        this.cancelTimer();
        this.flush();
      }
    });
    this.running.add(run);
    if (this.queue.length > 0 && this.inFlight < this.maxInFlight) this.schedule();
  }

  private async commitBatch(batch: Pending[]): Promise<void> {
    const { metrics, logger } = this.options;
    const unique = new Map<string, UniqueRow>();
    /** The key each request's row is stored under (a reused id with another body gets its own). */
    const keys = new Map<Pending, string[]>();
    for (const pending of batch) {
      const pendingKeys: string[] = [];
      for (const original of pending.rows) {
        let row = original;
        let key = rowKey(row.platform, row.eventKey);
        const first = unique.get(key);
        if (first && first.row.body !== row.body) {
          row = reusedIdRow(row);
          key = rowKey(row.platform, row.eventKey);
        }
        pendingKeys.push(key);
        const seen = unique.get(key);
        if (seen) seen.copies += 1;
        else unique.set(key, { row, copies: 1 });
      }
      keys.set(pending, pendingKeys);
    }
    metrics.batchSize.observe(batch.length);
    const stopTimer = metrics.commitSeconds.startTimer();
    let saved: Map<string, SavedEvent>;
    try {
      saved = await this.withDeadline(this.saveResilient([...unique.values()]));
      stopTimer();
    } catch (error) {
      const timedOut = error instanceof CommitTimeoutError;
      logger.error(
        { err: timedOut ? undefined : error, requests: batch.length },
        timedOut ? "webhook batch not committed in time; answering 503" : "webhook batch failed; answering 503",
      );
      for (const pending of batch) {
        for (const row of pending.rows) metrics.unavailable.inc({ platform: row.platform });
        pending.settle({
          ok: false,
          reason: timedOut ? "the database did not answer in time" : "the database is unavailable",
        });
      }
      return;
    }

    const settledEvents: SavedEvent[] = [];
    const claimed = new Set<string>();
    const reused = new Map<string, SavedEvent>();
    /** Counted per batch, not per row: a labelled counter costs a label lookup per call. */
    const persisted = new Map<string, { platform: WebhookPlatform; status: IntakeStatus; count: number }>();
    const duplicates = { shopee: 0, tiktok: 0 };
    for (const pending of batch) {
      const events: SavedEvent[] = [];
      let missing = false;
      for (const [index, row] of pending.rows.entries()) {
        const key = keys.get(pending)?.[index] ?? rowKey(row.platform, row.eventKey);
        const event = saved.get(key);
        if (!event) {
          missing = true;
          continue;
        }
        // The first request carrying a new row reports it inserted; its copies are duplicates.
        const first = event.inserted && !claimed.has(key);
        claimed.add(key);
        const mine: SavedEvent = { ...event, inserted: first };
        events.push(mine);
        settledEvents.push(mine);
        if (first) {
          const label = `${row.platform}:${event.status}`;
          const counted = persisted.get(label);
          if (counted) counted.count += 1;
          else persisted.set(label, { platform: row.platform, status: event.status, count: 1 });
        } else duplicates[row.platform] += 1;
        if (first && event.reusedId) reused.set(key, mine);
      }
      if (missing) {
        for (const row of pending.rows) metrics.unavailable.inc({ platform: row.platform });
        pending.settle({ ok: false, reason: "the event could not be stored" });
      } else pending.settle({ ok: true, events });
    }
    for (const { platform, status, count } of persisted.values()) metrics.persisted.inc({ platform, status }, count);
    for (const platform of ["shopee", "tiktok"] as const) {
      if (duplicates[platform] > 0) metrics.duplicates.inc({ platform }, duplicates[platform]);
    }
    this.options.onCommitted?.(settledEvents);
    if (reused.size > 0) this.options.onReusedIds?.([...reused.values()]);
  }

  private withDeadline<T>(work: Promise<T>): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new CommitTimeoutError()), this.commitTimeoutMs);
    });
    return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
  }

  /**
   * Saves the batch; when the database refuses its data (a cached connection deleted meanwhile, a
   * value it cannot store), forgets the cache and saves row by row, so one bad row cannot hold the
   * others hostage. Rows that still fail are left out (their requests get 503 and are retried).
   */
  private async saveResilient(rows: UniqueRow[]): Promise<Map<string, SavedEvent>> {
    const saved = await this.saveRows(rows);
    // Rows whose key was already stored with another body are stored again under their own key.
    const mismatched = rows.filter(({ row }) => {
      const event = saved.get(rowKey(row.platform, row.eventKey));
      return event?.storedMd5 != null && event.storedMd5 !== md5(row.body);
    });
    if (mismatched.length === 0) return saved;
    const flagged = await this.saveRows(mismatched.map(({ row, copies }) => ({ row: reusedIdRow(row), copies })));
    for (const { row } of mismatched) {
      const event = flagged.get(rowKey(row.platform, reusedIdRow(row).eventKey));
      const key = rowKey(row.platform, row.eventKey);
      if (event) saved.set(key, { ...event, reusedId: true });
      else saved.delete(key);
    }
    return saved;
  }

  private async saveRows(rows: UniqueRow[]): Promise<Map<string, SavedEvent>> {
    try {
      return await this.save(rows);
    } catch (error) {
      if (!isDataError(error)) throw error;
      this.options.logger.warn({ err: error, rows: rows.length }, "webhook batch refused; saving row by row");
      this.options.directory.invalidate();
      const all = new Map<string, SavedEvent>();
      for (const row of rows) {
        try {
          for (const [key, event] of await this.save([row])) all.set(key, event);
        } catch (rowError) {
          if (!isDataError(rowError)) throw rowError;
          this.options.logger.error(
            { err: rowError, platform: row.row.platform, eventKey: row.row.eventKey },
            "webhook event could not be stored",
          );
        }
      }
      return all;
    }
  }

  private async save(rows: UniqueRow[]): Promise<Map<string, SavedEvent>> {
    const shops = rows.flatMap(({ row }) =>
      row.externalShopId === null ? [] : [{ platform: row.platform, shopId: row.externalShopId }],
    );
    const connections = await this.options.directory.resolve(shops);
    const byKey = new Map<string, UniqueRow>();
    const records = rows.map(({ row, copies }) => {
      byKey.set(rowKey(row.platform, row.eventKey), { row, copies });
      const connection =
        row.externalShopId === null ? null : (connections.get(shopKey(row.platform, row.externalShopId)) ?? null);
      const status: IntakeStatus = row.status === "received" && !connection ? "unknown_shop" : row.status;
      return {
        platform: row.platform,
        event_key: row.eventKey,
        event_type: row.eventType,
        external_shop_id: row.externalShopId,
        organization_id: connection?.organizationId ?? null,
        connection_id: connection?.connectionId ?? null,
        headers: row.headers,
        body: row.body,
        status,
        error:
          row.status === "received" && !connection ? `shop ${row.externalShopId ?? "?"} is not connected` : row.error,
        copies,
        received_at: row.receivedAt.toISOString(),
        traceparent: row.traceparent ?? null,
      };
    });
    // Named, so each connection parses and plans the statement once.
    const { rows: savedRows } = await this.options.pool.query<SavedRow>({
      name: "webhook-save-batch",
      text: SAVE_BATCH,
      values: [JSON.stringify(records), this.unknownShopDelay],
    });
    const saved = new Map<string, SavedEvent>();
    const unknown = new Set(
      records.flatMap((record) =>
        record.status === "unknown_shop" ? [rowKey(record.platform, record.event_key)] : [],
      ),
    );
    let foundConnected = false;
    for (const savedRow of savedRows) {
      const key = rowKey(savedRow.platform, savedRow.event_key);
      const source = byKey.get(key);
      if (unknown.has(key) && savedRow.status === "received") foundConnected = true;
      saved.set(key, {
        eventId: savedRow.id,
        platform: savedRow.platform,
        eventType: source?.row.eventType ?? "",
        status: savedRow.status,
        organizationId: savedRow.organization_id,
        inserted: savedRow.inserted,
        receivedAt: source?.row.receivedAt ?? new Date(),
        storedMd5: savedRow.stored_md5,
        reusedId: savedRow.inserted && savedRow.event_key.includes("#reused:"),
      });
    }
    // A shop the directory still calls unknown is connected now: stop trusting its cached misses.
    if (foundConnected) this.options.directory.invalidate();
    return saved;
  }
}
