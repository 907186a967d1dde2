export const severityClasses = {
  critical: "border-destructive/40 bg-destructive/10 text-destructive",
  warning: "border-warning/40 bg-warning/10 text-foreground",
  info: "border-border bg-muted text-muted-foreground",
} as const;

export const severityLabels = { critical: "Critical", warning: "Warning", info: "Info" } as const;

export const statusLabels = { open: "Open", acknowledged: "Acknowledged", resolved: "Resolved" } as const;

/** The bell shows 99+ beyond two digits. */
export function unreadBadge(count: number): string | null {
  if (count <= 0) return null;
  return count > 99 ? "99+" : String(count);
}
