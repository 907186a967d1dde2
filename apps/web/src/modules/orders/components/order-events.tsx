import { format } from "date-fns";
import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { eventTypeLabel } from "@/modules/webhooks/utils/webhook-display";
import type { OrderDetail } from "../utils/order-display";

/** The webhook events of the order, oldest first, each opening the Webhooks log at it. */
export function OrderEvents({ order }: { order: OrderDetail }) {
  if (order.webhookEvents.length === 0)
    return (
      <p className="text-sm text-muted-foreground">
        No webhook told us about this order: it came in through reconciliation (or when the shop was connected).
      </p>
    );
  return (
    <ul className="divide-y rounded-md border" aria-label="Webhook events">
      {order.webhookEvents.map((event) => (
        <li
          key={event.id}
          className="flex flex-wrap items-center gap-x-3 gap-y-1 p-3 text-sm"
          data-testid="order-event"
        >
          <span className="tabular-nums text-muted-foreground">
            {format(new Date(event.receivedAt), "d MMM HH:mm:ss")}
          </span>
          <Link
            href={`/webhooks?q=${encodeURIComponent(event.eventKey)}`}
            className="font-medium underline-offset-4 hover:underline"
          >
            {eventTypeLabel(event.eventType)}
          </Link>
          <Badge variant="outline">{event.status === "received" ? "Pending" : event.status}</Badge>
          {event.duplicates > 0 ? <Badge variant="secondary">{event.duplicates} duplicate deliveries</Badge> : null}
          {event.summary ? <span className="basis-full text-xs text-muted-foreground">{event.summary}</span> : null}
        </li>
      ))}
    </ul>
  );
}
