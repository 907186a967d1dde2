import type { Metadata } from "next";
import { Suspense } from "react";
import { Skeleton } from "@/components/ui/skeleton";
import { OrdersView } from "@/modules/orders/components/orders-view";

export const metadata: Metadata = { title: "Orders" };

export default function OrdersPage() {
  return (
    <Suspense fallback={<Skeleton className="h-96 w-full" />}>
      <OrdersView />
    </Suspense>
  );
}
