"use client";

import { format } from "date-fns";
import { CopyIcon, RotateCcwIcon } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { RouterOutputs } from "@/lib/trpc/types";
import { cn } from "@/lib/utils";
import { eventTypeLabel, formatLatency, platformNames } from "../utils/webhook-display";
import { WebhookStatusBadge } from "./status-badge";

export type WebhookEventItem = RouterOutputs["webhooks"]["list"]["items"][number];

/** The live log: one row per stored event; a checkbox per row for replaying several at once. */
export function EventsTable({
  items,
  selected,
  fresh,
  onToggle,
  onToggleAll,
  onOpen,
  selectable,
}: {
  items: WebhookEventItem[];
  selected: ReadonlySet<string>;
  fresh: ReadonlySet<string>;
  onToggle: (id: string) => void;
  onToggleAll: (checked: boolean) => void;
  onOpen: (item: WebhookEventItem) => void;
  selectable: boolean;
}) {
  const allSelected = items.length > 0 && items.every((item) => selected.has(item.id));
  return (
    <div className="overflow-x-auto rounded-md border">
      <Table aria-label="Webhook events">
        <TableHeader>
          <TableRow>
            {selectable ? (
              <TableHead className="w-10">
                <input
                  type="checkbox"
                  aria-label="Select every event shown"
                  className="size-4 accent-primary"
                  checked={allSelected}
                  onChange={(event) => onToggleAll(event.target.checked)}
                />
              </TableHead>
            ) : null}
            <TableHead>Received</TableHead>
            <TableHead>Platform · shop</TableHead>
            <TableHead>Event</TableHead>
            <TableHead>Status</TableHead>
            <TableHead>Processed</TableHead>
            <TableHead className="text-right">Latency</TableHead>
            <TableHead>Result</TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {items.map((item) => (
            <TableRow
              key={item.id}
              data-testid="webhook-row"
              data-event-id={item.id}
              className={cn("cursor-pointer", fresh.has(item.id) && "bg-primary/5")}
              onClick={() => onOpen(item)}
            >
              {selectable ? (
                <TableCell onClick={(event) => event.stopPropagation()}>
                  <input
                    type="checkbox"
                    aria-label={`Select event ${item.eventKey}`}
                    className="size-4 accent-primary"
                    checked={selected.has(item.id)}
                    onChange={() => onToggle(item.id)}
                  />
                </TableCell>
              ) : null}
              <TableCell className="whitespace-nowrap tabular-nums">
                {format(new Date(item.receivedAt), "d MMM HH:mm:ss")}
              </TableCell>
              <TableCell className="whitespace-nowrap">
                {platformNames[item.platform]}
                <span className="text-muted-foreground"> · {item.connection?.name ?? item.externalShopId ?? "—"}</span>
              </TableCell>
              <TableCell>
                <button
                  type="button"
                  className="text-left font-medium whitespace-nowrap underline-offset-4 hover:underline"
                  onClick={(event) => {
                    event.stopPropagation();
                    onOpen(item);
                  }}
                >
                  {eventTypeLabel(item.eventType)}
                </button>
              </TableCell>
              <TableCell>
                <div className="flex flex-wrap items-center gap-1">
                  <WebhookStatusBadge status={item.status} />
                  {item.duplicates > 0 ? (
                    <Badge variant="secondary" title="Redeliveries acknowledged without processing again">
                      <CopyIcon aria-hidden />
                      {item.duplicates} dup
                    </Badge>
                  ) : null}
                  {item.lastReplayOutcome === "duplicate" ? (
                    <Badge variant="secondary" title="A replay found the event already processed and changed nothing">
                      <RotateCcwIcon aria-hidden />
                      Replay: duplicate
                    </Badge>
                  ) : item.replays > 0 ? (
                    <Badge variant="outline">Replayed ×{item.replays}</Badge>
                  ) : null}
                </div>
              </TableCell>
              <TableCell className="whitespace-nowrap tabular-nums">
                {item.processedAt ? format(new Date(item.processedAt), "HH:mm:ss") : "—"}
              </TableCell>
              <TableCell className="text-right tabular-nums">{formatLatency(item.latencyMs)}</TableCell>
              <TableCell
                className="max-w-72 truncate text-xs text-muted-foreground"
                title={item.error ?? item.summary ?? ""}
              >
                {item.error ??
                  item.summary ??
                  (item.status === "received" && item.attempts > 0 ? `Retrying (attempt ${item.attempts})` : "")}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </div>
  );
}
