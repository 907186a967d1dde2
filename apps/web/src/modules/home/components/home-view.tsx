"use client";

import {
  CheckCircle2Icon,
  MailIcon,
  PackageIcon,
  RefreshCwIcon,
  ScrollTextIcon,
  StoreIcon,
  UsersIcon,
  type LucideIcon,
} from "lucide-react";
import Link from "next/link";
import { EmptyState } from "@/components/common/empty-state";
import { ErrorState } from "@/components/common/error-state";
import { PageHeader } from "@/components/common/page-header";
import { Card, CardAction, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Skeleton } from "@/components/ui/skeleton";
import { trpc } from "@/lib/trpc/react";
import { useCan, useMe } from "@/lib/use-me";
import { SyncActivityList } from "@/modules/sync/components/sync-activity-list";
import { SyncSuccessChart } from "@/modules/sync/components/sync-success-chart";
import { useSyncLive } from "@/modules/sync/hooks/use-sync-live";
import { ActivityChart } from "./activity-chart";
import { LiveIndicator } from "@/components/common/live-indicator";
import { QuickActions } from "./quick-actions";
import { RecentActivity } from "./recent-activity";
import { SalesOverview } from "./sales-overview";

export function HomeView() {
  const me = useMe();
  const summary = trpc.home.summary.useQuery();
  const canReadAudit = useCan("audit:read");
  const canReadSync = useCan("sync:read");
  const canReadReports = useCan("report:read");
  useSyncLive();
  const organizationName = me.data?.activeOrganization?.name;

  return (
    <div className="grid grid-cols-1 gap-6">
      <PageHeader
        title={organizationName ? `Welcome to ${organizationName}` : "Home"}
        description="Your organization at a glance."
      />
      {summary.isError ? (
        <ErrorState title="Could not load the overview" error={summary.error} onRetry={() => void summary.refetch()} />
      ) : (
        <>
          <QuickActions hasChannels={(summary.data?.connectedChannels ?? 0) > 0} />
          {canReadReports ? <SalesOverview /> : null}
          <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
            <StatCard icon={PackageIcon} label="Products" value={summary.data?.products} href="/products" />
            <StatCard
              icon={StoreIcon}
              label="Connected channels"
              value={summary.data?.connectedChannels}
              href="/channels"
            />
            <StatCard
              icon={CheckCircle2Icon}
              label="Sync success, 24 h"
              value={summary.data ? percent(summary.data.syncSuccessRate24h) : undefined}
              href={canReadSync ? "/sync?range=24h" : undefined}
            />
            <StatCard
              icon={CheckCircle2Icon}
              label="Sync success, 7 days"
              value={summary.data ? percent(summary.data.syncSuccessRate7d) : undefined}
              href={canReadSync ? "/sync?range=7d" : undefined}
            />
          </div>
          <div className="grid gap-4 lg:grid-cols-5">
            <Card className="lg:col-span-3">
              <CardHeader>
                <CardTitle>Sync success</CardTitle>
                <CardDescription>Pushes per day and the share that succeeded, last 7 days</CardDescription>
              </CardHeader>
              <CardContent>
                {!summary.data ? (
                  <Skeleton className="h-52 w-full" />
                ) : summary.data.syncLast7d.some((day) => day.succeeded + day.failed > 0) ? (
                  <SyncSuccessChart days={summary.data.syncLast7d} />
                ) : (
                  <EmptyState
                    icon={RefreshCwIcon}
                    title="No pushes in the last 7 days"
                    description="Each day's pushes and the share that succeeded show here once your shops are synced."
                    className="h-52"
                  />
                )}
              </CardContent>
            </Card>
            <Card className="lg:col-span-2">
              <CardHeader>
                <CardTitle>Recent sync activity</CardTitle>
                <CardDescription>Latest pushes to your shops</CardDescription>
              </CardHeader>
              <CardContent>
                {summary.data ? <SyncActivityList items={summary.data.recentSync} /> : <ActivitySkeleton />}
              </CardContent>
            </Card>
          </div>
          <div className="grid gap-4 sm:grid-cols-3">
            <StatCard icon={UsersIcon} label="Members" value={summary.data?.members} href="/team" />
            <StatCard
              icon={MailIcon}
              label="Pending invitations"
              value={summary.data?.pendingInvitations}
              href="/team"
            />
            <StatCard
              icon={ScrollTextIcon}
              label="Audit entries, last 7 days"
              value={summary.data?.auditLast7d.reduce((sum, day) => sum + day.count, 0)}
              href={canReadAudit ? "/audit" : undefined}
            />
          </div>
          <div className="grid gap-4 lg:grid-cols-5">
            <Card className="lg:col-span-3">
              <CardHeader>
                <CardTitle>Activity</CardTitle>
                <CardDescription>Audit entries per day, last 7 days</CardDescription>
              </CardHeader>
              <CardContent>
                {summary.data ? (
                  <ActivityChart days={summary.data.auditLast7d} />
                ) : (
                  <Skeleton className="h-44 w-full" />
                )}
              </CardContent>
            </Card>
            <Card className="lg:col-span-2">
              <CardHeader>
                <CardTitle>Recent activity</CardTitle>
                <CardDescription>Latest changes in this organization</CardDescription>
                <CardAction>
                  <LiveIndicator />
                </CardAction>
              </CardHeader>
              <CardContent>
                {!summary.data ? (
                  <ActivitySkeleton />
                ) : summary.data.recentAudit ? (
                  <RecentActivity items={summary.data.recentAudit} />
                ) : (
                  <p className="text-sm text-muted-foreground">Owners and admins see who changed what here.</p>
                )}
              </CardContent>
            </Card>
          </div>
        </>
      )}
    </div>
  );
}

/** "97.5%", or "—" when nothing was pushed. */
function percent(rate: number | null): string {
  return rate === null ? "—" : `${Math.round(rate * 1000) / 10}%`;
}

function StatCard({
  icon: Icon,
  label,
  value,
  href,
}: {
  icon: LucideIcon;
  label: string;
  value: number | string | undefined;
  href?: string;
}) {
  const body = (
    <Card className="gap-2 py-5 transition-colors group-hover:bg-muted/40">
      <CardHeader className="px-5">
        <CardDescription className="flex items-center gap-2">
          <Icon className="size-4" aria-hidden />
          {label}
        </CardDescription>
      </CardHeader>
      <CardContent className="px-5">
        {value === undefined ? (
          <Skeleton className="h-8 w-16" />
        ) : (
          <p className="text-3xl font-semibold tabular-nums" data-testid={`stat-${label}`}>
            {value}
          </p>
        )}
      </CardContent>
    </Card>
  );
  return href ? (
    <Link href={href} className="group rounded-xl outline-none focus-visible:ring-[3px] focus-visible:ring-ring/50">
      {body}
    </Link>
  ) : (
    body
  );
}

function ActivitySkeleton() {
  return (
    <div className="grid gap-4" aria-busy="true" aria-label="Loading activity">
      {Array.from({ length: 4 }, (_, index) => (
        <div key={index} className="flex items-center gap-3">
          <Skeleton className="size-7 rounded-full" />
          <div className="grid flex-1 gap-1.5">
            <Skeleton className="h-4 w-3/4" />
            <Skeleton className="h-3 w-1/3" />
          </div>
        </div>
      ))}
    </div>
  );
}
