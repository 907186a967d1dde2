"use client";

import { PauseIcon, PlayIcon, RefreshCwIcon, RotateCcwIcon } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import {
  Card,
  CardAction,
  CardContent,
  CardDescription,
  CardFooter,
  CardHeader,
  CardTitle,
} from "@/components/ui/card";
import type { RouterOutputs } from "@/lib/trpc/types";
import { cn } from "@/lib/utils";
import { useSyncActions } from "../hooks/use-sync-actions";
import { platformNames } from "../utils/sync-display";
import { ConfirmButton } from "./confirm-button";

type ChannelCounts = RouterOutputs["sync"]["overview"]["channels"][number];

/** Live counts of one shop per card, with its sync controls. */
export function ChannelSyncCards({
  channels,
  canWrite,
  onSyncChannel,
  syncing,
}: {
  channels: ChannelCounts[];
  canWrite: boolean;
  onSyncChannel: (connectionId: string) => void;
  syncing: boolean;
}) {
  return (
    <div className="grid gap-4 md:grid-cols-2 xl:grid-cols-3">
      {channels.map((channel) => (
        <ChannelCard
          key={channel.connectionId}
          channel={channel}
          canWrite={canWrite}
          onSync={() => onSyncChannel(channel.connectionId)}
          syncing={syncing}
        />
      ))}
    </div>
  );
}

function ChannelCard({
  channel,
  canWrite,
  onSync,
  syncing,
}: {
  channel: ChannelCounts;
  canWrite: boolean;
  onSync: () => void;
  syncing: boolean;
}) {
  const actions = useSyncActions();
  const reachable = channel.status !== "disconnected" && channel.status !== "needs_reauth";
  const counts = [
    { key: "pending", label: "Queued", value: channel.pending },
    { key: "syncing", label: "Syncing", value: channel.syncing },
    { key: "failed", label: "Failed, last hour", value: channel.failedLastHour, alert: channel.failedLastHour > 0 },
    { key: "in-sync", label: "In sync", value: channel.inSync },
  ];
  return (
    <Card className="gap-4" data-testid={`sync-channel-${channel.connectionId}`} aria-label={channel.name}>
      <CardHeader className="has-data-[slot=card-action]:grid-cols-[minmax(0,1fr)_auto]">
        <CardTitle className="truncate py-0.5" title={channel.name}>
          {channel.name}
        </CardTitle>
        <CardDescription className="truncate">
          {platformNames[channel.platform]} · {channel.pushedLastHour} pushed in the last hour
        </CardDescription>
        <CardAction className="flex flex-wrap justify-end gap-1">
          {channel.paused ? <Badge variant="secondary">Paused</Badge> : null}
          {!reachable ? <Badge variant="destructive">{channel.status.replace("_", " ")}</Badge> : null}
        </CardAction>
      </CardHeader>
      <CardContent>
        <dl className="grid grid-cols-2 gap-2 sm:grid-cols-4">
          {counts.map((count) => (
            <div key={count.key} className="grid gap-0.5">
              <dt className="text-xs text-muted-foreground">{count.label}</dt>
              <dd
                className={cn("text-xl font-semibold tabular-nums", count.alert && "text-destructive")}
                data-testid={`count-${count.key}`}
              >
                {count.value}
              </dd>
            </div>
          ))}
        </dl>
        {channel.failed > 0 || channel.conflict > 0 ? (
          <p className="mt-2 text-xs text-muted-foreground">
            {channel.failed} listing{channel.failed === 1 ? "" : "s"} failed
            {channel.conflict ? `, ${channel.conflict} in conflict` : ""}
          </p>
        ) : null}
      </CardContent>
      {canWrite ? (
        <CardFooter className="flex flex-wrap gap-2">
          <Button size="sm" variant="outline" onClick={onSync} disabled={syncing || channel.paused || !reachable}>
            <RefreshCwIcon aria-hidden />
            Sync channel
          </Button>
          {channel.failed > 0 ? (
            <Button
              size="sm"
              variant="outline"
              disabled={actions.retryFailed.isPending || channel.paused || !reachable}
              onClick={() => actions.retryFailed.mutate({ connectionId: channel.connectionId })}
            >
              <RotateCcwIcon aria-hidden />
              Retry failed
            </Button>
          ) : null}
          {channel.paused ? (
            <ConfirmButton
              title={`Resume sync for ${channel.name}?`}
              description={`Queued changes (${channel.pending}) are pushed to ${platformNames[channel.platform]} right away.`}
              confirmLabel="Resume"
              onConfirm={() => actions.resume.mutate({ connectionId: channel.connectionId })}
              disabled={actions.resume.isPending}
            >
              <PlayIcon aria-hidden />
              Resume
            </ConfirmButton>
          ) : (
            <ConfirmButton
              title={`Pause sync for ${channel.name}?`}
              description="Changes keep being recorded and queued, but nothing is pushed to this shop until you resume. Prices and stock there may go stale."
              confirmLabel="Pause"
              onConfirm={() => actions.pause.mutate({ connectionId: channel.connectionId })}
              disabled={actions.pause.isPending}
            >
              <PauseIcon aria-hidden />
              Pause
            </ConfirmButton>
          )}
        </CardFooter>
      ) : null}
    </Card>
  );
}
