"use client";

import { ShieldAlertIcon } from "lucide-react";
import { EmptyState } from "@/components/common/empty-state";
import { ErrorState } from "@/components/common/error-state";
import { PageHeader } from "@/components/common/page-header";
import { Skeleton } from "@/components/ui/skeleton";
import { trpc } from "@/lib/trpc/react";
import { useCan, useMe } from "@/lib/use-me";
import { useHydrated } from "@/lib/use-hydrated";
import { ProductsGrid } from "./products-grid";

/** The Products page: who may see it, what the grid needs before it opens, then the grid. */
export function ProductsView() {
  const me = useMe();
  const canRead = useCan("catalog:read");
  const canEdit = useCan("catalog:write");
  const canBulkEdit = useCan("bulk:write");
  const hydrated = useHydrated();
  if (hydrated && me.data && !canRead) {
    return (
      <EmptyState
        className="rounded-lg border border-dashed py-16"
        icon={ShieldAlertIcon}
        title="The catalog is not available to your role"
        description="Ask an owner or admin of this organization for access."
      />
    );
  }
  return (
    <div className="flex h-[calc(100svh-7.5rem)] min-h-[560px] flex-col gap-4 md:h-[calc(100svh-8.5rem)] lg:h-[calc(100svh-9.5rem)]">
      <PageHeader
        title="Products"
        description="One row per variant, grouped by product. Edit cells or paste from a spreadsheet, then save all changes at once."
      />
      {hydrated && me.data ? (
        <ProductsLoader canEdit={canEdit} canBulkEdit={canBulkEdit} />
      ) : (
        <Skeleton className="w-full flex-1" />
      )}
    </div>
  );
}

function ProductsLoader({ canEdit, canBulkEdit }: { canEdit: boolean; canBulkEdit: boolean }) {
  const facets = trpc.catalog.facets.useQuery(undefined, { staleTime: 60_000 });
  const gridState = trpc.catalog.gridState.get.useQuery(undefined, { staleTime: Infinity });
  if (facets.isError)
    return <ErrorState title="Could not open the catalog" error={facets.error} onRetry={() => void facets.refetch()} />;
  if (facets.isPending || gridState.isPending) {
    return (
      <div className="grid flex-1 content-start gap-2" aria-busy="true" aria-label="Loading products">
        <Skeleton className="h-8 w-full" />
        {Array.from({ length: 10 }, (_, index) => (
          <Skeleton key={index} className="h-8 w-full" />
        ))}
      </div>
    );
  }
  return (
    <ProductsGrid
      currency={facets.data.currency}
      categories={facets.data.categories}
      brands={facets.data.brands}
      canEdit={canEdit}
      canBulkEdit={canBulkEdit}
      savedLayout={gridState.data ? { columns: gridState.data.columns, sort: gridState.data.sort } : null}
    />
  );
}
