"use client";

import type { AlertGroup } from "@syncstore/domain";
import { BellIcon } from "lucide-react";
import Link from "next/link";
import { EmptyState } from "@/components/common/empty-state";
import { ErrorState } from "@/components/common/error-state";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { Skeleton } from "@/components/ui/skeleton";
import { trpc } from "@/lib/trpc/react";
import { useCan } from "@/lib/use-me";
import { useAlertActions } from "../hooks/use-alert-actions";
import { AlertItem } from "./alert-item";

/** A page's own open alerts (one group), beside a link to all of them. */
export function AlertsPanel({ group, emptyText }: { group: AlertGroup; emptyText: string }) {
  const canWrite = useCan("alert:write");
  const alerts = trpc.alerts.list.useQuery({ state: "active", group, limit: 20 });
  const { acknowledge, resolve } = useAlertActions();
  const busy = acknowledge.isPending || resolve.isPending;
  return (
    <Card className="gap-3">
      <CardHeader>
        <CardTitle className="flex items-center gap-2 text-base">
          <BellIcon className="size-4" aria-hidden />
          Alerts
          {alerts.data?.items.length ? <Badge variant="secondary">{alerts.data.items.length}</Badge> : null}
          <Button asChild variant="link" size="sm" className="ml-auto h-auto p-0">
            <Link href={`/alerts?group=${group}`}>View all</Link>
          </Button>
        </CardTitle>
      </CardHeader>
      <CardContent>
        {alerts.isError ? (
          <ErrorState title="Could not load alerts" error={alerts.error} onRetry={() => void alerts.refetch()} />
        ) : alerts.isPending ? (
          <div className="grid gap-2" aria-busy="true" aria-label="Loading alerts">
            <Skeleton className="h-14" />
            <Skeleton className="h-14" />
          </div>
        ) : alerts.data.items.length === 0 ? (
          <EmptyState icon={BellIcon} title="No open alerts" description={emptyText} />
        ) : (
          <ul className="grid gap-2" aria-label="Open alerts">
            {alerts.data.items.map((alert) => (
              <AlertItem
                key={alert.id}
                alert={alert}
                canWrite={canWrite}
                busy={busy}
                onAcknowledge={() => acknowledge.mutate({ ids: [alert.id] })}
                onResolve={() => resolve.mutate({ ids: [alert.id] })}
              />
            ))}
          </ul>
        )}
      </CardContent>
    </Card>
  );
}
