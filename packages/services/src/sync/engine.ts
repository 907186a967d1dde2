import { randomUUID } from "node:crypto";
import { ChannelError, isChannelError, type ChannelDeps, type ShopSession } from "@syncstore/channels";
import { sqlRows, type EntityManager, type ListingSnapshot } from "@syncstore/db";
import type { AlertRaisedPayload, RealtimeEmitter } from "@syncstore/realtime";
import type { Logger } from "pino";
import { raiseAlert } from "../alerts/raise";
import { refreshConnection } from "../channels/refresh-connection";
import { shopSessionOf } from "../channels/shop-session";
import { claimListings, readConnection, readListingStates, renewClaims, type ConnectionRow } from "./claims";
import { addJobsSql } from "../enqueue";
import { SYNC_LISTING_TASK, syncListingJobKey } from "./mark";
import { withoutPausedOperations } from "../conflicts/pause";
import { orderEventsPending, recheckListingSoon, WATERMARK_RECHECK_MS } from "../orders/watermark";
import { changedOperations, desiredState, snapshotHash, snapshotPart, type SyncOperation } from "./desired";
import { callOutcomes, planCalls, type OperationOutcome, type PlannedCall, type PlannedListing } from "./push";
import { holdCalls, rateKey, reserveCall, sleep } from "./rate-limit";
import { recordResults, type ListingRecord, type RecordOutcome, type SyncLogRecord } from "./record";
import { backoffDelayMs, type SyncSettings } from "./settings";

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
}

const LISTINGS_PER_EVENT = 50;
/** Postgres error codes worth retrying a short transaction for. */
const RETRYABLE_SQL = new Set(["40P01", "40001"]);

/**
 * One `sync-listing` job: claim the listing and other pending listings of its shop (up to the
 * platform's batch limit), read master state, send only what differs from the last synced
 * snapshot, and record per listing and operation. See docs/architecture.md, "Sync engine".
 */
