import { createHash } from "node:crypto";
import { normaliseDescription, normaliseText } from "@syncstore/domain";

/** The field groups the sync engine pushes (and so can overwrite): title+description, and price. */
export const syncedGroups = ["content", "price"] as const;
export type SyncedGroup = (typeof syncedGroups)[number];

/** Engine operation → field group. */
export const groupOfOperation: Record<string, SyncedGroup | undefined> = { fields: "content", price: "price" };

/**
 * Normalised content hash of a field group's value, the same for what we push (recorded on every
 * `sync_log` row) and what a channel shows (echo suppression). Null when there is no value.
 */
export function groupHash(
  group: SyncedGroup,
  fields: { title?: string | null; description?: string | null; price?: number | null },
): string | null {
  let key: string;
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
