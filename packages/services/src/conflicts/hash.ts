import { createHash } from "node:crypto";
import { conflictFieldGroups, normaliseDescription, normaliseText, type ConflictFieldGroup } from "@syncstore/domain";

/** The field groups the sync engine pushes (and so can overwrite): title+description, and price. */
export const syncedGroups = ["content", "price"] as const;
export type SyncedGroup = (typeof syncedGroups)[number];

/**
 * The field groups detection compares on live listings: every group of the domain rules. Images,
 * options and status are read from the live listing (both adapters) and their base is the first
 * value seen on a linked listing; the engine does not push them, so "use master" there records the
 * decision and moves the base.
 */
export const detectedGroups = conflictFieldGroups;
export type DetectedGroup = ConflictFieldGroup;

export function isSyncedGroup(group: DetectedGroup): group is SyncedGroup {
  return group === "content" || group === "price";
}

/** Engine operation → field group. */
export const groupOfOperation: Record<string, SyncedGroup | undefined> = { fields: "content", price: "price" };

/**
 * Normalised content hash of a field group's value, the same for what we push (recorded on every
 * `sync_log` row) and what a channel shows (echo suppression). Null when there is no value.
 */
export function groupHash(
  group: DetectedGroup,
  fields: { title?: string | null; description?: string | null; price?: number | null },
): string | null {
  let key: string;
  if (!isSyncedGroup(group)) return null;
  if (group === "content") {
    if (fields.title === undefined || fields.title === null) return null;
    key = JSON.stringify([normaliseText(fields.title), normaliseDescription(fields.description ?? "")]);
  } else {
    if (fields.price === undefined || fields.price === null) return null;
    key = `price:${fields.price}`;
  }
  return createHash("sha256").update(key).digest("hex").slice(0, 32);
}

/** The hash a `sync_log` row records for its operation's `after` snapshot. */
export function pushContentHash(
  operation: string,
  after: { title?: string | null; description?: string | null; price?: number | null } | null,
): string | null {
  const group = groupOfOperation[operation];
  if (!group || !after) return null;
  return groupHash(group, after);
}
