import { ChannelError } from "@syncstore/channels";
import type { ListingSnapshot } from "@syncstore/db";
import type { ConnectionRow } from "./claims";
import { snapshotHash, snapshotPart } from "./desired";
import type { OperationOutcome, PlannedListing } from "./push";
import type { ListingRecord, SyncLogRecord } from "./record";
import { backoffDelayMs, type SyncSettings } from "./settings";

/** Folds per-operation outcomes into one result per listing and one log row per listing and operation. */
export function decide(
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
  for (const listing of planned) {
    const mine = withMissingOutcomes(listing, [...(byListing.get(listing.state.id) ?? [])]);
    const record = decideListing(listing, mine, settings, revoked, now);
    records.push(record);
    logs.push(...logRows(listing, mine, record, connection));
  }
  return { records, logs };
}

/** An operation without an answer (never expected) counts as a transient failure, never as success. */
function withMissingOutcomes({ state, desired, ops }: PlannedListing, mine: OperationOutcome[]): OperationOutcome[] {
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
  return mine;
}

/** One listing's result: the snapshot the shop now has, and whether it succeeded, retries, failed or is released. */
function decideListing(
  { state, desired }: PlannedListing,
  mine: readonly OperationOutcome[],
  settings: SyncSettings,
  revoked: boolean,
  now: number,
): ListingRecord {
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
  return {
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
  };
}

/** One sync log row per operation (and a "none" row when a sync run found nothing to send). */
function logRows(
  { state, ops }: PlannedListing,
  mine: readonly OperationOutcome[],
  record: ListingRecord,
  connection: ConnectionRow,
): SyncLogRecord[] {
  const outcomeOf = (o: OperationOutcome): SyncLogRecord["outcome"] => {
    if (o.ok) return "succeeded";
    if (record.result === "retry" || record.result === "release") return "retrying";
    return "failed";
  };
  const base = {
    organizationId: state.organizationId,
    connectionId: connection.id,
    listingId: state.id,
    syncRunId: state.syncRunId,
    attempt: state.syncAttempts + 1,
  };
  const logs: SyncLogRecord[] = mine.map((o) => ({
    ...base,
    operation: o.op,
    before: o.before,
    after: o.after,
    outcome: outcomeOf(o),
    durationMs: o.durationMs,
    requestId: o.requestId,
    errorCode: o.error ? (o.error.platformCode ?? o.error.code) : null,
    error: o.error?.message ?? null,
  }));
  if (ops.length === 0 && state.syncRunId) {
    logs.push({
      ...base,
      operation: "none",
      before: state.lastSynced,
      after: state.lastSynced,
      outcome: "skipped",
      durationMs: 0,
      requestId: null,
      errorCode: null,
      error: null,
    });
  }
  return logs;
}
