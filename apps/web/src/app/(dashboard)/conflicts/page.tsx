import type { Metadata } from "next";
import { Suspense } from "react";
import { Skeleton } from "@/components/ui/skeleton";
import { ConflictsView } from "@/modules/conflicts/components/conflicts-view";

export const metadata: Metadata = { title: "Conflicts" };

export default function ConflictsPage() {
  return (
    <Suspense fallback={<Skeleton className="h-96 w-full" />}>
      <ConflictsView />
    </Suspense>
  );
}
