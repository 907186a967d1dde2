import { format } from "date-fns";
import type { OrderDetail } from "../utils/order-display";

const sourceLabels: Record<string, string> = { api: "read from the marketplace", webhook: "from a webhook" };

/** The statuses the order went through, as the marketplace reported them. */
export function OrderTimeline({ order }: { order: OrderDetail }) {
  if (order.statusHistory.length === 0) return <p className="text-sm text-muted-foreground">No status recorded yet.</p>;
  return (
    <ol className="relative grid gap-4 border-l pl-5" aria-label="Status history">
      {order.statusHistory.map((entry, index) => (
        <li key={index} className="relative text-sm">
          <span className="absolute top-1.5 -left-[25px] size-2.5 rounded-full bg-primary" aria-hidden />
          <p className="font-medium">{entry.platformStatus ?? entry.status}</p>
          <p className="text-xs text-muted-foreground">
            {entry.at ? format(new Date(entry.at), "d MMM yyyy HH:mm:ss") : "Time unknown"}
            {entry.source ? ` · ${sourceLabels[entry.source] ?? entry.source}` : ""}
          </p>
        </li>
      ))}
    </ol>
  );
}
