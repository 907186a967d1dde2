import { Skeleton } from "@/components/ui/skeleton";

/** A dashboard page's outline while its code or data loads (route loading and the first paint). */
export function PageSkeleton() {
  return (
    <div className="grid gap-6" aria-busy="true" aria-label="Loading page">
      <div className="grid gap-2">
        <Skeleton className="h-7 w-48" />
        <Skeleton className="h-4 w-72" />
      </div>
      <div className="grid gap-4 sm:grid-cols-3">
        <Skeleton className="h-28" />
        <Skeleton className="h-28" />
        <Skeleton className="h-28" />
      </div>
      <Skeleton className="h-72" />
    </div>
  );
}
