import { randomUUID } from "node:crypto";
import { ChannelError, isChannelError, type ChannelDeps, type ShopSession } from "@syncstore/channels";
import { sqlRows, type EntityManager } from "@syncstore/db";
import type { AlertRaisedPayload, RealtimeEmitter } from "@syncstore/realtime";
import type { Logger } from "pino";
import { raiseAlert } from "../alerts/raise";
import { refreshConnection } from "../channels/refresh-connection";
import { shopSessionOf } from "../channels/shop-session";
import {
  claimListings,
  nextClaimableListing,
  readConnection,
  readListingStates,
  recheckListingLater,
  renewClaims,
  type ConnectionRow,
} from "./claims";
import { addJobsSql } from "../enqueue";
import { SYNC_LISTING_TASK, syncListingJobKey } from "./mark";
import { withoutPausedOperations } from "../conflicts/pause";
import { holdForOrders, recheckListingSoon, WATERMARK_RECHECK_MS } from "../orders/watermark";
import { changedOperations, desiredState, type SyncOperation } from "./desired";
import { callOutcomes, planCalls, type OperationOutcome, type PlannedCall, type PlannedListing } from "./push";
import { holdCalls, rateKey, sleep, waitForSlot } from "./rate-limit";
import { decide } from "./decide";
import { recordResults, type RecordOutcome } from "./record";
import type { SyncSettings } from "./settings";

export interface SyncEngineDeps {
  /** Root EntityManager; the engine forks it. */
  em: EntityManager;
  channels: Pick<ChannelDeps, "adapters" | "keyring">;
  realtime: RealtimeEmitter;
  log: Logger;
  settings: SyncSettings;
}

export interface SyncJobSummary {
  claimed: number;
  calls: number;
  succeeded: number;
  failed: number;
  retrying: number;
  released: number;
  /** 1 when the job left its listing to a drain of its shop already running in this process. */
  handedOver: number;
}

const LISTINGS_PER_EVENT = 50;
/** Postgres error codes worth retrying a short transaction for. */
const RETRYABLE_SQL = new Set(["40P01", "40001"]);

/**
 * One `sync-listing` job: claim the listing and other pending listings of its shop (up to the
 * platform's batch limit), read master state, send only what differs from the last synced
 * snapshot, and record per listing and operation. See docs/architecture.md, "Sync engine".
 *
 * On a rate-limited shop the job then drains the shop: it claims the next batch, and the next,
 * until nothing is left. At most `drainsPerShop` jobs of one process drain a shop; the shop's
 * other jobs hand their listing to them and end at once. Without this, the jobs of a shop whose
 * calls queue behind its rate limit sit in every worker slot waiting for their turn, and other
 * shops' jobs get no slot (bench:sync saw Shopee make no call for 8 s while TikTok's paced jobs
 * held all ten slots).
 */
export async function runSyncJob(
  deps: SyncEngineDeps,
  listingId: string,
  signal?: AbortSignal,
): Promise<SyncJobSummary> {
  const first = await readConnection(deps.em.fork(), listingId);
  // Most jobs find their listing already pushed in another job's batch: one indexed read.
  if (!first?.claimable) return emptySummary();
  if (!deps.settings.rateLimits[first.platform]) return (await runBatch(deps, listingId)).summary;
  const drain = shopDrains.get(first.id);
  if (drain && drain.live >= deps.settings.drainsPerShop) {
    drain.asks += 1;
    await recheckListingLater(deps.em.fork(), listingId, deps.settings.claimTtlMs);
    return { ...emptySummary(), handedOver: 1 };
  }
  return drainShop(deps, listingId, first.id, signal);
}

/** The drains of rate-limited shops running in this process, by connection id. */
const shopDrains = new Map<string, { live: number; asks: number }>();

