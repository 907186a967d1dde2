import { formatMinor } from "@syncstore/domain";

export type Snapshot = {
  title?: string | null;
  description?: string | null;
  price?: number | null;
  stock?: number | null;
  status?: string | null;
} | null;

const fieldLabels: Record<string, string> = {
  title: "Title",
  description: "Description",
  price: "Price",
  stock: "Stock",
  status: "Status",
};

function show(field: string, value: unknown, currency: string | null): string {
  if (value === null || value === undefined) return "—";
  if (field === "price" && typeof value === "number") return currency ? formatMinor(value, currency) : String(value);
  const text = String(value);
  return text.length > 120 ? `${text.slice(0, 117)}…` : text;
}

/** Field by field, what the channel had before a push and what we sent. */
export function snapshotRows(
  before: Snapshot,
  after: Snapshot,
  currency: string | null,
): { field: string; label: string; before: string; after: string; changed: boolean }[] {
  const fields = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})]);
  return [...fields].map((field) => {
    const a = (before as Record<string, unknown> | null)?.[field];
    const b = (after as Record<string, unknown> | null)?.[field];
    return {
      field,
      label: fieldLabels[field] ?? field,
      before: show(field, a, currency),
      after: show(field, b, currency),
      changed: JSON.stringify(a ?? null) !== JSON.stringify(b ?? null),
    };
  });
}
