"use client";

import { countOf } from "@/lib/plural";
import { ArrowLeftIcon, Loader2Icon, PackageCheckIcon, ReceiptIcon, ShieldAlertIcon } from "lucide-react";
import Link from "next/link";
import { useState } from "react";
import { EmptyState } from "@/components/common/empty-state";
import { ErrorState } from "@/components/common/error-state";
import { LiveIndicator } from "@/components/common/live-indicator";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Skeleton } from "@/components/ui/skeleton";
import { getErrorDetails } from "@/lib/errors";
import { trpc } from "@/lib/trpc/react";
import { useCan, useMe } from "@/lib/use-me";
import { useReceiveReturn } from "../hooks/use-order-actions";
import { useOrdersLive } from "../hooks/use-orders-live";
import { formatOrderMoney } from "../utils/format-order-money";
import { cancellerLabels, platformNames, type OrderDetail } from "../utils/order-display";
import { LinkLineDialog } from "./link-line-dialog";
import { OrderEvents } from "./order-events";
import { OrderLines } from "./order-lines";
import { OrderMovements } from "./order-movements";
import { OrderTimeline } from "./order-timeline";
import { PhaseBadge } from "./phase-badge";
import { When } from "./when";

export function OrderDetailView({ orderId }: { orderId: string }) {
  const me = useMe();
  const canRead = useCan("order:read");
  if (me.data && !canRead) {
    return (
      <EmptyState
        className="rounded-lg border border-dashed py-16"
        icon={ShieldAlertIcon}
        title="Orders are not available to your role"
        description="Ask an owner or admin of this organization for access."
      />
    );
  }
  return me.data ? <OrderScreen orderId={orderId} /> : <Skeleton className="h-96 w-full" />;
}

function BackLink() {
  return (
    <Button variant="ghost" size="sm" asChild className="w-fit">
      <Link href="/orders">
        <ArrowLeftIcon aria-hidden />
        All orders
      </Link>
    </Button>
  );
}

function OrderScreen({ orderId }: { orderId: string }) {
  const order = trpc.orders.get.useQuery(
    { id: orderId },
    { retry: (count, error) => count < 2 && error.data?.code !== "NOT_FOUND" && error.data?.code !== "BAD_REQUEST" },
  );
  useOrdersLive();
  if (order.isError && !order.data) {
    const code = getErrorDetails(order.error).code;
    return (
      <div className="grid gap-4">
        <BackLink />
        {code === "NOT_FOUND" || code === "BAD_REQUEST" ? (
          <EmptyState
            className="rounded-lg border border-dashed py-16"
            icon={ReceiptIcon}
            title="This order does not exist"
            description="It may belong to another organization, or its shop was removed."
          />
        ) : (
          <ErrorState title="Could not load the order" error={order.error} onRetry={() => void order.refetch()} />
        )}
      </div>
    );
  }
  if (!order.data)
    return (
      <div className="grid gap-4" aria-busy="true" aria-label="Loading the order">
        <Skeleton className="h-20 w-full" />
        <Skeleton className="h-48 w-full" />
        <Skeleton className="h-48 w-full" />
      </div>
    );
  return <OrderContent order={order.data} />;
}

function Fact({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="grid gap-1">
      <dt className="text-xs text-muted-foreground">{label}</dt>
      <dd className="text-sm">{children}</dd>
    </div>
  );
}

