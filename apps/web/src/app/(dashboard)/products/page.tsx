import type { Metadata } from "next";
import { Suspense } from "react";
import { Skeleton } from "@/components/ui/skeleton";
import { ProductsView } from "@/modules/catalog/components/products-view";

export const metadata: Metadata = { title: "Products" };

export default function ProductsPage() {
  return (
    <Suspense fallback={<Skeleton className="h-96 w-full" />}>
      <ProductsView />
    </Suspense>
  );
}