/** Drains until the shop has nothing claimable, or the worker shuts down (`signal`): late jobs cover the rest. */
async function drainShop(
  deps: SyncEngineDeps,
  listingId: string,
  connectionId: string,
  signal?: AbortSignal,
): Promise<SyncJobSummary> {
  const total = emptySummary();
  const drain = shopDrains.get(connectionId) ?? { live: 0, asks: 0 };
  shopDrains.set(connectionId, drain);
  drain.live += 1;
  try {
    let next: string | undefined = listingId;
    let idle = 0;
    while (next && !signal?.aborted) {
      const { summary, held } = await runBatch(deps, next);
      for (const key of Object.keys(total) as (keyof SyncJobSummary)[]) total[key] += summary[key];
      // Orders of this shop wait to be applied: the recheck job the hold queued carries on.
      if (held) break;
      // A listing picked but not claimed (another process took it): give up after a few in a row.
      idle = summary.claimed === 0 ? idle + 1 : 0;
      if (idle >= 3) break;
      // A job that handed over after the last pick started is picked up by another round.
      for (;;) {
        const asked = drain.asks;
        next = await nextClaimableListing(deps.em.fork(), connectionId);
        if (next || drain.asks === asked) break;
      }
    }
  } finally {
    drain.live -= 1;
    if (drain.live === 0) shopDrains.delete(connectionId);
  }
  return total;
}

function emptySummary(): SyncJobSummary {
  return { claimed: 0, calls: 0, succeeded: 0, failed: 0, retrying: 0, released: 0, handedOver: 0 };
}

/** One batch: claim, push, record. `held` when the shop's received orders must be applied first. */
async function runBatch(deps: SyncEngineDeps, listingId: string): Promise<{ summary: SyncJobSummary; held: boolean }> {
  const summary = emptySummary();
  const token = randomUUID();
  const claimed = await claimBatch(deps, listingId, token);
  if (claimed === "held") return { summary, held: true };
  if (!claimed || claimed.states.length === 0) return { summary, held: false };
  summary.claimed = claimed.states.length;
  const push = new SyncPush(deps, listingId, token, claimed, summary);

  // An order of this shop may have arrived while the numbers were computed: hold and recompute.
  if (
    push.calls.some((call) => call.api === "stock") &&
    (await holdForOrders(deps.em.fork(), claimed.connection.id, claimed.watermark)).pending
  ) {
    await releaseClaims(deps.em, token, WATERMARK_RECHECK_MS);
    summary.released = claimed.states.length;
    return { summary, held: true };
  }
  await push.run();
  await push.stopShopIfRevoked();
  deps.log.debug({ listingId, ...summary }, "sync job done");
  return { summary, held: false };
}

type ClaimedBatch = {
  connection: ConnectionRow;
  states: Awaited<ReturnType<typeof readListingStates>>;
  /**
   * The order events the numbers were read after (ISO text): the hold's cutoff they were read under,
   * else the time they were read. The watermark's check after computing waits for those only.
   */
  watermark: string;
};

/** Claims the listing and other pending listings of its shop, unless its shop's received orders are not applied yet. */
async function claimBatch(
  deps: SyncEngineDeps,
  listingId: string,
  token: string,
): Promise<ClaimedBatch | "held" | null> {
  return deps.em.fork().transactional(async (tx) => {
    const connection = await readConnection(tx, listingId);
    if (!connection) return null;
    // Watermark: a stock number computed before the shop's received orders are applied is stale.
    const hold = await holdForOrders(tx, connection.id);
    if (hold.pending) {
      await recheckListingSoon(tx, listingId);
      return "held" as const;
    }
    const limit = deps.channels.adapters.get(connection.platform).batchLimit;
    const ids = await claimListings(tx, { listingId, token, limit, ttlMs: deps.settings.claimTtlMs });
    const [clock] = await sqlRows<{ at: string }>(tx, `select to_json(clock_timestamp()) #>> '{}' as at`);
    const states = await readListingStates(tx, ids);
    return { connection, states, watermark: hold.held ? hold.cutoff : clock!.at };
  });
}

/** Plans the desired state of each claimed listing and groups the changed operations into calls. */
function planBatch(
  deps: SyncEngineDeps,
  claimed: ClaimedBatch,
): { planned: PlannedListing[] } & ReturnType<typeof planCalls> {
  const adapter = deps.channels.adapters.get(claimed.connection.platform);
  const planned: PlannedListing[] = claimed.states.map((state) => {
    const desired = desiredState({
      ...state,
      addPromotionReserved: adapter.stockSemantics.setIncludesPromotionReserved,
    });
    // A field group with an open conflict waits for a person; the listing's other fields still go.
    return {
      state,
      desired,
      ops: withoutPausedOperations(changedOperations(desired, state.lastSynced), state.pausedGroups),
    };
  });
  return { planned, ...planCalls(planned, adapter.batchLimit) };
}