function OrderContent({ order }: { order: OrderDetail }) {
  const canWrite = useCan("order:write");
  const [linking, setLinking] = useState<OrderDetail["lines"][number] | null>(null);
  const receive = useReceiveReturn();
  return (
    <div className="grid grid-cols-1 gap-6 pb-16">
      <BackLink />
      <div className="flex flex-col gap-4 sm:flex-row sm:items-end sm:justify-between">
        <div className="space-y-1">
          <h1 className="flex flex-wrap items-center gap-2 text-2xl font-semibold tracking-tight">
            Order <span className="tabular-nums">{order.externalOrderId}</span>
            <PhaseBadge phase={order.phase} platformStatus={order.platformStatus} />
          </h1>
          <p className="text-sm text-muted-foreground">
            {platformNames[order.platform]} · {order.connection.name}
            {order.platformStatus ? ` · marketplace status ${order.platformStatus}` : ""}
          </p>
        </div>
        <div className="flex items-center gap-2">
          <LiveIndicator />
          {order.returnPending && canWrite ? (
            <Button onClick={() => receive.mutate({ id: order.id })} disabled={receive.isPending}>
              {receive.isPending ? (
                <Loader2Icon className="animate-spin" aria-hidden />
              ) : (
                <PackageCheckIcon aria-hidden />
              )}
              Mark return received
            </Button>
          ) : null}
        </div>
      </div>
      {order.oversoldUnits > 0 ? (
        <div role="alert" className="rounded-md border border-destructive/40 bg-destructive/10 p-3 text-sm">
          <span className="font-medium text-destructive">{countOf(order.oversoldUnits, "unit")} oversold.</span> They
          were sold without stock (an earlier order took the last units). Cancel them on the marketplace or restock the
          product.
        </div>
      ) : null}
      {order.returnPending ? (
        <div className="rounded-md border border-warning/40 bg-warning/10 p-3 text-sm">
          The buyer is returning this order. Its units go back on hand when you mark the return received.
        </div>
      ) : null}
      <Card>
        <CardContent>
          <dl className="grid gap-4 sm:grid-cols-3 lg:grid-cols-6">
            <Fact label="Placed">
              <When at={order.placedAt} />
            </Fact>
            <Fact label="Paid">{order.paidAt ? <When at={order.paidAt} /> : "Not yet"}</Fact>
            <Fact label="Total">
              <span className="font-medium tabular-nums">{formatOrderMoney(order.total, order.currency)}</span>
            </Fact>
            <Fact label="Units">
              {order.units} in {order.lineCount} line{order.lineCount === 1 ? "" : "s"}
            </Fact>
            <Fact label="Fulfilment">
              {order.fulfilledByPlatform ? "By the marketplace" : "By you"}
              {order.trackingNumber ? (
                <span className="block text-xs text-muted-foreground">Tracking {order.trackingNumber}</span>
              ) : null}
            </Fact>
            {order.phase === "cancelled" ? (
              <Fact label="Cancelled">
                by {order.cancelledBy ? (cancellerLabels[order.cancelledBy] ?? order.cancelledBy) : "an unknown party"}
                {order.cancelReason ? (
                  <span className="block text-xs text-muted-foreground">{order.cancelReason}</span>
                ) : null}
              </Fact>
            ) : null}
          </dl>
        </CardContent>
      </Card>
      <Card className="gap-4">
        <CardHeader>
          <CardTitle className="text-base">Lines</CardTitle>
          <CardDescription>What was sold, the product it matched and what it did to stock.</CardDescription>
        </CardHeader>
        <CardContent>
          <OrderLines order={order} canLink={canWrite} onLink={setLinking} />
        </CardContent>
      </Card>
      <div className="grid gap-6 2xl:grid-cols-[minmax(0,2fr)_minmax(0,1fr)]">
        <Card className="gap-4">
          <CardHeader>
            <CardTitle className="text-base">Stock movements</CardTitle>
            <CardDescription>Every change this order made to your stock, each applied exactly once.</CardDescription>
          </CardHeader>
          <CardContent>
            <OrderMovements order={order} />
          </CardContent>
        </Card>
        <Card className="gap-4">
          <CardHeader>
            <CardTitle className="text-base">Status history</CardTitle>
          </CardHeader>
          <CardContent>
            <OrderTimeline order={order} />
          </CardContent>
        </Card>
      </div>
      <Card className="gap-4">
        <CardHeader>
          <CardTitle className="text-base">Webhook events</CardTitle>
          <CardDescription>The notifications the marketplace sent about this order.</CardDescription>
        </CardHeader>
        <CardContent>
          <OrderEvents order={order} />
        </CardContent>
      </Card>
      <LinkLineDialog
        line={linking}
        connectionId={order.connection.id}
        onOpenChange={(open) => (open ? undefined : setLinking(null))}
      />
    </div>
  );
}
