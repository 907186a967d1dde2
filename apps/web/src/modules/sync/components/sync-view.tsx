"use client";

import { RefreshCwIcon, RotateCcwIcon, StoreIcon } from "lucide-react";
import Link from "next/link";
import { useState } from "react";
import { EmptyState } from "@/components/common/empty-state";
import { ErrorState } from "@/components/common/error-state";
import { PageHeader } from "@/components/common/page-header";
import { Button } from "@/components/ui/button";
import { Card, CardAction, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Skeleton } from "@/components/ui/skeleton";
import { trpc } from "@/lib/trpc/react";
import { LiveIndicator } from "@/components/common/live-indicator";
import { useCan } from "@/lib/use-me";
import { useSyncActions } from "../hooks/use-sync-actions";
import { useSyncLive } from "../hooks/use-sync-live";
import { useSyncRuns } from "../hooks/use-sync-runs";
import { AttemptDrawer, type SyncAttempt } from "./attempt-drawer";
import { ChannelSyncCards } from "./channel-sync-cards";
import { ConfirmButton } from "./confirm-button";
import { SyncActivityList } from "./sync-activity-list";
import { SyncHistory } from "./sync-history";
import { SyncRunsProgress } from "./sync-runs-progress";
import { ThroughputChart } from "./throughput-chart";

/** The Sync page: live per-shop counts, manual sync with progress, throughput, activity and history. */
export function SyncView() {
  const canWrite = useCan("sync:write");
  const overview = trpc.sync.overview.useQuery(undefined, { refetchInterval: 30_000 });
  const facets = trpc.catalog.facets.useQuery(undefined, { staleTime: 60_000 });
  const runs = useSyncRuns();
  const actions = useSyncActions();
  const [open, setOpen] = useState<SyncAttempt | null>(null);
  useSyncLive({ history: true });

  const channels = overview.data?.channels ?? [];
  const failed = channels.reduce((sum, channel) => sum + channel.failed, 0);
  const channelNames = new Map(channels.map((channel) => [channel.connectionId, channel.name]));
  const currency = facets.data?.currency ?? null;

  return (
    <div className="grid grid-cols-1 gap-6">
      <PageHeader
        title="Sync"
        description="What is being pushed to your shops, what failed and why."
        actions={
          canWrite && channels.length > 0 ? (
            <>
              {failed > 0 ? (
                <Button
                  size="sm"
                  variant="outline"
                  disabled={actions.retryFailed.isPending}
                  onClick={() => actions.retryFailed.mutate({})}
                >
                  <RotateCcwIcon aria-hidden />
                  Retry all failed ({failed})
                </Button>
              ) : null}
              <ConfirmButton
                variant="default"
                title="Sync every listing now?"
                description="Every published listing on every active shop is pushed again at high priority. Paused shops are left out."
                confirmLabel="Sync all"
                onConfirm={() => runs.start.mutate({ kind: "all" })}
                disabled={runs.start.isPending}
              >
                <RefreshCwIcon aria-hidden />
                Sync all
              </ConfirmButton>
            </>
          ) : null
        }
      />
      <SyncRunsProgress runs={runs.runs} channelNames={channelNames} onDismiss={runs.dismiss} />
      {overview.isError ? (
        <ErrorState title="Could not load sync status" error={overview.error} onRetry={() => void overview.refetch()} />
      ) : overview.isPending ? (
        <div className="grid gap-4 md:grid-cols-2 xl:grid-cols-3" aria-busy="true" aria-label="Loading sync status">
          <Skeleton className="h-48" />
          <Skeleton className="h-48" />
        </div>
      ) : channels.length === 0 ? (
        <EmptyState
          className="rounded-lg border border-dashed py-16"
          icon={StoreIcon}
          title="No shops connected"
          description="Connect a Shopee or TikTok Shop account; its listings are then kept in sync here."
          action={
            <Button asChild size="sm">
              <Link href="/channels">Connect a shop</Link>
            </Button>
          }
        />
      ) : (
        <>
          <ChannelSyncCards
            channels={channels}
            canWrite={canWrite}
            syncing={runs.start.isPending}
            onSyncChannel={(connectionId) => runs.start.mutate({ kind: "channel", connectionId })}
          />
          <div className="grid grid-cols-1 gap-4 lg:grid-cols-5">
            <Card className="min-w-0 lg:col-span-3">
              <CardHeader>
                <CardTitle>Throughput</CardTitle>
                <CardDescription>Listings pushed per minute, last hour</CardDescription>
              </CardHeader>
              <CardContent>
                <ThroughputChart minutes={overview.data.throughput} />
              </CardContent>
            </Card>
            <Card className="min-w-0 lg:col-span-2">
              <CardHeader>
                <CardTitle>Recent activity</CardTitle>
                <CardDescription>Latest push attempts</CardDescription>
                <CardAction>
                  <LiveIndicator />
                </CardAction>
              </CardHeader>
              <CardContent className="max-h-72 overflow-y-auto">
                <SyncActivityList items={overview.data.recent} onOpen={setOpen} />
              </CardContent>
            </Card>
          </div>
        </>
      )}
      <Card>
        <CardHeader>
          <CardTitle>History</CardTitle>
          <CardDescription>Every push attempt with what was sent and what the shop answered</CardDescription>
        </CardHeader>
        <CardContent>
          <SyncHistory channels={channels} currency={currency} canWrite={canWrite} />
        </CardContent>
      </Card>
      <AttemptDrawer attempt={open} currency={currency} onClose={() => setOpen(null)} />
    </div>
  );
}