export async function runSyncJob(deps: SyncEngineDeps, listingId: string): Promise<SyncJobSummary> {
  const summary: SyncJobSummary = { claimed: 0, calls: 0, succeeded: 0, failed: 0, retrying: 0, released: 0 };
  const token = randomUUID();
  const { settings } = deps;

  // Most jobs find their listing already pushed in another job's batch: one indexed read, no transaction.
  const first = await readConnection(deps.em.fork(), listingId);
  if (!first?.claimable) return summary;
  const claimed = await deps.em.fork().transactional(async (tx) => {
    const connection = await readConnection(tx, listingId);
    if (!connection) return null;
    // Watermark: a stock number computed before the shop's received orders are applied is stale.
    if (await orderEventsPending(tx, connection.id)) {
      await recheckListingSoon(tx, listingId);
      return null;
    }
    const limit = deps.channels.adapters.get(connection.platform).batchLimit;
    const ids = await claimListings(tx, { listingId, token, limit, ttlMs: settings.claimTtlMs });
    return { connection, states: await readListingStates(tx, ids) };
  });
  if (!claimed || claimed.states.length === 0) return summary;
  summary.claimed = claimed.states.length;
  let claimRenewedAt = Date.now();
  let connection: ConnectionRow = claimed.connection;

  const semantics = deps.channels.adapters.get(connection.platform).stockSemantics;
  const planned: PlannedListing[] = claimed.states.map((state) => {
    const desired = desiredState({ ...state, addPromotionReserved: semantics.setIncludesPromotionReserved });
    // A field group with an open conflict waits for a person; the listing's other fields still go.
    return {
      state,
      desired,
      ops: withoutPausedOperations(changedOperations(desired, state.lastSynced), state.pausedGroups),
    };
  });
  const adapter = deps.channels.adapters.get(connection.platform);
  const { calls, refused } = planCalls(planned, adapter.batchLimit);
  const outcomes: OperationOutcome[] = [...refused];

  let session: ShopSession | null = null;
  let stop: ChannelError | null = null;
  try {
    session = shopSessionOf(deps.channels.keyring, connection);
  } catch (err) {
    deps.log.error({ err, connectionId: connection.id }, "sync: cannot decrypt the shop's token");
    stop = new ChannelError("AUTH_REVOKED", "The shop's access token cannot be read; connect the shop again");
  }

  // Listings are recorded as soon as all their calls answered, so a worker killed mid-job loses
  // (and later re-sends) only the calls it had in flight. Auth failures wait for the refresh.
  // Records run one after another in the background (each takes every listing ready by then), so
  // the calls are not held up by commits and a job has at most one record transaction open.
  const recordedIds = new Set<string>();
  let recording: Promise<void> = Promise.resolve();
  /** Calls answered but not yet recorded; lanes wait when it reaches the call concurrency. */
  let unrecordedCalls = 0;
  const flush = (final: boolean): Promise<void> => {
    recording = recording.then(() => record(final));
    recording.catch(() => undefined);
    return recording;
  };
  const record = async (final: boolean) => {
    unrecordedCalls = 0;
    const ready = planned.filter((listing) => {
      if (recordedIds.has(listing.state.id)) return false;
      if (final) return true;
      const mine = outcomes.filter((o) => o.listingId === listing.state.id);
      return (
        mine.length >= listing.ops.length &&
        !mine.some((o) => o.error?.code === "AUTH_EXPIRED" || o.error?.code === "AUTH_REVOKED")
      );
    });
    if (ready.length === 0) return;
    for (const listing of ready) recordedIds.add(listing.state.id);
    const ids = new Set(ready.map((listing) => listing.state.id));
    const revoked = final && stop?.code === "AUTH_REVOKED";
    const { records, logs } = decide(
      ready,
      outcomes.filter((o) => ids.has(o.listingId)),
      connection,
      settings,
      revoked,
    );
    for (const record of records) {
      if (record.result === "success") summary.succeeded += 1;
      else if (record.result === "failed") summary.failed += 1;
      else if (record.result === "retry") summary.retrying += 1;
      else summary.released += 1;
    }
    const recorded = await withRetries(() =>
      deps.em.fork().transactional((tx) => recordResults(tx, token, records, logs)),
    );
    await announce(deps, recorded, connection);
  };

  const limit = settings.rateLimits[connection.platform];
  const heldApis = new Map<string, ChannelError>();
  const runCall = async (call: PlannedCall): Promise<OperationOutcome[]> => {
    const skip = async (error: ChannelError) => {
      outcomes.push(...callOutcomes(call, { ok: false, error }, 0));
      void flush(false);
      return [];
    };
    const blocked = stop ?? heldApis.get(call.api);
    if (blocked || !session) return skip(blocked ?? stop ?? new ChannelError("AUTH_REVOKED", "No session"));
    while (unrecordedCalls >= settings.callConcurrency) await recording;
    if (limit) await sleep(await reserveCall(deps.em.fork(), rateKey(connection.id, call.api), limit));
    if (Date.now() - claimRenewedAt > settings.claimTtlMs / 2) {
      claimRenewedAt = Date.now();
      await renewClaims(deps.em.fork(), token, settings.claimTtlMs);
    }
    const again = stop ?? heldApis.get(call.api);
    if (again) return skip(again);
    const started = performance.now();
    summary.calls += 1;
    let result: OperationOutcome[];
    try {
      const value = await call.send(adapter, session);
      result = callOutcomes(call, { ok: true, value }, Math.round(performance.now() - started));
    } catch (error) {
      if (!isChannelError(error)) throw error;
      if (error.code === "RATE_LIMITED") {
        heldApis.set(call.api, error);
        await holdCalls(deps.em.fork(), rateKey(connection.id, call.api), error.retryAfterMs ?? 1_000);
      } else if (error.code === "AUTH_EXPIRED" || error.code === "AUTH_REVOKED") {
        stop ??= error;
      }
      result = callOutcomes(call, { ok: false, error }, Math.round(performance.now() - started));
    }
    outcomes.push(...result);
    unrecordedCalls += 1;
    void flush(false);
    return [];
  };

  // An order of this shop may have arrived while the numbers were computed: hold and recompute.
  if (calls.some((call) => call.api === "stock") && (await orderEventsPending(deps.em.fork(), connection.id))) {
    await releaseClaims(deps.em, token, WATERMARK_RECHECK_MS);
    summary.released = claimed.states.length;
    return summary;
  }

  try {
    void flush(false);
    await pool(calls, settings.callConcurrency, runCall);

    // An expired token is refreshed once (under the connection's row lock) and the calls it
    // stopped are sent again; a refused refresh means the seller must authorize again.
    if (stop?.code === "AUTH_EXPIRED" && session) {
      const expired = connection.accessTokenEnc;
      const outcome = await refreshConnection(deps.em, deps.channels, connection.id, deps.log, () => new Date(), {
        rejectedAccessTokenEnc: expired,
      });
      const fresh = await readConnection(deps.em.fork(), listingId);
      if ((outcome === "refreshed" || outcome === "fresh") && fresh?.accessTokenEnc) {
        connection = fresh;
        session = shopSessionOf(deps.channels.keyring, connection);
        stop = null;
        const retried = calls.filter((call) =>
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
        await pool(retried, settings.callConcurrency, runCall);
      } else if (outcome === "needs_reauth") {
        stop = new ChannelError("AUTH_REVOKED", "The shop refused to refresh its token; connect the shop again");
      }
    }
    await flush(true);
  } catch (err) {
    // Unexpected (not a platform answer): let the claims lapse and graphile-worker retry the job.
    deps.log.error({ err }, "sync push failed unexpectedly");
    await releaseClaims(deps.em, token).catch(() => undefined);
    throw err;
  }

  const revoked = stop?.code === "AUTH_REVOKED" ? stop : null;
  if (revoked) {
    const alert = await deps.em.fork().transactional((tx) => markNeedsReauth(tx, connection, revoked.message));
    const room = deps.realtime.toOrganization(connection.organizationId);
    const warn = (err: unknown) => deps.log.warn({ err }, "realtime emit failed");
    await room.emit("connection.changed", { connectionId: connection.id, status: "needs_reauth" }).catch(warn);
    if (alert) await room.emit("alert.raised", alert).catch(warn);
  }
  deps.log.debug({ listingId, ...summary }, "sync job done");
  return summary;
}

/** Folds per-operation outcomes into one result per listing and one log row per listing and operation. */
function decide(
  planned: readonly PlannedListing[],
  outcomes: readonly OperationOutcome[],
  connection: ConnectionRow,
  settings: SyncSettings,
  revoked: boolean,
): { records: ListingRecord[]; logs: SyncLogRecord[] } {
  const records: ListingRecord[] = [];
  const logs: SyncLogRecord[] = [];
  const byListing = new Map<string, OperationOutcome[]>();
  for (const outcome of outcomes) {
    const list = byListing.get(outcome.listingId) ?? [];
    list.push(outcome);
    byListing.set(outcome.listingId, list);
  }
  const now = Date.now();
  for (const { state, desired, ops } of planned) {
    const mine = [...(byListing.get(state.id) ?? [])];
    let snapshot: ListingSnapshot = { ...(state.lastSynced ?? {}) };
    let pushed = false;
    const pushedFields: string[] = [];
    for (const outcome of mine) {
      if (!outcome.ok) continue;
      const part = snapshotPart(outcome.op, desired);
      snapshot = { ...snapshot, ...part };
      pushedFields.push(...Object.keys(part));
      pushed = true;
    }
    // An operation without an answer (never expected) counts as a transient failure, never as success.
    for (const op of ops)
      if (!mine.some((o) => o.op === op))
        mine.push({
          listingId: state.id,
          op,
          before: snapshotPart(op, {
            price: null,
            currency: desired.currency,
            priceProblem: null,
            stock: 0,
            title: "",
            description: null,
          }),
          after: snapshotPart(op, desired),
          ok: false,
          error: new ChannelError("TRANSIENT", "The push did not complete"),
          requestId: null,
          durationMs: 0,
        });
    const failures = mine.filter((outcome) => !outcome.ok);
    const final = failures.filter((o) => o.error?.code === "VALIDATION" || o.error?.code === "NOT_FOUND");
    const rateLimited = failures.filter((o) => o.error?.code === "RATE_LIMITED");
    const transient = failures.filter((o) => !final.includes(o) && !rateLimited.includes(o));
    const attempt = state.syncAttempts + 1;

    let result: ListingRecord["result"] = "success";
    let retryAt: Date | null = null;
    let attempts = state.syncAttempts;
    if (revoked && failures.some((o) => o.error?.code === "AUTH_REVOKED" || o.error?.code === "AUTH_EXPIRED")) {
      result = "release";
    } else if (transient.length > 0 && attempt < settings.maxAttempts) {
      result = "retry";
      attempts = attempt;
      retryAt = new Date(now + backoffDelayMs(attempt, settings));
    } else if (rateLimited.length > 0 && transient.length === 0) {
      result = "retry";
      const waitMs = Math.max(...rateLimited.map((o) => o.error?.retryAfterMs ?? 1_000));
      retryAt = new Date(now + waitMs + Math.round(Math.random() * 250));
    } else if (failures.length > 0) {
      result = "failed";
    }
    const reasons = failures.map((o) => `${o.op}: ${o.error?.message ?? "failed"}`);
    const outOfTries = result === "failed" && transient.length > 0;
    records.push({
      id: state.id,
      version: state.desiredVersion,
      snapshot: pushed ? snapshot : null,
      hash: pushed ? snapshotHash(snapshot) : null,
      pushed,
      pushedFields,
      result,
      error: failures.length ? (outOfTries ? `Gave up after ${attempt} tries. ` : "") + reasons.join("; ") : null,
      errorCode: failures[0]?.error?.platformCode ?? failures[0]?.error?.code ?? null,
      attempts,
      retryAt,
    });

    const outcomeOf = (o: OperationOutcome): SyncLogRecord["outcome"] => {
      if (o.ok) return "succeeded";
      if (result === "retry" || result === "release") return "retrying";
      return "failed";
    };
    for (const o of mine) {
      logs.push({
        organizationId: state.organizationId,
        connectionId: connection.id,
        listingId: state.id,
        syncRunId: state.syncRunId,
        operation: o.op,
        before: o.before,
        after: o.after,
        outcome: outcomeOf(o),
        attempt,
        durationMs: o.durationMs,
        requestId: o.requestId,
        errorCode: o.error ? (o.error.platformCode ?? o.error.code) : null,
        error: o.error?.message ?? null,
      });
    }
    if (ops.length === 0 && state.syncRunId) {
      logs.push({
        organizationId: state.organizationId,
        connectionId: connection.id,
        listingId: state.id,
        syncRunId: state.syncRunId,
        operation: "none",
        before: state.lastSynced,
        after: state.lastSynced,
        outcome: "skipped",
        attempt,
        durationMs: 0,
        requestId: null,
        errorCode: null,
        error: null,
      });
    }
  }
  return { records, logs };
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
