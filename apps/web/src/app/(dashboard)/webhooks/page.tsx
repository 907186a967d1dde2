import type { Metadata } from "next";
import { Suspense } from "react";
import { Skeleton } from "@/components/ui/skeleton";
import { WebhooksView } from "@/modules/webhooks/components/webhooks-view";

export const metadata: Metadata = { title: "Webhooks" };

export default function WebhooksPage() {
  return (
    <Suspense fallback={<Skeleton className="h-96 w-full" />}>
      <WebhooksView />
    </Suspense>
  );
}
