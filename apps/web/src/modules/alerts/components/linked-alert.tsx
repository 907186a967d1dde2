"use client";

import { XIcon } from "lucide-react";
import { useEffect, useRef } from "react";
import { ErrorState } from "@/components/common/error-state";
import { Button } from "@/components/ui/button";
import { Card, CardContent } from "@/components/ui/card";
import { Skeleton } from "@/components/ui/skeleton";
import { trpc } from "@/lib/trpc/react";
import { AlertItem } from "./alert-item";

/**
 * The alert a link picked out (`/alerts?alert=<id>` from a notification email or the bell), shown
 * first and highlighted whatever the filters, scrolled into view and marked read for this member.
 */
export function LinkedAlert({
  alertId,
  canWrite,
  busy,
  onAcknowledge,
  onResolve,
  onDismiss,
}: {
  alertId: string;
  canWrite: boolean;
  busy: boolean;
  onAcknowledge: (id: string) => void;
  onResolve: (id: string) => void;
  onDismiss: () => void;
}) {
  const utils = trpc.useUtils();
  const linked = trpc.alerts.list.useQuery({ state: "all", ids: [alertId], limit: 1 });
  const markRead = trpc.alerts.markRead.useMutation({
    onSuccess: () => Promise.all([utils.alerts.list.invalidate(), utils.alerts.unreadCount.invalidate()]),
  });
  const alert = linked.data?.items[0];
  const ref = useRef<HTMLElement>(null);
  const marked = useRef<string | null>(null);
  const { mutate } = markRead;

  useEffect(() => {
    if (!alert) return;
    ref.current?.scrollIntoView({ block: "center" });
    if (marked.current !== alert.id && !alert.read && alert.status !== "resolved") {
      marked.current = alert.id;
      mutate({ ids: [alert.id] });
    }
  }, [alert, mutate]);

  return (
    <section ref={ref} aria-label="Linked alert" className="grid gap-2">
      <div className="flex items-center justify-between">
        <h2 className="text-sm font-medium">Linked alert</h2>
        <Button variant="ghost" size="sm" onClick={onDismiss}>
          <XIcon aria-hidden />
          Show all alerts
        </Button>
      </div>
      {linked.isError ? (
        <ErrorState title="Could not load this alert" error={linked.error} onRetry={() => void linked.refetch()} />
      ) : linked.isPending ? (
        <Skeleton className="h-20" aria-label="Loading the linked alert" />
      ) : alert ? (
        <ul className="grid gap-2">
          <AlertItem
            alert={alert}
            canWrite={canWrite}
            busy={busy}
            highlighted
            onAcknowledge={() => onAcknowledge(alert.id)}
            onResolve={() => onResolve(alert.id)}
          />
        </ul>
      ) : (
        <Card>
          <CardContent className="text-sm text-muted-foreground">
            This alert does not exist in this organization. It may belong to another organization you are a member of:
            switch organization and open the link again.
          </CardContent>
        </Card>
      )}
    </section>
  );
}