/** The push of one claimed batch: sends its calls, records listings as they complete, refreshes an expired token once. */
class SyncPush {
  readonly planned: PlannedListing[];
  readonly calls: PlannedCall[];
  private readonly outcomes: OperationOutcome[];
  private readonly adapter: ReturnType<SyncEngineDeps["channels"]["adapters"]["get"]>;
  private readonly settings: SyncSettings;
  private connection: ConnectionRow;
  private session: ShopSession | null = null;
  private stop: ChannelError | null = null;
  private claimRenewedAt = Date.now();
  private readonly heldApis = new Map<string, ChannelError>();
  // Listings are recorded as soon as all their calls answered, so a worker killed mid-job loses
  // (and later re-sends) only the calls it had in flight. Auth failures wait for the refresh.
  // Records run one after another in the background (each takes every listing ready by then), so
  // the calls are not held up by commits and a job has at most one record transaction open.
  private readonly recordedIds = new Set<string>();
  private recording: Promise<void> = Promise.resolve();
  /** Calls answered but not yet recorded; lanes wait when it reaches the call concurrency. */
  private unrecordedCalls = 0;

  constructor(
    private readonly deps: SyncEngineDeps,
    private readonly listingId: string,
    private readonly token: string,
    claimed: ClaimedBatch,
    private readonly summary: SyncJobSummary,
  ) {
    this.settings = deps.settings;
    this.connection = claimed.connection;
    this.adapter = deps.channels.adapters.get(claimed.connection.platform);
    const { planned, calls, refused } = planBatch(deps, claimed);
    this.planned = planned;
    this.calls = calls;
    this.outcomes = [...refused];
    try {
      this.session = shopSessionOf(deps.channels.keyring, this.connection);
    } catch (err) {
      deps.log.error({ err, connectionId: this.connection.id }, "sync: cannot decrypt the shop's token");
      this.stop = new ChannelError("AUTH_REVOKED", "The shop's access token cannot be read; connect the shop again");
    }
  }

  /** Sends every call, then records what is left; an unexpected failure releases the claims and rethrows. */
  async run(): Promise<void> {
    try {
      void this.flush(false);
      await pool(this.calls, this.settings.callConcurrency, this.runCall);
      if (this.stop?.code === "AUTH_EXPIRED" && this.session) await this.refreshAndResend();
      await this.flush(true);
    } catch (err) {
      // Unexpected (not a platform answer): let the claims lapse and graphile-worker retry the job.
      this.deps.log.error({ err }, "sync push failed unexpectedly");
      await releaseClaims(this.deps.em, this.token).catch(() => undefined);
      throw err;
    }
  }

  /**
   * An expired token is refreshed once (under the connection's row lock) and the calls it
   * stopped are sent again; a refused refresh means the seller must authorize again.
   */
  private async refreshAndResend(): Promise<void> {
    const { deps, outcomes } = this;
    const expired = this.connection.accessTokenEnc;
    const outcome = await refreshConnection(deps.em, deps.channels, this.connection.id, deps.log, () => new Date(), {
      rejectedAccessTokenEnc: expired,
    });
    const fresh = await readConnection(deps.em.fork(), this.listingId);
    if ((outcome === "refreshed" || outcome === "fresh") && fresh?.accessTokenEnc) {
      this.connection = fresh;
      this.session = shopSessionOf(deps.channels.keyring, this.connection);
      this.stop = null;
      const retried = this.calls.filter((call) =>
        call.listings.some((listing) =>
          outcomes.some(
            (o) => o.listingId === listing.state.id && o.op === call.api && o.error?.code === "AUTH_EXPIRED",
          ),
        ),
      );
      const replaced = new Set(
        retried.flatMap((call) => call.listings.map((listing) => `${listing.state.id}:${call.api}`)),
      );
      const kept = outcomes.filter((o) => !replaced.has(`${o.listingId}:${o.op}`));
      outcomes.length = 0;
      outcomes.push(...kept);
      await pool(retried, this.settings.callConcurrency, this.runCall);
    } else if (outcome === "needs_reauth") {
      this.stop = new ChannelError("AUTH_REVOKED", "The shop refused to refresh its token; connect the shop again");
    }
  }

