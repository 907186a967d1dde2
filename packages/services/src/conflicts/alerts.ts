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

/** The realtime payload for a detection's outcome, or null when nothing changed. */
export function conflictsChanged(results: readonly DetectResult[]): ConflictsChangedPayload | null {
  const opened = results.flatMap((r) => r.opened.map((c) => c.id));
  const closed = results.flatMap((r) => r.closed);
  const decided = results.flatMap((r) => r.decided.map((d) => d.listingId));
  if (opened.length === 0 && closed.length === 0 && decided.length === 0) return null;
  const listingIds = [...new Set([...results.flatMap((r) => r.opened.map((c) => c.listingId)), ...decided])];
  return { opened, closed, listingIds, at: new Date().toISOString() };
}
