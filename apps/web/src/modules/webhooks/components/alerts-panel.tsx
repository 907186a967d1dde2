"use client";

import { formatDistanceToNow } from "date-fns";
import { BellIcon, CheckIcon, EyeIcon } from "lucide-react";
import { EmptyState } from "@/components/common/empty-state";
import { ErrorState } from "@/components/common/error-state";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { Skeleton } from "@/components/ui/skeleton";
import { trpc } from "@/lib/trpc/react";
import { cn } from "@/lib/utils";
import { useAlertActions } from "../hooks/use-webhook-actions";
import { alertKindLabel } from "../utils/webhook-display";

const severityClasses = {
  critical: "border-destructive/40 bg-destructive/10 text-destructive",
  warning: "border-warning/40 bg-warning/10 text-foreground",
  info: "border-border bg-muted text-muted-foreground",
} as const;

/** Open and acknowledged alerts: repeated signature failures, failed events, missed webhooks, revoked shops. */
export function AlertsPanel({ canWrite }: { canWrite: boolean }) {
  const alerts = trpc.webhooks.alerts.list.useQuery({ state: "active", limit: 20 });
  const { acknowledge, resolve } = useAlertActions();
  return (
    <Card className="gap-3">
      <CardHeader>
        <CardTitle className="flex items-center gap-2 text-base">
          <BellIcon className="size-4" aria-hidden />
          Alerts
          {alerts.data?.length ? <Badge variant="secondary">{alerts.data.length}</Badge> : null}
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
        ) : alerts.data.length === 0 ? (
          <EmptyState
            icon={BellIcon}
            title="No open alerts"
            description="Repeated signature failures and events that fail for good show up here."
          />
        ) : (
          <ul className="grid gap-2" aria-label="Open alerts">
            {alerts.data.map((alert) => (
              <li key={alert.id} className="grid gap-1.5 rounded-md border p-3" data-testid="alert-item">
                <div className="flex flex-wrap items-center gap-2">
                  <Badge variant="outline" className={cn(severityClasses[alert.severity])}>
                    {alert.severity}
                  </Badge>
                  <span className="text-xs text-muted-foreground">{alertKindLabel(alert.kind)}</span>
                  {alert.count > 1 ? <Badge variant="secondary">×{alert.count}</Badge> : null}
                  {alert.status === "acknowledged" ? <Badge variant="outline">Acknowledged</Badge> : null}
                  <span className="ml-auto text-xs text-muted-foreground">
                    {formatDistanceToNow(new Date(alert.lastSeenAt), { addSuffix: true })}
                  </span>
                </div>
                <p className="text-sm font-medium">{alert.title}</p>
                {alert.detail ? <p className="text-xs break-words text-muted-foreground">{alert.detail}</p> : null}
                {canWrite ? (
                  <div className="flex gap-2">
                    {alert.status === "open" ? (
                      <Button
                        size="sm"
                        variant="outline"
                        disabled={acknowledge.isPending}
                        onClick={() => acknowledge.mutate({ id: alert.id })}
                      >
                        <EyeIcon aria-hidden />
                        Acknowledge
                      </Button>
                    ) : null}
                    <Button
                      size="sm"
                      variant="outline"
                      disabled={resolve.isPending}
                      onClick={() => resolve.mutate({ id: alert.id })}
                    >
                      <CheckIcon aria-hidden />
                      Resolve
                    </Button>
                  </div>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </CardContent>
    </Card>
  );
}
