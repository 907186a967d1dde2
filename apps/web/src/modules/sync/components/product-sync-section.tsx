"use client";

import { formatDistanceToNow } from "date-fns";
import { RefreshCwIcon, RotateCcwIcon } from "lucide-react";
import Link from "next/link";
import { useState } from "react";
import { ErrorState } from "@/components/common/error-state";
import { Button } from "@/components/ui/button";
import { Card, CardAction, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Skeleton } from "@/components/ui/skeleton";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { trpc } from "@/lib/trpc/react";
import { useCan } from "@/lib/use-me";
import { useSyncActions } from "../hooks/use-sync-actions";
import { useSyncLive } from "../hooks/use-sync-live";
import { useSyncRuns } from "../hooks/use-sync-runs";
import { AttemptDrawer, type SyncAttempt } from "./attempt-drawer";
import { SyncActivityList } from "./sync-activity-list";
import { SyncStateBadge } from "./sync-state-badge";

/** The product page's compact sync section: each listing's state and the latest attempts. */
export function ProductSyncSection({ productId, currency }: { productId: string; currency: string }) {
  const canRead = useCan("sync:read");
  if (!canRead) return null;
  return <ProductSyncCard productId={productId} currency={currency} />;
}

function ProductSyncCard({ productId, currency }: { productId: string; currency: string }) {
  const canWrite = useCan("sync:write");
  const status = trpc.sync.productStatus.useQuery({ productId });
  const actions = useSyncActions();
  const runs = useSyncRuns();
  const [open, setOpen] = useState<SyncAttempt | null>(null);
  useSyncLive();
  const listings = status.data?.listings ?? [];
  const pushable = listings.some((listing) => listing.externalProductId && listing.enabled && listing.variantId);

  return (
    <Card data-testid="product-sync">
      <CardHeader>
        <CardTitle>Sync attempts</CardTitle>
        <CardDescription>This product on your shops, and its latest pushes</CardDescription>
        <CardAction className="flex gap-2">
          {canWrite && pushable ? (
            <Button
              type="button"
              size="sm"
              variant="outline"
              disabled={runs.start.isPending}
              onClick={() => runs.start.mutate({ kind: "products", productIds: [productId] })}
            >
              <RefreshCwIcon aria-hidden />
              Sync now
            </Button>
          ) : null}
          <Button size="sm" variant="ghost" asChild>
            <Link href={`/sync?product=${productId}&range=all`}>Full history</Link>
          </Button>
        </CardAction>
      </CardHeader>
      <CardContent className="grid gap-4">
        {status.isError ? (
          <ErrorState title="Could not load sync status" error={status.error} onRetry={() => void status.refetch()} />
        ) : status.isPending ? (
          <Skeleton className="h-24 w-full" />
        ) : listings.length === 0 ? (
          <p className="text-sm text-muted-foreground">Not listed on any shop yet.</p>
        ) : (
          <Table>
            <TableHeader>
              <TableRow>
                <TableHead>Shop</TableHead>
                <TableHead>Variant</TableHead>
                <TableHead>Status</TableHead>
                <TableHead className="hidden md:table-cell">Last synced</TableHead>
                {canWrite ? <TableHead className="w-0" /> : null}
              </TableRow>
            </TableHeader>
            <TableBody>
              {listings.map((listing) => (
                <TableRow key={listing.listingId} data-testid={`listing-${listing.listingId}`}>
                  <TableCell>{listing.connection.name}</TableCell>
                  <TableCell className="text-muted-foreground">
                    {listing.sku ?? "—"}
                    {Object.values(listing.options).length ? ` · ${Object.values(listing.options).join(" / ")}` : ""}
                  </TableCell>
                  <TableCell>
                    <SyncStateBadge
                      state={listing.enabled ? listing.syncState : "disabled"}
                      title={listing.lastError ?? undefined}
                    />
                    {listing.syncState === "failed" && listing.lastError ? (
                      <p className="mt-1 max-w-72 text-xs text-destructive">{listing.lastError}</p>
                    ) : null}
                  </TableCell>
                  <TableCell className="hidden text-muted-foreground md:table-cell">
                    {listing.lastSyncedAt
                      ? formatDistanceToNow(new Date(listing.lastSyncedAt), { addSuffix: true })
                      : "Never"}
                  </TableCell>
                  {canWrite ? (
                    <TableCell>
                      {listing.syncState === "failed" ? (
                        <Button
                          type="button"
                          size="sm"
                          variant="outline"
                          disabled={actions.retry.isPending}
                          onClick={() => actions.retry.mutate({ listingId: listing.listingId })}
                        >
                          <RotateCcwIcon aria-hidden />
                          Retry
                        </Button>
                      ) : null}
                    </TableCell>
                  ) : null}
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
        {status.data && status.data.attempts.length > 0 ? (
          <SyncActivityList items={status.data.attempts} onOpen={setOpen} />
        ) : null}
      </CardContent>
      <AttemptDrawer attempt={open} currency={currency} onClose={() => setOpen(null)} />
    </Card>
  );
}
