import type { Metadata } from "next";
import { Suspense } from "react";
import { Skeleton } from "@/components/ui/skeleton";
import { ChannelsView } from "@/modules/channels/components/channels-view";

export const metadata: Metadata = { title: "Channels" };

export default function ChannelsPage() {
  return (
    <Suspense fallback={<Skeleton className="h-96 w-full" />}>
      <ChannelsView />
    </Suspense>
  );
}
