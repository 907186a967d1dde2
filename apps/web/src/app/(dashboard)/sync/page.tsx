import type { Metadata } from "next";
import { Suspense } from "react";
import { Skeleton } from "@/components/ui/skeleton";
import { SyncView } from "@/modules/sync/components/sync-view";

export const metadata: Metadata = { title: "Sync" };

export default function SyncPage() {
  return (
    <Suspense fallback={<Skeleton className="h-96 w-full" />}>
      <SyncView />
    </Suspense>
  );
}