  /** After a revoked or unreadable token: the shop stops pushing and its people are told. */
  async stopShopIfRevoked(): Promise<void> {
    const revoked = this.stop?.code === "AUTH_REVOKED" ? this.stop : null;
    if (!revoked) return;
    const { deps, connection } = this;
    const alert = await deps.em.fork().transactional((tx) => markNeedsReauth(tx, connection, revoked.message));
    const room = deps.realtime.toOrganization(connection.organizationId);
    const warn = (err: unknown) => deps.log.warn({ err }, "realtime emit failed");
    await room.emit("connection.changed", { connectionId: connection.id, status: "needs_reauth" }).catch(warn);
    if (alert) await room.emit("alert.raised", alert).catch(warn);
  }

  private flush(final: boolean): Promise<void> {
    this.recording = this.recording.then(() => this.record(final));
    this.recording.catch(() => undefined);
    return this.recording;
  }

  /** Records every listing whose calls all answered (all of them when `final`), in one transaction. */
  private async record(final: boolean): Promise<void> {
    const { outcomes, summary } = this;
    this.unrecordedCalls = 0;
    const ready = this.planned.filter((listing) => {
      if (this.recordedIds.has(listing.state.id)) return false;
      if (final) return true;
      const mine = outcomes.filter((o) => o.listingId === listing.state.id);
      return (
        mine.length >= listing.ops.length &&
        !mine.some((o) => o.error?.code === "AUTH_EXPIRED" || o.error?.code === "AUTH_REVOKED")
      );
    });
    if (ready.length === 0) return;
    for (const listing of ready) this.recordedIds.add(listing.state.id);
    const ids = new Set(ready.map((listing) => listing.state.id));
    const revoked = final && this.stop?.code === "AUTH_REVOKED";
    const mine = outcomes.filter((o) => ids.has(o.listingId));
    const { records, logs } = decide(ready, mine, this.connection, this.settings, revoked);
    for (const record of records) {
      if (record.result === "success") summary.succeeded += 1;
      else if (record.result === "failed") summary.failed += 1;
      else if (record.result === "retry") summary.retrying += 1;
      else summary.released += 1;
    }
    const recorded = await withRetries(() =>
      this.deps.em.fork().transactional((tx) => recordResults(tx, this.token, records, logs)),
    );
    await announce(this.deps, recorded, this.connection);
  }

  /** Sends one call (after the rate limit and a claim renewal when due) and keeps its outcomes. */
  private readonly runCall = async (call: PlannedCall): Promise<OperationOutcome[]> => {
    const { deps, settings, connection } = this;
    const blocked = this.stop ?? this.heldApis.get(call.api);
    if (blocked || !this.session)
      return this.skip(call, blocked ?? this.stop ?? new ChannelError("AUTH_REVOKED", "No session"));
    while (this.unrecordedCalls >= settings.callConcurrency) await this.recording;
    const limit = settings.rateLimits[connection.platform];
    if (limit) await waitForSlot(deps.em, rateKey(connection.id, call.api), limit);
    if (Date.now() - this.claimRenewedAt > settings.claimTtlMs / 2) {
      this.claimRenewedAt = Date.now();
      await renewClaims(deps.em.fork(), this.token, settings.claimTtlMs);
    }
    const again = this.stop ?? this.heldApis.get(call.api);
    if (again) return this.skip(call, again);
    const started = performance.now();
    this.summary.calls += 1;
    let result: OperationOutcome[];
    try {
      const value = await call.send(this.adapter, this.session);
      result = callOutcomes(call, { ok: true, value }, Math.round(performance.now() - started));
    } catch (error) {
      if (!isChannelError(error)) throw error;
      await this.holdOrStop(call, error);
      result = callOutcomes(call, { ok: false, error }, Math.round(performance.now() - started));
    }
    this.outcomes.push(...result);
    this.unrecordedCalls += 1;
    void this.flush(false);
    return [];
  };

