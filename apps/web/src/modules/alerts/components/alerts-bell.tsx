"use client";

import { formatDistanceToNow } from "date-fns";
import { BellIcon, CheckCheckIcon } from "lucide-react";
import Link from "next/link";
import { useState } from "react";
import { ErrorState } from "@/components/common/error-state";
import { Button } from "@/components/ui/button";
import { Popover, PopoverContent, PopoverTrigger } from "@/components/ui/popover";
import { Skeleton } from "@/components/ui/skeleton";
import { trpc } from "@/lib/trpc/react";
import { cn } from "@/lib/utils";
import { useAlertActions } from "../hooks/use-alert-actions";
import { useAlertsLive } from "../hooks/use-alerts-live";
import { alertSubjectHref } from "../utils/alert-links";
import { unreadBadge } from "../utils/alert-display";

const dotClasses = { critical: "bg-destructive", warning: "bg-warning", info: "bg-muted-foreground" } as const;

/** The header's bell: the member's unread count, live, and the latest active alerts. */
export function AlertsBell() {
  const [open, setOpen] = useState(false);
  useAlertsLive();
  const unread = trpc.alerts.unreadCount.useQuery(undefined, { refetchOnWindowFocus: true });
  const latest = trpc.alerts.list.useQuery({ state: "active", limit: 8 }, { enabled: open });
  const { markRead } = useAlertActions();
  const badge = unreadBadge(unread.data?.count ?? 0);
  const critical = (unread.data?.critical ?? 0) > 0;

  return (
    <Popover open={open} onOpenChange={setOpen}>
      <PopoverTrigger asChild>
        <Button
          variant="ghost"
          size="icon"
          className="relative"
          aria-label={badge ? `Alerts, ${unread.data?.count} unread` : "Alerts"}
          data-testid="alerts-bell"
        >
          <BellIcon aria-hidden />
          {badge ? (
            <span
              data-testid="alerts-bell-count"
              className={cn(
                "absolute -top-0.5 -right-0.5 flex h-4 min-w-4 items-center justify-center rounded-full px-1 text-[10px] leading-none font-semibold tabular-nums",
                critical ? "bg-destructive text-white" : "bg-primary text-primary-foreground",
              )}
            >
              {badge}
            </span>
          ) : null}
        </Button>
      </PopoverTrigger>
      <PopoverContent className="w-96" aria-label="Latest alerts">
        <div className="flex items-center justify-between border-b px-3 py-2">
          <p className="text-sm font-medium">Alerts</p>
          <Button variant="ghost" size="sm" disabled={!badge || markRead.isPending} onClick={() => markRead.mutate({})}>
            <CheckCheckIcon aria-hidden />
            Mark all read
          </Button>
        </div>
        <div className="max-h-96 overflow-y-auto">
          {latest.isError ? (
            <ErrorState title="Could not load alerts" error={latest.error} onRetry={() => void latest.refetch()} />
          ) : latest.isPending ? (
            <div className="grid gap-2 p-3" aria-busy="true" aria-label="Loading alerts">
              <Skeleton className="h-10" />
              <Skeleton className="h-10" />
            </div>
          ) : latest.data.items.length === 0 ? (
            <p className="px-3 py-8 text-center text-sm text-muted-foreground">No open alerts. All is well.</p>
          ) : (
            <ul className="divide-y" aria-label="Open alerts">
              {latest.data.items.map((alert) => {
                // The alert's subject (product, order, shop), else the alert itself on the Alerts page.
                const link = alertSubjectHref(alert) ?? {
                  href: `/alerts?alert=${alert.id}`,
                  label: "Open this alert on the Alerts page",
                };
                const body = (
                  <>
                    <span
                      className={cn("mt-1.5 size-2 shrink-0 rounded-full", dotClasses[alert.severity])}
                      aria-label={alert.severity}
                    />
                    <span className="grid min-w-0 gap-0.5">
                      <span className={cn("truncate text-sm", alert.read ? "" : "font-medium")}>{alert.title}</span>
                      <span className="text-xs text-muted-foreground">
                        {[
                          alert.shopName,
                          alert.count > 1 ? `×${alert.count}` : null,
                          formatDistanceToNow(new Date(alert.lastSeenAt), { addSuffix: true }),
                        ]
                          .filter(Boolean)
                          .join(" · ")}
                      </span>
                    </span>
                  </>
                );
                return (
                  <li key={alert.id} data-testid="alerts-bell-item">
                    <Link
                      href={link.href}
                      title={link.label}
                      onClick={() => setOpen(false)}
                      className="flex gap-2 px-3 py-2 hover:bg-muted focus-visible:bg-muted focus-visible:outline-none"
                    >
                      {body}
                    </Link>
                  </li>
                );
              })}
            </ul>
          )}
        </div>
        <div className="border-t p-2">
          <Button asChild variant="outline" size="sm" className="w-full">
            <Link href="/alerts" onClick={() => setOpen(false)}>
              View all
            </Link>
          </Button>
        </div>
      </PopoverContent>
    </Popover>
  );
}
