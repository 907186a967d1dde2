"use client";

import { DownloadIcon, Loader2Icon, ReceiptIcon, ShieldAlertIcon } from "lucide-react";
import { EmptyState } from "@/components/common/empty-state";
import { ErrorState } from "@/components/common/error-state";
import { LiveIndicator } from "@/components/common/live-indicator";
import { PageHeader } from "@/components/common/page-header";
import { Button } from "@/components/ui/button";
import { Card, CardContent } from "@/components/ui/card";
import { Skeleton } from "@/components/ui/skeleton";
import { useCan, useMe } from "@/lib/use-me";
import { useOrderFilters } from "../hooks/use-order-filters";
import { useOrders } from "../hooks/use-orders";
import { useOrdersLive } from "../hooks/use-orders-live";
import { exportHref, hasActiveFilters } from "../utils/order-filters";
import { OrdersFilters } from "./orders-filters";
import { OrdersTable } from "./orders-table";

export function OrdersView() {
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
  return me.data ? <OrdersScreen /> : <Skeleton className="h-96 w-full" />;
}

function OrdersScreen() {
  const { filters, setFilter, clear } = useOrderFilters();
  const orders = useOrders(filters);
  useOrdersLive();
  const filtered = hasActiveFilters(filters);
  return (
    <div className="grid grid-cols-1 gap-6">
      <PageHeader
        title="Orders"
        description="Every order of every shop and what it did to stock: committed, shipped, released, oversold."
        actions={
          <>
            <LiveIndicator />
            <Button variant="outline" asChild>
              <a href={exportHref(filters)} download data-testid="orders-export">
                <DownloadIcon aria-hidden />
                Export CSV
              </a>
            </Button>
          </>
        }
      />
      <Card className="gap-4">
        <CardContent className="grid gap-4">
          <OrdersFilters filters={filters} onChange={setFilter} onClear={clear} />
          {orders.isError && !orders.data ? (
            <ErrorState title="Could not load orders" error={orders.error} onRetry={() => void orders.refetch()} />
          ) : orders.isPending ? (
            <div className="grid gap-2" aria-busy="true" aria-label="Loading orders">
              {Array.from({ length: 8 }, (_, index) => (
                <Skeleton key={index} className="h-12 w-full" />
              ))}
            </div>
          ) : orders.items.length === 0 ? (
            <EmptyState
              icon={ReceiptIcon}
              title={filtered ? "No orders match these filters" : "No orders yet"}
              description={
                filtered
                  ? "Try another shop, status or date range, or clear the filters."
                  : "Orders from your connected shops appear here as they are placed, with what they did to stock."
              }
              action={
                filtered ? (
                  <Button variant="outline" onClick={clear}>
                    Clear filters
                  </Button>
                ) : undefined
              }
            />
          ) : (
            <>
              <OrdersTable items={orders.items} />
              <div className="flex items-center justify-between gap-4">
                <p className="text-sm text-muted-foreground" aria-live="polite">
                  {orders.items.length} order{orders.items.length === 1 ? "" : "s"}
                  {orders.hasNextPage ? " shown" : ""}
                </p>
                {orders.hasNextPage ? (
                  <Button
                    variant="outline"
                    onClick={() => void orders.fetchNextPage()}
                    disabled={orders.isFetchingNextPage}
                  >
                    {orders.isFetchingNextPage ? <Loader2Icon className="animate-spin" aria-hidden /> : null}
                    Load more
                  </Button>
                ) : null}
              </div>
            </>
          )}
        </CardContent>
      </Card>
    </div>
  );
}
