import { sqlRows, type EntityManager } from "@syncstore/db";
import type { AlertRaisedPayload, ConflictsChangedPayload } from "@syncstore/realtime";
import { raiseAlert } from "../alerts/raise";
import type { DetectResult } from "./detect";

/**
 * Raises (or bumps) the shop's "new conflicts" alert through the one alert writer, in the
 * detection's transaction. One open alert per shop; its count says how many arrived.
 */
export async function raiseConflictAlert(
  tx: EntityManager,
  connection: { id: string; organizationId: string },
  result: DetectResult,
): Promise<AlertRaisedPayload | null> {
  if (result.opened.length === 0) return null;
  const [row] = await sqlRows<{ name: string }>(tx, `select name from channel_connection where id = $1`, [
    connection.id,
  ]);
  const name = row?.name ?? "a shop";
  return raiseAlert(tx, {
    organizationId: connection.organizationId,
    kind: "conflict.opened",
    dedupeKey: `conflict.opened:${connection.id}`,
    severity: "warning",
    title: `Edits made on ${name} conflict with master`,
    detail: `${result.opened.length} new conflict(s): the seller changed a field that also changed in SyncStore. Review them on the Conflicts page; those fields stay unpushed until then.`,
    subject: { connectionId: connection.id, conflictIds: result.opened.map((c) => c.id).slice(0, 20) },
    occurrences: result.opened.length,
  });
}

/** Ids per list in one event: 40 uuids in each of three lists stay well inside the realtime size limit. */
export const CONFLICT_IDS_PER_EVENT = 40;

/**
 * The realtime payloads for a detection's outcome (none when nothing changed). A pass that opens
 * or a bulk resolution that closes hundreds of conflicts is split into several events, each small
 * enough for the realtime limit; the page refetches on any of them.
 */
export function conflictsChanged(
  results: readonly {
    opened: readonly { id: string; listingId: string }[];
    closed: readonly string[];
    decided: readonly { listingId: string }[];
  }[],
  extraListingIds: readonly string[] = [],
): ConflictsChangedPayload[] {
  const opened = results.flatMap((r) => r.opened.map((c) => c.id));
  const closed = results.flatMap((r) => r.closed);
  const decided = results.flatMap((r) => r.decided.map((d) => d.listingId));
  if (opened.length === 0 && closed.length === 0 && decided.length === 0) return [];
  const listingIds = [
    ...new Set([...results.flatMap((r) => r.opened.map((c) => c.listingId)), ...decided, ...extraListingIds]),
  ];
  const at = new Date().toISOString();
  const events = Math.max(
    1,
    Math.ceil(Math.max(opened.length, closed.length, listingIds.length) / CONFLICT_IDS_PER_EVENT),
  );
  return Array.from({ length: events }, (_, index) => {
    const part = (ids: string[]) => ids.slice(index * CONFLICT_IDS_PER_EVENT, (index + 1) * CONFLICT_IDS_PER_EVENT);
    return { opened: part(opened), closed: part(closed), listingIds: part(listingIds), at };
  });
}
