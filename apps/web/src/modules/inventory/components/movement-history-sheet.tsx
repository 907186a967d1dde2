"use client";

import { format } from "date-fns";
import { HistoryIcon, Loader2Icon } from "lucide-react";
import Link from "next/link";
import { useState } from "react";
import { EmptyState } from "@/components/common/empty-state";
import { ErrorState } from "@/components/common/error-state";
import { Button } from "@/components/ui/button";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { Sheet, SheetContent, SheetDescription, SheetTitle } from "@/components/ui/sheet";
import { Skeleton } from "@/components/ui/skeleton";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { trpc } from "@/lib/trpc/react";
import { cn } from "@/lib/utils";
import { bucketLabels, formatDelta, formatQuantity, reasonLabels } from "../utils/format-quantity";
import type { StockRow } from "../utils/stock-types";

type Reason = keyof typeof reasonLabels;

/** Every stock movement of one variant: reason, source, who, before → after; filterable, paged. */
export function MovementHistorySheet({ row, onClose }: { row: StockRow | null; onClose: () => void }) {
  return (
    <Sheet open={row !== null} onOpenChange={(open) => (open ? undefined : onClose())}>
      <SheetContent
        className="right-0 left-auto w-full overflow-y-auto border-l p-5 sm:max-w-4xl data-[state=closed]:slide-out-to-right data-[state=open]:slide-in-from-right"
        aria-describedby={undefined}
      >
        {row ? <History key={row.variantId} row={row} /> : null}
      </SheetContent>
    </Sheet>
  );
}

function History({ row }: { row: StockRow }) {
  const [reason, setReason] = useState<Reason | "all">("all");
  const movements = trpc.inventory.movements.useInfiniteQuery(
    { variantId: row.variantId, limit: 50, ...(reason === "all" ? {} : { reason: reason as never }) },
    { getNextPageParam: (page) => page.nextCursor ?? undefined },
  );
  const items = movements.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <div className="grid gap-4">
      <div className="grid gap-1 pr-8">
        <SheetTitle className="text-lg font-semibold">Stock history · {row.sku}</SheetTitle>
        <SheetDescription className="text-sm text-muted-foreground">
          {row.productTitle}. On hand {formatQuantity(row.onHand)}, available {formatQuantity(row.available)}.
        </SheetDescription>
      </div>
      <div className="flex items-center gap-2">
        <Select value={reason} onValueChange={(value) => setReason(value as Reason | "all")}>
          <SelectTrigger className="w-56" aria-label="Reason">
            <SelectValue />
          </SelectTrigger>
          <SelectContent>
            <SelectItem value="all">All reasons</SelectItem>
            {Object.entries(reasonLabels).map(([value, label]) => (
              <SelectItem key={value} value={value}>
                {label}
              </SelectItem>
            ))}
          </SelectContent>
        </Select>
      </div>
      {movements.isError ? (
        <ErrorState
          title="Could not load the history"
          error={movements.error}
          onRetry={() => void movements.refetch()}
        />
      ) : movements.isPending ? (
        <div className="grid gap-2" aria-busy="true" aria-label="Loading the history">
          <Skeleton className="h-8" />
          <Skeleton className="h-48" />
        </div>
      ) : items.length === 0 ? (
        <EmptyState
          icon={HistoryIcon}
          title="No movements"
          description={reason === "all" ? "This variant's stock never changed." : "None with this reason."}
        />
      ) : (
        <Table aria-label="Stock movements">
          <TableHeader>
            <TableRow>
              <TableHead>When</TableHead>
              <TableHead>Reason</TableHead>
              <TableHead>Bucket</TableHead>
              <TableHead className="text-right">Change</TableHead>
              <TableHead className="text-right">Before → after</TableHead>
              <TableHead>Source</TableHead>
              <TableHead>By</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {items.map((item) => (
              <TableRow key={item.id}>
                <TableCell className="whitespace-nowrap">{format(item.at, "d MMM yyyy HH:mm:ss")}</TableCell>
                <TableCell>{reasonLabels[item.reason] ?? item.reason}</TableCell>
                <TableCell>{bucketLabels[item.bucket] ?? item.bucket}</TableCell>
                <TableCell
                  className={cn(
                    "text-right tabular-nums",
                    item.delta < 0 ? "text-destructive" : "text-emerald-700 dark:text-emerald-400",
                  )}
                >
                  {formatDelta(item.delta)}
                </TableCell>
                <TableCell className="text-right whitespace-nowrap tabular-nums">
                  {formatQuantity(item.before)} → {formatQuantity(item.after)}
                </TableCell>
                <TableCell className="min-w-44 wrap-anywhere">
                  <SourceLink source={item.source} />
                </TableCell>
                <TableCell>
                  {item.actorName ?? (item.source.kind === "order_line" ? "Marketplace" : "System")}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      {movements.hasNextPage ? (
        <Button
          variant="outline"
          className="w-fit"
          disabled={movements.isFetchingNextPage}
          onClick={() => void movements.fetchNextPage()}
        >
          {movements.isFetchingNextPage ? <Loader2Icon className="animate-spin" aria-hidden /> : null}
          Load more
        </Button>
      ) : null}
    </div>
  );
}

function SourceLink({
  source,
}: {
  source: { kind: string | null; label: string | null; webhookEventId: string | null };
}) {
  const label = source.label ?? "—";
  if (source.webhookEventId)
    return (
      <Link className="underline underline-offset-2" href={`/webhooks?event=${source.webhookEventId}`}>
        {label}
      </Link>
    );
  return <span>{label}</span>;
}
