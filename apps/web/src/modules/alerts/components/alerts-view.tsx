"use client";

import { BellIcon, CheckCheckIcon, CheckIcon, EyeIcon, ShieldAlertIcon } from "lucide-react";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useMemo, useState } from "react";
import { EmptyState } from "@/components/common/empty-state";
import { ErrorState } from "@/components/common/error-state";
import { LiveIndicator } from "@/components/common/live-indicator";
import { PageHeader } from "@/components/common/page-header";
import { Button } from "@/components/ui/button";
import { Card, CardContent } from "@/components/ui/card";
import { Skeleton } from "@/components/ui/skeleton";
import { trpc } from "@/lib/trpc/react";
import { useCan, useMe } from "@/lib/use-me";
import { useAlertActions } from "../hooks/use-alert-actions";
import { useAlertsLive } from "../hooks/use-alerts-live";
import {
  alertFiltersToSearch,
  hasActiveAlertFilters,
  parseAlertFilters,
  toAlertListInput,
  type AlertFilters,
} from "../utils/alert-filters";
import { AlertFiltersBar } from "./alert-filters-bar";
import { AlertItem } from "./alert-item";
import { LinkedAlert } from "./linked-alert";

export function AlertsView() {
  const me = useMe();
  const canRead = useCan("alert:read");
  if (me.data && !canRead) {
    return (
      <EmptyState
        className="rounded-lg border border-dashed py-16"
        icon={ShieldAlertIcon}
        title="Alerts are not available to your role"
        description="Ask an owner or admin of this organization for access."
      />
    );
  }
  return me.data ? <AlertsScreen /> : <Skeleton className="h-96 w-full" />;
}

function AlertsScreen() {
  const canWrite = useCan("alert:write");
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const filters = useMemo(() => parseAlertFilters(new URLSearchParams(params.toString())), [params]);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  useAlertsLive();
  const list = trpc.alerts.list.useInfiniteQuery(
    { ...toAlertListInput(filters), limit: 50 },
    { getNextPageParam: (page) => page.nextCursor ?? undefined },
  );
  const { acknowledge, resolve, markRead } = useAlertActions(() => setSelected(new Set()));
  const busy = acknowledge.isPending || resolve.isPending;
  // The linked alert shows first, on its own; the list shows the others.
  const items = (list.data?.pages.flatMap((page) => page.items) ?? []).filter((alert) => alert.id !== filters.alert);
  const selectable = items.filter((alert) => alert.status !== "resolved");
  const chosen = [...selected].filter((id) => selectable.some((alert) => alert.id === id));
  const unreadHere = items.some((alert) => !alert.read && alert.status !== "resolved");

  const setFilters = (next: AlertFilters) => {
    setSelected(new Set());
    router.replace(`${pathname}${alertFiltersToSearch({ ...next, alert: undefined })}`, { scroll: false });
  };

  return (
    <div className="grid grid-cols-1 gap-6">
      <PageHeader
        title="Alerts"
        description="Low and out-of-stock variants, oversold orders, shops to reconnect, failing webhooks and conflicts: everything that needs a person."
        actions={
          <>
            <LiveIndicator />
            <Button variant="outline" disabled={!unreadHere || markRead.isPending} onClick={() => markRead.mutate({})}>
              <CheckCheckIcon aria-hidden />
              Mark all read
            </Button>
          </>
        }
      />
      <Card>
        <CardContent className="grid gap-4">
          <AlertFiltersBar
            filters={filters}
            onChange={(next) => setFilters({ ...filters, ...next })}
            onClear={() => setFilters({ state: "active" })}
          />
          {canWrite && selectable.length > 0 ? (
            <div className="flex flex-wrap items-center gap-2 border-t pt-3" aria-label="Bulk actions">
              <label className="flex items-center gap-2 text-sm">
                <input
                  type="checkbox"
                  className="size-4 accent-primary"
                  checked={chosen.length > 0 && chosen.length === selectable.length}
                  onChange={(event) =>
                    setSelected(new Set(event.target.checked ? selectable.map((alert) => alert.id) : []))
                  }
                />
                {chosen.length > 0 ? `${chosen.length} selected` : "Select all"}
              </label>
              <Button
                size="sm"
                variant="outline"
                disabled={chosen.length === 0 || busy}
                onClick={() => acknowledge.mutate({ ids: chosen })}
              >
                <EyeIcon aria-hidden />
                Acknowledge selected
              </Button>
              <Button
                size="sm"
                variant="outline"
                disabled={chosen.length === 0 || busy}
                onClick={() => resolve.mutate({ ids: chosen })}
              >
                <CheckIcon aria-hidden />
                Resolve selected
              </Button>
            </div>
          ) : null}
        </CardContent>
      </Card>
      {filters.alert ? (
        <LinkedAlert
          alertId={filters.alert}
          canWrite={canWrite}
          busy={busy}
          onAcknowledge={(id) => acknowledge.mutate({ ids: [id] })}
          onResolve={(id) => resolve.mutate({ ids: [id] })}
          onDismiss={() => setFilters(filters)}
        />
      ) : null}
      {list.isError ? (
        <ErrorState title="Could not load alerts" error={list.error} onRetry={() => void list.refetch()} />
      ) : list.isPending ? (
        <div className="grid gap-2" aria-busy="true" aria-label="Loading alerts">
          <Skeleton className="h-20" />
          <Skeleton className="h-20" />
          <Skeleton className="h-20" />
        </div>
      ) : items.length === 0 ? (
        filters.alert ? null : (
          <EmptyState
            className="rounded-lg border border-dashed py-16"
            icon={BellIcon}
            title={hasActiveAlertFilters(filters) ? "No alerts match these filters" : "No open alerts"}
            description={
              hasActiveAlertFilters(filters)
                ? "Clear the filters to see every alert."
                : "Low stock, oversold orders, failing webhooks and shops to reconnect show up here as they happen."
            }
          />
        )
      ) : (
        <>
          <ul className="grid gap-2" aria-label="Alerts">
            {items.map((alert) => (
              <AlertItem
                key={alert.id}
                alert={alert}
                canWrite={canWrite}
                busy={busy}
                selected={selected.has(alert.id)}
                onSelect={
                  canWrite
                    ? (on) =>
                        setSelected((current) => {
                          const next = new Set(current);
                          if (on) next.add(alert.id);
                          else next.delete(alert.id);
                          return next;
                        })
                    : undefined
                }
                onAcknowledge={() => acknowledge.mutate({ ids: [alert.id] })}
                onResolve={() => resolve.mutate({ ids: [alert.id] })}
              />
            ))}
          </ul>
          {list.hasNextPage ? (
            <Button
              variant="outline"
              className="justify-self-center"
              disabled={list.isFetchingNextPage}
              onClick={() => void list.fetchNextPage()}
            >
              {list.isFetchingNextPage ? "Loading…" : "Load more"}
            </Button>
          ) : null}
        </>
      )}
    </div>
  );
}
