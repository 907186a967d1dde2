"use client";

import type { LucideIcon } from "lucide-react";
import { CopyIcon, InboxIcon, ShieldAlertIcon, TimerIcon, TriangleAlertIcon } from "lucide-react";
import { Card, CardContent } from "@/components/ui/card";
import { Skeleton } from "@/components/ui/skeleton";
import type { RouterOutputs } from "@/lib/trpc/types";
import { cn } from "@/lib/utils";

type Stats = RouterOutputs["webhooks"]["stats"];

function Stat({
  icon: Icon,
  label,
  value,
  hint,
  tone,
  testId,
}: {
  icon: LucideIcon;
  label: string;
  value: number;
  hint: string;
  tone?: "bad";
  testId: string;
}) {
  return (
    <Card className="gap-1 py-4">
      <CardContent className="grid gap-1 px-4">
        <span className="flex items-center gap-1.5 text-xs text-muted-foreground">
          <Icon className="size-3.5" aria-hidden />
          {label}
        </span>
        <span
          className={cn("text-2xl font-semibold tabular-nums", tone === "bad" && value > 0 && "text-destructive")}
          data-testid={testId}
        >
          {value.toLocaleString()}
        </span>
        <span className="text-xs text-muted-foreground">{hint}</span>
      </CardContent>
    </Card>
  );
}

/** Received, pending, failed, duplicates and signature failures over the chosen period. */
export function StatsCards({ stats }: { stats: Stats | undefined }) {
  if (!stats) {
    return (
      <div className="grid grid-cols-2 gap-3 md:grid-cols-5" aria-busy="true" aria-label="Loading counts">
        {Array.from({ length: 5 }, (_, index) => (
          <Skeleton key={index} className="h-24" />
        ))}
      </div>
    );
  }
  const { counts } = stats;
  return (
    <div className="grid grid-cols-2 gap-3 md:grid-cols-5">
      <Stat
        icon={InboxIcon}
        label="Received"
        value={counts.received}
        hint={`${counts.processed.toLocaleString()} processed`}
        testId="stat-received"
      />
      <Stat
        icon={TimerIcon}
        label="Pending"
        value={counts.pending}
        hint={`${counts.ignored} ignored · ${counts.unknownShop} unknown shop`}
        testId="stat-pending"
      />
      <Stat
        icon={TriangleAlertIcon}
        label="Failed"
        value={counts.failed}
        hint="After every retry"
        tone="bad"
        testId="stat-failed"
      />
      <Stat
        icon={CopyIcon}
        label="Duplicates"
        value={counts.duplicates}
        hint={`Redeliveries acknowledged · ${counts.replays} replays`}
        testId="stat-duplicates"
      />
      <Stat
        icon={ShieldAlertIcon}
        label="Signature failures"
        value={stats.signatureFailures}
        hint={`${stats.rejections.staleTimestamp} stale timestamps`}
        tone="bad"
        testId="stat-signature-failures"
      />
    </div>
  );
}
