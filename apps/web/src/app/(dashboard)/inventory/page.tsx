import type { Metadata } from "next";
import { Suspense } from "react";
import { Skeleton } from "@/components/ui/skeleton";
import { InventoryView } from "@/modules/inventory/components/inventory-view";

export const metadata: Metadata = { title: "Inventory" };

export default function InventoryPage() {
  return (
    <Suspense fallback={<Skeleton className="h-96 w-full" />}>
      <InventoryView />
    </Suspense>
  );
}
