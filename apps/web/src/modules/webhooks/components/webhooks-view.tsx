"use client";

import { Loader2Icon, RotateCcwIcon, ShieldAlertIcon, WebhookIcon } from "lucide-react";
import { useState } from "react";
import { EmptyState } from "@/components/common/empty-state";
import { ErrorState } from "@/components/common/error-state";
import { PageHeader } from "@/components/common/page-header";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { Skeleton } from "@/components/ui/skeleton";
import { trpc } from "@/lib/trpc/react";
import { LiveIndicator } from "@/components/common/live-indicator";
import { useCan, useMe } from "@/lib/use-me";
import { AlertsPanel } from "@/modules/alerts/components/alerts-panel";
import { useReplayEvents } from "../hooks/use-webhook-actions";
import { useWebhookEvents } from "../hooks/use-webhook-events";
import { useWebhookFilters } from "../hooks/use-webhook-filters";
import { useWebhooksLive } from "../hooks/use-webhooks-live";
import { hasActiveFilters } from "../utils/webhook-filters";
import { EventsFilters } from "./events-filters";
import { EventsTable } from "./events-table";
import { LagChart } from "./lag-chart";
import { PayloadDrawer } from "./payload-drawer";
import { ReconciliationPanel } from "./reconciliation-panel";
import { StatsCards } from "./stats-cards";

type Range = "1h" | "24h" | "7d";
const rangeLabels: Record<Range, string> = { "1h": "Last hour", "24h": "Last 24 hours", "7d": "Last 7 days" };

export function WebhooksView() {
  const me = useMe();
  const canRead = useCan("webhook:read");
  if (me.data && !canRead) {
    return (
      <EmptyState
        className="rounded-lg border border-dashed py-16"
        icon={ShieldAlertIcon}
        title="Webhooks are not available to your role"
        description="Ask an owner or admin of this organization for access."
      />
    );
  }
  return me.data ? <WebhooksScreen /> : <Skeleton className="h-96 w-full" />;
}

function WebhooksScreen() {
  const canWrite = useCan("webhook:write");
  const [range, setRange] = useState<Range>("24h");
  const stats = trpc.webhooks.stats.useQuery({ range }, { refetchInterval: 30_000 });
  const fresh = useWebhooksLive();
  return (
    <div className="grid grid-cols-1 gap-6">
      <PageHeader
        title="Webhooks"
        description="Every marketplace event as it arrives and is processed: payloads, retries, replays and what reconciliation caught."
        actions={
          <>
            <LiveIndicator />
            <Select value={range} onValueChange={(value) => setRange(value as Range)}>
              <SelectTrigger className="w-40" aria-label="Period">
                <SelectValue />
              </SelectTrigger>
              <SelectContent>
                {(Object.keys(rangeLabels) as Range[]).map((key) => (
                  <SelectItem key={key} value={key}>
                    {rangeLabels[key]}
                  </SelectItem>
                ))}
              </SelectContent>
            </Select>
          </>
        }
      />
      {stats.isError ? (
        <ErrorState title="Could not load the counts" error={stats.error} onRetry={() => void stats.refetch()} />
      ) : (
        <StatsCards stats={stats.data} />
      )}
      <div className="grid gap-6 lg:grid-cols-[minmax(0,2fr)_minmax(0,1fr)]">
        <Card className="gap-3">
          <CardHeader>
            <CardTitle className="text-base">Processing lag</CardTitle>
            <CardDescription>Time from receipt to processed, median and 95th percentile.</CardDescription>
          </CardHeader>
          <CardContent>
            {stats.data ? <LagChart points={stats.data.lag} range={range} /> : <Skeleton className="h-52" />}
          </CardContent>
        </Card>
        <AlertsPanel
          group="webhooks"
          emptyText="Repeated signature failures, events that fail for good and missed webhooks show up here."
        />
      </div>
      {stats.data ? <ReconciliationPanel shops={stats.data.reconciliation} canWrite={canWrite} /> : null}
      <EventLog canWrite={canWrite} fresh={fresh} />
    </div>
  );
}

function EventLog({ canWrite, fresh }: { canWrite: boolean; fresh: ReadonlySet<string> }) {
  const { filters, setFilter, clear } = useWebhookFilters();
  const events = useWebhookEvents(filters);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [openId, setOpenId] = useState<string | null>(null);
  const replay = useReplayEvents(() => setSelected(new Set()));
  const toggle = (id: string) =>
    setSelected((previous) => {
      const next = new Set(previous);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  return (
    <Card className="gap-4">
      <CardHeader className="flex flex-row flex-wrap items-center justify-between gap-2">
        <CardTitle className="text-base">Event log</CardTitle>
        {canWrite ? (
          <Button
            variant="outline"
            size="sm"
            disabled={selected.size === 0 || replay.isPending}
            onClick={() => replay.mutate({ ids: [...selected].slice(0, 100) })}
          >
            {replay.isPending ? <Loader2Icon className="animate-spin" aria-hidden /> : <RotateCcwIcon aria-hidden />}
            Replay selected{selected.size ? ` (${selected.size})` : ""}
          </Button>
        ) : null}
      </CardHeader>
      <CardContent className="grid gap-4">
        <EventsFilters filters={filters} onChange={setFilter} onClear={clear} />
        {events.isError && !events.data ? (
          <ErrorState
            title="Could not load webhook events"
            error={events.error}
            onRetry={() => void events.refetch()}
          />
        ) : events.isPending ? (
          <div className="grid gap-2" aria-busy="true" aria-label="Loading webhook events">
            {Array.from({ length: 8 }, (_, index) => (
              <Skeleton key={index} className="h-10 w-full" />
            ))}
          </div>
        ) : events.items.length === 0 ? (
          <EmptyState
            icon={WebhookIcon}
            title={hasActiveFilters(filters) ? "No events match these filters" : "No webhook events yet"}
            description={
              hasActiveFilters(filters)
                ? "Try another shop or status, or clear the filters."
                : "Orders, stock and product changes your shops send appear here live as they arrive."
            }
            action={
              hasActiveFilters(filters) ? (
                <Button variant="outline" onClick={clear}>
                  Clear filters
                </Button>
              ) : undefined
            }
          />
        ) : (
          <>
            <EventsTable
              items={events.items}
              selected={selected}
              fresh={fresh}
              selectable={canWrite}
              onToggle={toggle}
              onToggleAll={(checked) => setSelected(checked ? new Set(events.items.map((item) => item.id)) : new Set())}
              onOpen={(item) => setOpenId(item.id)}
            />
            <div className="flex items-center justify-between gap-4">
              <p className="text-sm text-muted-foreground" aria-live="polite">
                {events.items.length} event{events.items.length === 1 ? "" : "s"}
                {events.hasNextPage ? " shown" : ""}
              </p>
              {events.hasNextPage ? (
                <Button
                  variant="outline"
                  onClick={() => void events.fetchNextPage()}
                  disabled={events.isFetchingNextPage}
                >
                  {events.isFetchingNextPage ? <Loader2Icon className="animate-spin" aria-hidden /> : null}
                  Load more
                </Button>
              ) : null}
            </div>
          </>
        )}
      </CardContent>
      <PayloadDrawer eventId={openId} onClose={() => setOpenId(null)} canReplay={canWrite} />
    </Card>
  );
}
