import { format, formatDistanceToNow } from "date-fns";

/** "3 minutes ago" with the exact time beside it (and in the tooltip). */
export function When({ at, className }: { at: Date | string | null; className?: string }) {
  if (!at) return <span className={className}>—</span>;
  const date = new Date(at);
  const absolute = format(date, "d MMM yyyy HH:mm:ss");
  return (
    <span className={className} title={absolute}>
      <time dateTime={date.toISOString()}>{formatDistanceToNow(date, { addSuffix: true })}</time>
      <span className="block text-xs text-muted-foreground tabular-nums">{format(date, "d MMM yyyy HH:mm")}</span>
    </span>
  );
}