  /** A rate limit holds the call's API for this shop; an auth failure stops the remaining calls. */
  private async holdOrStop(call: PlannedCall, error: ChannelError): Promise<void> {
    if (error.code === "RATE_LIMITED") {
      this.heldApis.set(call.api, error);
      await holdCalls(this.deps.em.fork(), rateKey(this.connection.id, call.api), error.retryAfterMs ?? 1_000);
    } else if (error.code === "AUTH_EXPIRED" || error.code === "AUTH_REVOKED") {
      this.stop ??= error;
    }
  }

  private skip(call: PlannedCall, error: ChannelError): OperationOutcome[] {
    this.outcomes.push(...callOutcomes(call, { ok: false, error }, 0));
    void this.flush(false);
    return [];
  }
}

/** Stops the shop's pushes until it is connected again, and raises (or bumps) the re-authorization alert. */
async function markNeedsReauth(
  tx: EntityManager,
  connection: ConnectionRow,
  reason: string,
): Promise<AlertRaisedPayload | null> {
  const rows = await sqlRows<{ name: string }>(
    tx,
    `update channel_connection set status = 'needs_reauth', last_error = $2, updated_at = now()
      where id = $1 and status <> 'disconnected' returning name`,
    [connection.id, `Sync stopped: ${reason}`],
  );
  const name = rows[0]?.name;
  if (!name) return null;
  return raiseAlert(tx, {
    organizationId: connection.organizationId,
    kind: "channel.reauth",
    dedupeKey: `channel.reauth:${connection.id}`,
    severity: "critical",
    title: `${name} needs to be connected again`,
    detail: `Pushes to this shop are stopped and its listings wait as pending: ${reason}`,
    subject: { connectionId: connection.id },
  });
}

/** After an unexpected failure: this job's listings go back to pending, each with a job again shortly. */
async function releaseClaims(em: EntityManager, token: string, delayMs = 5_000): Promise<void> {
  await sqlRows(
    em.fork(),
    `with released as (
       update listing set sync_claim = null, sync_claimed_until = null,
              sync_state = case when sync_state = 'syncing' then 'pending' else sync_state end
        where sync_claim = $1
        returning id
     )
     select count(*) from ${addJobsSql({
       task: SYNC_LISTING_TASK,
       from: "released r",
       payload: { listingId: "r.id" },
       jobKey: { prefix: syncListingJobKey(""), id: "r.id" },
       jobKeyMode: "preserve_run_at",
       runAt: "now() + $2 * interval '1 millisecond'",
       priority: "normal",
     })}`,
    [token, delayMs],
  );
}

async function announce(deps: SyncEngineDeps, recorded: RecordOutcome, connection: ConnectionRow): Promise<void> {
  const room = deps.realtime.toOrganization(connection.organizationId);
  const warn = (err: unknown) => deps.log.warn({ err }, "realtime emit failed");
  for (let start = 0; start < recorded.listings.length; start += LISTINGS_PER_EVENT) {
    const slice = recorded.listings.slice(start, start + LISTINGS_PER_EVENT);
    await room
      .emit("listings.changed", {
        listingIds: slice.map((row) => row.id),
        variantIds: [...new Set(slice.flatMap((row) => (row.variantId ? [row.variantId] : [])))],
        connectionId: connection.id,
        reason: "sync",
      })
      .catch(warn);
  }
  for (const { organizationId, ...progress } of recorded.runs) {
    await deps.realtime.toOrganization(organizationId).emit("sync.progress", progress).catch(warn);
  }
}

/** Runs `tasks` with at most `size` at once, keeping results in task order. */
async function pool<T, R>(tasks: readonly T[], size: number, run: (task: T) => Promise<R[]>): Promise<R[]> {
  const results: R[][] = new Array<R[]>(tasks.length);
  let next = 0;
  const lanes = Array.from({ length: Math.min(size, tasks.length) }, async () => {
    while (next < tasks.length) {
      const index = next++;
      results[index] = await run(tasks[index]!);
    }
  });
  await Promise.all(lanes);
  return results.flat();
}

async function withRetries<T>(fn: () => Promise<T>, tries = 5): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (err) {
      const code = (err as { code?: string }).code;
      if (!code || !RETRYABLE_SQL.has(code) || attempt >= tries) throw err;
      await sleep(20 * attempt + Math.random() * 50);
    }
  }
}

export type { SyncOperation };
