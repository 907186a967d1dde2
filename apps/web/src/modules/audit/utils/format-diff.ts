export type DiffRow = {
  field: string;
  before: string | null;
  after: string | null;
  kind: "added" | "removed" | "changed" | "unchanged";
};

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value) && !(value instanceof Date);
}

function isChange(value: unknown): value is { before?: unknown; after?: unknown } {
  return (
    isRecord(value) && Object.keys(value).length > 0 && Object.keys(value).every((k) => k === "before" || k === "after")
  );
}

/** A value as one line of text; null means "no value" (shown as a dash). */
export function formatValue(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.toISOString();
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean" || typeof value === "bigint") return String(value);
  return JSON.stringify(value);
}

/** Nested objects become dotted paths so a change deep inside one shows as its own row. */
function flatten(value: unknown, prefix: string, out: Map<string, unknown>): void {
  if (isRecord(value) && Object.keys(value).length > 0) {
    for (const [key, inner] of Object.entries(value)) flatten(inner, prefix ? `${prefix}.${key}` : key, out);
  } else if (prefix) {
    out.set(prefix, value);
  }
}

function row(field: string, beforeValue: unknown, afterValue: unknown): DiffRow {
  const before = formatValue(beforeValue);
  const after = formatValue(afterValue);
  const kind = before === after ? "unchanged" : before === null ? "added" : after === null ? "removed" : "changed";
  return { field, before, after, kind };
}

/**
 * Rows for the diff viewer from either shape the audit log stores:
 * per field (`{ role: { before: "viewer", after: "editor" } }`) or whole snapshots
 * (`{ before: {...}, after: {...} }`). Unchanged fields of snapshots are left out.
 */
export function formatDiff(diff: unknown): DiffRow[] {
  if (!isRecord(diff)) return [];
  const entries = Object.entries(diff);
  if (entries.length === 0) return [];

  if (isChange(diff)) {
    const snapshotSide = (side: unknown) => side === null || side === undefined || isRecord(side);
    if (!snapshotSide(diff.before) || !snapshotSide(diff.after)) return [row("value", diff.before, diff.after)];
    const before = new Map<string, unknown>();
    const after = new Map<string, unknown>();
    flatten(diff.before, "", before);
    flatten(diff.after, "", after);
    const fields = [...new Set([...before.keys(), ...after.keys()])].sort();
    return fields.map((field) => row(field, before.get(field), after.get(field))).filter((r) => r.kind !== "unchanged");
  }

  return entries
    .map(([field, value]) => (isChange(value) ? row(field, value.before, value.after) : row(field, undefined, value)))
    .sort((a, b) => a.field.localeCompare(b.field));
}
