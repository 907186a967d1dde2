"use client";

import { StoreIcon } from "lucide-react";
import { EmptyState } from "@/components/common/empty-state";
import { ErrorState } from "@/components/common/error-state";
import { PageHeader } from "@/components/common/page-header";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Skeleton } from "@/components/ui/skeleton";
import { trpc } from "@/lib/trpc/react";
import { useHydrated } from "@/lib/use-hydrated";
import { useCan } from "@/lib/use-me";
import { useCallbackToast } from "../hooks/use-callback-toast";
import { useChannelsRealtime } from "../hooks/use-channels-realtime";
import { ConnectButtons } from "./connect-buttons";
import { ConnectionsTable } from "./connections-table";

export function ChannelsView() {
  useCallbackToast();
  useChannelsRealtime();
  const canWrite = useCan("channel:write");
  const query = trpc.channels.list.useQuery();
  // The connections may already be cached when this page's code arrives (React #418 after the
  // marketplace's redirect back): the first client render shows what the server rendered.
  const hydrated = useHydrated();
  const connections = hydrated ? query : { ...query, data: undefined, isError: false };
  const count = connections.data?.filter((c) => c.status !== "disconnected").length ?? 0;

  return (
    <div className="grid grid-cols-1 gap-6">
      <PageHeader
        title="Channels"
        description="Marketplace shops connected to this organization. Tokens are encrypted and never shown."
        actions={canWrite ? <ConnectButtons /> : null}
      />
      <Card>
        <CardHeader>
          <CardTitle>Connections</CardTitle>
          <CardDescription>
            {connections.data ? `${count} connected ${count === 1 ? "shop" : "shops"}` : "Loading…"}
          </CardDescription>
        </CardHeader>
        <CardContent>
          {connections.isError ? (
            <ErrorState
              title="Could not load connections"
              error={connections.error}
              onRetry={() => void connections.refetch()}
            />
          ) : !connections.data ? (
            <div className="grid gap-2" aria-busy="true">
              {Array.from({ length: 2 }, (_, i) => (
                <Skeleton key={i} className="h-12 w-full" />
              ))}
            </div>
          ) : connections.data.length === 0 ? (
            <EmptyState
              icon={StoreIcon}
              title="No shops connected yet"
              description={
                canWrite
                  ? "Connect a Shopee or TikTok Shop shop to sync products, prices and stock."
                  : "Ask an owner or admin to connect a marketplace shop."
              }
              action={
                canWrite ? (
                  <div className="flex gap-2">
                    <ConnectButtons />
                  </div>
                ) : null
              }
            />
          ) : (
            <ConnectionsTable connections={connections.data} canWrite={canWrite} />
          )}
        </CardContent>
      </Card>
    </div>
  );
}
