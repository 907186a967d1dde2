import { format } from "date-fns";
import Link from "next/link";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { cn } from "@/lib/utils";
import { bucketLabels, reasonLabels, type OrderDetail } from "../utils/order-display";

/** Every stock movement the order's transitions wrote, with the webhook event behind each. */
export function OrderMovements({ order }: { order: OrderDetail }) {
  const eventKeys = new Map(order.webhookEvents.map((event) => [event.id, event.eventKey]));
  if (order.movements.length === 0)
    return (
      <p className="text-sm text-muted-foreground">
        {order.fulfilledByPlatform
          ? "Fulfilled from the marketplace's own warehouse: your stock does not move."
          : order.unmatchedLines > 0
            ? "No stock moved yet: link the unmatched lines to apply them."
            : "This order has not moved any stock."}
      </p>
    );
  return (
    <div className="overflow-x-auto rounded-md border">
      <Table aria-label="Stock movements">
        <TableHeader>
          <TableRow>
            <TableHead>When</TableHead>
            <TableHead>SKU</TableHead>
            <TableHead>Movement</TableHead>
            <TableHead>Bucket</TableHead>
            <TableHead className="text-right">Change</TableHead>
            <TableHead className="text-right">Before → after</TableHead>
            <TableHead>Caused by</TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {order.movements.map((movement) => {
            const eventKey = movement.webhookEventId ? eventKeys.get(movement.webhookEventId) : undefined;
            return (
              <TableRow key={movement.id} data-testid="order-movement" data-reason={movement.reason}>
                <TableCell className="whitespace-nowrap tabular-nums">
                  {format(new Date(movement.at), "d MMM HH:mm:ss")}
                </TableCell>
                <TableCell className="whitespace-nowrap">{movement.variantSku ?? "Deleted variant"}</TableCell>
                <TableCell>{reasonLabels[movement.reason] ?? movement.reason}</TableCell>
                <TableCell>{bucketLabels[movement.bucket] ?? movement.bucket}</TableCell>
                <TableCell
                  className={cn(
                    "text-right font-medium tabular-nums",
                    movement.delta < 0 ? "text-destructive" : "text-success",
                  )}
                >
                  {movement.delta > 0 ? `+${movement.delta}` : movement.delta}
                </TableCell>
                <TableCell className="text-right whitespace-nowrap tabular-nums">
                  {movement.before} → {movement.after}
                </TableCell>
                <TableCell className="text-sm">
                  {eventKey ? (
                    <Link
                      href={`/webhooks?q=${encodeURIComponent(eventKey)}`}
                      className="underline-offset-4 hover:underline"
                    >
                      Webhook event
                    </Link>
                  ) : movement.actorName ? (
                    movement.actorName
                  ) : movement.webhookEventId ? (
                    "Webhook event"
                  ) : (
                    "Reconciliation"
                  )}
                </TableCell>
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
    </div>
  );
}
