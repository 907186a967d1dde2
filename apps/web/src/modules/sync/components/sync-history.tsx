"use client";

import { format } from "date-fns";
import { HistoryIcon, Loader2Icon, RotateCcwIcon, XIcon } from "lucide-react";
import { useState } from "react";
import { EmptyState } from "@/components/common/empty-state";
import { ErrorState } from "@/components/common/error-state";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { Skeleton } from "@/components/ui/skeleton";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { trpc } from "@/lib/trpc/react";
import { useHistoryQuery } from "../hooks/use-history-query";
import { useSyncActions } from "../hooks/use-sync-actions";
import { historyOutcomes, historyRanges, rangeLabels, toHistoryInput } from "../utils/history-query";
import { syncLabel } from "../utils/sync-display";
import { AttemptDrawer, type SyncAttempt } from "./attempt-drawer";
import { SyncStateBadge } from "./sync-state-badge";

const ALL = "__all";

/** Every push attempt with filters (shop, product, outcome, time), newest first, and its detail. */
export function SyncHistory({
  channels,
  currency,
  canWrite,
}: {
  channels: { connectionId: string; name: string }[];
  currency: string | null;
  canWrite: boolean;
}) {
  const { query, patch: patchQuery } = useHistoryQuery();
  // The range's start moves when the filters change, not on every render (a stable query key).
  const [now, setNow] = useState(() => Date.now());
  const patch = (next: Parameters<typeof patchQuery>[0]) => {
    setNow(Date.now());
    patchQuery(next);
  };
  const input = toHistoryInput(query, now);
  const history = trpc.sync.history.useInfiniteQuery(input, { getNextPageParam: (page) => page.nextCursor });
  const [open, setOpen] = useState<SyncAttempt | null>(null);
  const actions = useSyncActions();
  const items = history.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <div className="grid gap-3">
      <div className="flex flex-wrap items-center gap-2" role="group" aria-label="History filters">
        <FilterSelect
          label="Shop"
          value={query.channel}
          options={channels.map((channel) => ({ value: channel.connectionId, label: channel.name }))}
          onChange={(channel) => patch({ channel })}
        />
        <FilterSelect
          label="Outcome"
          value={query.outcome}
          options={historyOutcomes.map((outcome) => ({ value: outcome, label: syncLabel(outcome) }))}
          onChange={(outcome) => patch({ outcome: outcome as (typeof historyOutcomes)[number] | undefined })}
        />
        <Select
          value={query.range}
          onValueChange={(range) => patch({ range: range as (typeof historyRanges)[number] })}
        >
          <SelectTrigger size="sm" className="w-40" aria-label="Time range">
            <SelectValue />
          </SelectTrigger>
          <SelectContent>
            {historyRanges.map((range) => (
              <SelectItem key={range} value={range}>
                {rangeLabels[range]}
              </SelectItem>
            ))}
          </SelectContent>
        </Select>
        {query.product ? (
          <Badge variant="secondary" className="gap-1">
            One product
            <button type="button" aria-label="Show every product" onClick={() => patch({ product: undefined })}>
              <XIcon className="size-3" aria-hidden />
            </button>
          </Badge>
        ) : null}
      </div>
      {history.isError ? (
        <ErrorState title="Could not load the history" error={history.error} onRetry={() => void history.refetch()} />
      ) : history.isPending ? (
        <div className="grid gap-2" aria-busy="true" aria-label="Loading history">
          {Array.from({ length: 5 }, (_, index) => (
            <Skeleton key={index} className="h-9 w-full" />
          ))}
        </div>
      ) : items.length === 0 ? (
        <EmptyState
          icon={HistoryIcon}
          title="No attempts match"
          description="Try a longer time range or fewer filters."
          className="rounded-lg border border-dashed"
        />
      ) : (
        <>
          <Table data-testid="sync-history">
            <TableHeader>
              <TableRow>
                <TableHead>When</TableHead>
                <TableHead>Product</TableHead>
                <TableHead className="hidden md:table-cell">Shop</TableHead>
                <TableHead className="hidden md:table-cell">Operation</TableHead>
                <TableHead>Outcome</TableHead>
                <TableHead className="hidden lg:table-cell text-right">Duration</TableHead>
                <TableHead className="hidden xl:table-cell">Request id</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {items.map((item) => (
                <TableRow
                  key={item.id}
                  className="cursor-pointer"
                  tabIndex={0}
                  onClick={() => setOpen(item)}
                  onKeyDown={(event) => {
                    if (event.key === "Enter" || event.key === " ") {
                      event.preventDefault();
                      setOpen(item);
                    }
                  }}
                >
                  <TableCell className="whitespace-nowrap text-muted-foreground tabular-nums">
                    {format(new Date(item.at), "d MMM HH:mm:ss")}
                  </TableCell>
                  <TableCell className="max-w-64">
                    <p className="truncate" title={item.productTitle ?? undefined}>
                      {item.productTitle ?? "Removed listing"}
                    </p>
                    <p className="truncate text-xs text-muted-foreground">{item.sku}</p>
                  </TableCell>
                  <TableCell className="hidden max-w-48 md:table-cell">
                    <p className="truncate" title={item.connection.name}>
                      {item.connection.name}
                    </p>
                  </TableCell>
                  <TableCell className="hidden md:table-cell text-muted-foreground">
                    {item.operation}
                    {item.attempt > 1 ? ` · try ${item.attempt}` : ""}
                  </TableCell>
                  <TableCell>
                    <SyncStateBadge state={item.outcome} title={item.error ?? undefined} />
                  </TableCell>
                  <TableCell className="hidden lg:table-cell text-right tabular-nums text-muted-foreground">
                    {item.durationMs} ms
                  </TableCell>
                  <TableCell className="hidden max-w-40 font-mono text-xs text-muted-foreground xl:table-cell">
                    <p className="truncate" title={item.requestId ?? undefined}>
                      {item.requestId ?? "—"}
                    </p>
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
          {history.hasNextPage ? (
            <Button
              variant="outline"
              size="sm"
              className="justify-self-center"
              disabled={history.isFetchingNextPage}
              onClick={() => void history.fetchNextPage()}
            >
              {history.isFetchingNextPage ? <Loader2Icon className="animate-spin" aria-hidden /> : null}
              Load more
            </Button>
          ) : null}
        </>
      )}
      <AttemptDrawer
        attempt={open}
        currency={currency}
        onClose={() => setOpen(null)}
        action={
          canWrite && open?.outcome === "failed" && open.listingId ? (
            <Button
              size="sm"
              disabled={actions.retry.isPending}
              onClick={() => open.listingId && actions.retry.mutate({ listingId: open.listingId })}
            >
              <RotateCcwIcon aria-hidden />
              Retry this listing
            </Button>
          ) : null
        }
      />
    </div>
  );
}

function FilterSelect({
  label,
  value,
  options,
  onChange,
}: {
  label: string;
  value: string | undefined;
  options: { value: string; label: string }[];
  onChange: (value: string | undefined) => void;
}) {
  return (
    <Select value={value ?? ALL} onValueChange={(next) => onChange(next === ALL ? undefined : next)}>
      <SelectTrigger size="sm" className="w-44" aria-label={label}>
        <SelectValue />
      </SelectTrigger>
      <SelectContent>
        <SelectItem value={ALL}>All {label.toLowerCase()}s</SelectItem>
        {options.map((option) => (
          <SelectItem key={option.value} value={option.value}>
            {option.label}
          </SelectItem>
        ))}
      </SelectContent>
    </Select>
  );
}
