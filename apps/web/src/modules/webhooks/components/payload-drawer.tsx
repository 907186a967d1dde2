"use client";

import { format } from "date-fns";
import { Loader2Icon, RotateCcwIcon } from "lucide-react";
import type * as React from "react";
import { ErrorState } from "@/components/common/error-state";
import { Button } from "@/components/ui/button";
import { Sheet, SheetContent, SheetDescription, SheetTitle } from "@/components/ui/sheet";
import { Skeleton } from "@/components/ui/skeleton";
import { trpc } from "@/lib/trpc/react";
import { useReplayEvents } from "../hooks/use-webhook-actions";
import { eventTypeLabel, formatLatency, platformNames } from "../utils/webhook-display";
import { WebhookStatusBadge } from "./status-badge";

/** One event: facts, what processing did, and the payload (headers and body, secrets masked). */
export function PayloadDrawer({
  eventId,
  onClose,
  canReplay,
}: {
  eventId: string | null;
  onClose: () => void;
  canReplay: boolean;
}) {
  return (
    <Sheet open={eventId !== null} onOpenChange={(open) => (open ? undefined : onClose())}>
      <SheetContent
        className="right-0 left-auto w-full overflow-y-auto border-l p-5 sm:max-w-2xl data-[state=closed]:slide-out-to-right data-[state=open]:slide-in-from-right"
        aria-describedby={undefined}
      >
        {eventId ? <EventDetail id={eventId} canReplay={canReplay} /> : null}
      </SheetContent>
    </Sheet>
  );
}

function EventDetail({ id, canReplay }: { id: string; canReplay: boolean }) {
  const event = trpc.webhooks.get.useQuery({ id });
  const replay = useReplayEvents();
  if (event.isError)
    return <ErrorState title="Could not load this event" error={event.error} onRetry={() => void event.refetch()} />;
  if (event.isPending)
    return (
      <div className="grid gap-3" aria-busy="true" aria-label="Loading the event">
        <SheetTitle className="sr-only">Loading the event</SheetTitle>
        <Skeleton className="h-8 w-1/2" />
        <Skeleton className="h-40" />
        <Skeleton className="h-64" />
      </div>
    );
  const data = event.data;
  const facts: [string, React.ReactNode][] = [
    ["Platform", platformNames[data.platform]],
    ["Shop", data.connection?.name ?? `Unknown shop ${data.externalShopId ?? ""}`],
    [
      "Event id",
      <code key="k" className="font-mono text-xs break-all select-all">
        {data.eventKey}
      </code>,
    ],
    ["Received", format(new Date(data.receivedAt), "d MMM yyyy HH:mm:ss.SSS")],
    ["Processed", data.processedAt ? format(new Date(data.processedAt), "d MMM yyyy HH:mm:ss.SSS") : "—"],
    ["Latency", formatLatency(data.latencyMs)],
    ["Attempts", data.attempts],
    ["Duplicates", data.duplicates],
    ["Replays", data.replays],
  ];
  return (
    <div className="grid gap-5" data-testid="payload-drawer">
      <div className="grid gap-1 pr-8">
        <SheetTitle className="flex flex-wrap items-center gap-2">
          {eventTypeLabel(data.eventType)}
          <WebhookStatusBadge status={data.status} />
        </SheetTitle>
        <SheetDescription className="text-sm text-muted-foreground">
          Secrets (tokens, signatures, authorization) are masked.
        </SheetDescription>
      </div>
      {data.lastReplayOutcome === "duplicate" ? (
        <p
          role="status"
          className="rounded-md border border-success/40 bg-success/10 p-3 text-sm"
          data-testid="replay-duplicate"
        >
          Duplicate recognised: the replay found this event already processed and changed nothing.
        </p>
      ) : data.replays > 0 && data.status === "processed" ? null : data.replays > 0 ? (
        <p role="status" className="rounded-md border p-3 text-sm text-muted-foreground">
          Replay queued; processing will report back here.
        </p>
      ) : null}
      {data.error ? (
        <p className="rounded-md border border-destructive/40 bg-destructive/10 p-3 text-sm break-words text-destructive">
          {data.error}
        </p>
      ) : null}
      <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1.5 text-sm">
        {facts.map(([label, value]) => (
          <div key={label} className="contents">
            <dt className="text-muted-foreground">{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      {canReplay ? (
        <Button
          className="w-fit"
          onClick={() => replay.mutate({ ids: [data.id] })}
          disabled={replay.isPending || data.status === "unknown_shop"}
        >
          {replay.isPending ? <Loader2Icon className="animate-spin" aria-hidden /> : <RotateCcwIcon aria-hidden />}
          Replay
        </Button>
      ) : null}
      {data.effects.length > 0 ? (
        <section className="grid gap-2">
          <h3 className="text-sm font-medium">What processing did</h3>
          <ul className="grid gap-1 text-sm" data-testid="event-effects">
            {data.effects.map((effect, index) => (
              <li key={index} className="rounded-md border px-3 py-2">
                <span className="font-medium">{eventTypeLabel(effect.kind)}</span> · {effect.target}:{" "}
                <span className="text-muted-foreground">{effect.result}</span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <section className="grid gap-2">
        <h3 className="text-sm font-medium">Headers</h3>
        <pre className="overflow-x-auto rounded-md bg-muted p-3 font-mono text-xs" data-testid="payload-headers">
          {Object.entries(data.headers)
            .map(([name, value]) => `${name}: ${value}`)
            .join("\n") || "(none kept)"}
        </pre>
      </section>
      <section className="grid gap-2">
        <h3 className="text-sm font-medium">Body {data.bodyIsJson ? "" : "(not valid JSON)"}</h3>
        <pre
          className="max-h-[28rem] overflow-auto rounded-md bg-muted p-3 font-mono text-xs"
          data-testid="payload-body"
        >
          {data.body}
        </pre>
      </section>
    </div>
  );
}
