"use client";

import type { BulkProgressPayload } from "@syncstore/realtime/events";
import { CheckCircle2Icon, LinkIcon, Loader2Icon, PackagePlusIcon, XCircleIcon } from "lucide-react";
import Link from "next/link";
import { useEffect, useEffectEvent, useState } from "react";
import { toast } from "sonner";
import { ErrorState } from "@/components/common/error-state";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
} from "@/components/ui/dialog";
import { Progress } from "@/components/ui/progress";
import { Skeleton } from "@/components/ui/skeleton";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { useRealtime } from "@/lib/realtime/use-realtime";
import { toastError } from "@/lib/toast-error";
import { trpc } from "@/lib/trpc/react";
import type { RouterInputs, RouterOutputs } from "@/lib/trpc/types";
import { formatMoney } from "@/modules/catalog/utils/format-money";
import { optionsText } from "../utils/listing-display";

export type BulkAction = "link" | "create";
export type ListingSelection = RouterInputs["channels"]["listings"]["previewBulkLink"]["selection"];
type Operation = RouterOutputs["channels"]["listings"]["getBulk"];

const ALL_OR_NOTHING =
  "Each listing is linked completely or not at all (when creating, each product with all its variants). A row that can no longer be done when its turn comes is skipped with the reason and changes nothing.";

/** Unmatched → selection → "Link by SKU suggestions" or "Create products": preview, confirm, progress, per-row report. */
export function BulkUnmatchedDialog({
  connectionId,
  action,
  selection,
  count,
  onOpenChange,
  onFinished,
}: {
  connectionId: string;
  action: BulkAction | null;
  selection: ListingSelection | null;
  /** How many listings the selection holds (for the title). */
  count: number;
  onOpenChange: (open: boolean) => void;
  onFinished: () => void;
}) {
  return (
    <Dialog open={action !== null && selection !== null} onOpenChange={onOpenChange}>
      <DialogContent className="max-h-[90vh] overflow-y-auto sm:max-w-3xl" data-testid="bulk-unmatched-dialog">
        {action && selection ? (
          <BulkFlow
            key={`${action}-${JSON.stringify(selection)}`}
            connectionId={connectionId}
            action={action}
            selection={selection}
            count={count}
            onClose={() => onOpenChange(false)}
            onFinished={onFinished}
          />
        ) : null}
      </DialogContent>
    </Dialog>
  );
}

function BulkFlow({
  connectionId,
  action,
  selection,
  count,
  onClose,
  onFinished,
}: {
  connectionId: string;
  action: BulkAction;
  selection: ListingSelection;
  count: number;
  onClose: () => void;
  onFinished: () => void;
}) {
  const [operation, setOperation] = useState<Operation | null>(null);
  const title = action === "link" ? "Link by SKU suggestions" : "Create products";
  return (
    <div className="grid min-w-0 gap-4">
      <DialogHeader>
        <DialogTitle>
          {title}: {count.toLocaleString("en")} listing{count === 1 ? "" : "s"}
        </DialogTitle>
        <DialogDescription>
          {action === "link"
            ? "Each listing is linked to the one master variant whose SKU matches its own, ignoring case, spaces and - _ . / separators. Listings without such a suggestion are left out. Where the shop's title or price differs from master, a conflict is opened for you to choose, as an import match does; stock is reconciled at once."
            : "One master product per channel product, one variant per selected listing with the shop's SKU, options, stock and price (converted to your currency). The listings are linked to them right away."}
        </DialogDescription>
      </DialogHeader>
      {operation ? (
        <OperationProgress initial={operation} onClose={onClose} onFinished={onFinished} />
      ) : action === "link" ? (
        <LinkPreview connectionId={connectionId} selection={selection} onStarted={setOperation} onClose={onClose} />
      ) : (
        <CreatePreview connectionId={connectionId} selection={selection} onStarted={setOperation} onClose={onClose} />
      )}
    </div>
  );
}

function PreviewLoading() {
  return (
    <div className="grid gap-2" aria-busy="true">
      <Skeleton className="h-8 w-full" />
      <Skeleton className="h-8 w-full" />
      <Skeleton className="h-8 w-full" />
    </div>
  );
}

function LinkPreview({
  connectionId,
  selection,
  onStarted,
  onClose,
}: {
  connectionId: string;
  selection: ListingSelection;
  onStarted: (operation: Operation) => void;
  onClose: () => void;
}) {
  const preview = trpc.channels.listings.previewBulkLink.useQuery(
    { connectionId, selection },
    { staleTime: 0, gcTime: 0 },
  );
  const start = trpc.channels.listings.bulkLink.useMutation({ onSuccess: onStarted, onError: toastError });
  if (preview.isError)
    return (
      <ErrorState title="Could not prepare the preview" error={preview.error} onRetry={() => void preview.refetch()} />
    );
  if (!preview.data) return <PreviewLoading />;
  const { rows, linkable, skipped } = preview.data;
  const links = rows.flatMap((row) => (row.variantId ? [{ listingId: row.listingId, variantId: row.variantId }] : []));
  return (
    <>
      <p className="text-sm" data-testid="bulk-preview-summary">
        {linkable.toLocaleString("en")} will be linked
        {skipped ? `, ${skipped.toLocaleString("en")} left out (no single suggestion)` : ""}.
      </p>
      <div className="max-h-96 overflow-y-auto rounded-md border">
        <Table aria-label="Suggested links">
          <TableHeader>
            <TableRow>
              <TableHead>Listing</TableHead>
              <TableHead>Master variant</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {rows.map((row) => (
              <TableRow
                key={row.listingId}
                data-testid={`bulk-link-${row.externalSku ?? row.listingId}`}
                className={row.variantId ? undefined : "text-muted-foreground"}
              >
                <TableCell className="max-w-64">
                  <p className="truncate font-mono text-sm">{row.externalSku ?? "(no SKU)"}</p>
                  <p className="truncate text-xs text-muted-foreground">{row.externalTitle}</p>
                </TableCell>
                <TableCell className="whitespace-normal">
                  {row.variantId ? (
                    <span className="flex items-center gap-2">
                      <LinkIcon className="size-4 shrink-0 text-emerald-600" aria-hidden />
                      <span>
                        <span className="font-mono text-sm">{row.sku}</span>
                        <span className="block text-xs text-muted-foreground">{row.productTitle}</span>
                      </span>
                    </span>
                  ) : (
                    <span className="flex items-start gap-2 text-sm">
                      <Badge variant="outline">Left out</Badge>
                      <span>{row.reason}</span>
                    </span>
                  )}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </div>
      <p className="text-xs text-muted-foreground">{ALL_OR_NOTHING}</p>
      <DialogFooter>
        <Button type="button" variant="outline" onClick={onClose}>
          Cancel
        </Button>
        <Button
          disabled={linkable === 0 || start.isPending}
          onClick={() => start.mutate({ connectionId, links })}
          data-testid="bulk-confirm"
        >
          {start.isPending ? <Loader2Icon className="animate-spin" aria-hidden /> : <LinkIcon aria-hidden />}
          Link {linkable.toLocaleString("en")} listing{linkable === 1 ? "" : "s"}
        </Button>
      </DialogFooter>
    </>
  );
}

function CreatePreview({
  connectionId,
  selection,
  onStarted,
  onClose,
}: {
  connectionId: string;
  selection: ListingSelection;
  onStarted: (operation: Operation) => void;
  onClose: () => void;
}) {
  const preview = trpc.channels.listings.previewBulkCreate.useQuery(
    { connectionId, selection },
    { staleTime: 0, gcTime: 0 },
  );
  const start = trpc.channels.listings.bulkCreate.useMutation({ onSuccess: onStarted, onError: toastError });
  if (preview.isError)
    return (
      <ErrorState title="Could not prepare the preview" error={preview.error} onRetry={() => void preview.refetch()} />
    );
  if (!preview.data) return <PreviewLoading />;
  const { groups, products, variants, skipped } = preview.data;
  const listingIds = groups.flatMap((g) => g.variants.filter((v) => v.reason === null).map((v) => v.listingId));
  return (
    <>
      <p className="text-sm" data-testid="bulk-preview-summary">
        {products.toLocaleString("en")} product{products === 1 ? "" : "s"} with {variants.toLocaleString("en")} variant
        {variants === 1 ? "" : "s"} will be created
        {skipped ? `, ${skipped.toLocaleString("en")} listing${skipped === 1 ? "" : "s"} left out` : ""}.
      </p>
      <div className="max-h-96 overflow-y-auto rounded-md border">
        <Table aria-label="Products to create">
          <TableHeader>
            <TableRow>
              <TableHead>Variant SKU</TableHead>
              <TableHead className="hidden sm:table-cell">Options</TableHead>
              <TableHead className="text-right">Price</TableHead>
              <TableHead className="text-right">Stock</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {groups.map((group) => (
              <GroupRows key={`${group.externalProductId}-${group.variants[0]?.listingId}`} group={group} />
            ))}
          </TableBody>
        </Table>
      </div>
      <p className="text-xs text-muted-foreground">
        Prices are the shop&apos;s, converted to your catalog&apos;s currency with the exchange rate in Settings. Each
        product is created with all its variants or not at all; a row that can no longer be done when its turn comes is
        skipped with the reason and changes nothing.
      </p>
      <DialogFooter>
        <Button type="button" variant="outline" onClick={onClose}>
          Cancel
        </Button>
        <Button
          disabled={variants === 0 || start.isPending}
          onClick={() => start.mutate({ connectionId, listingIds })}
          data-testid="bulk-confirm"
        >
          {start.isPending ? <Loader2Icon className="animate-spin" aria-hidden /> : <PackagePlusIcon aria-hidden />}
          Create {products.toLocaleString("en")} product{products === 1 ? "" : "s"}
        </Button>
      </DialogFooter>
    </>
  );
}

type Group = RouterOutputs["channels"]["listings"]["previewBulkCreate"]["groups"][number];

function GroupRows({ group }: { group: Group }) {
  const creates = group.variants.some((v) => v.reason === null);
  return (
    <>
      <TableRow className="bg-muted/40 hover:bg-muted/40">
        <TableCell colSpan={4} className="font-medium whitespace-normal">
          {group.title}
          {!creates ? <span className="ml-2 text-xs font-normal text-muted-foreground">(not created)</span> : null}
        </TableCell>
      </TableRow>
      {group.variants.map((v) => (
        <TableRow
          key={v.listingId}
          data-testid={`bulk-create-${v.sku ?? v.listingId}`}
          className={v.reason ? "text-muted-foreground" : undefined}
        >
          {v.reason ? (
            <TableCell colSpan={4} className="whitespace-normal">
              <span className="flex items-start gap-2 pl-3 text-sm">
                <span className="font-mono">{v.sku ?? "(no SKU)"}</span>
                <Badge variant="outline">Left out</Badge>
                <span>{v.reason}</span>
              </span>
            </TableCell>
          ) : (
            <>
              <TableCell className="pl-5 font-mono text-sm">{v.sku}</TableCell>
              <TableCell className="hidden text-xs text-muted-foreground sm:table-cell">
                {optionsText(v.options) || "—"}
              </TableCell>
              <TableCell className="text-right tabular-nums">
                {v.masterPrice !== null ? formatMoney(v.masterPrice, v.masterCurrency) : "—"}
                {v.shopPrice !== null && v.shopCurrency !== v.masterCurrency ? (
                  <span className="block text-xs text-muted-foreground">
                    from {formatMoney(v.shopPrice, v.shopCurrency)}
                  </span>
                ) : null}
              </TableCell>
              <TableCell className="text-right tabular-nums">{v.stock}</TableCell>
            </>
          )}
        </TableRow>
      ))}
    </>
  );
}

const active = (status: BulkProgressPayload["status"]) => status === "queued" || status === "running";

function OperationProgress({
  initial,
  onClose,
  onFinished,
}: {
  initial: Operation;
  onClose: () => void;
  onFinished: () => void;
}) {
  const id = initial.operationId;
  const [live, setLive] = useState<BulkProgressPayload | null>(null);
  const detail = trpc.channels.listings.getBulk.useQuery(
    { operationId: id },
    {
      initialData: initial,
      // Realtime drives the bar; a slow poll covers a dropped socket.
      refetchInterval: (query) => (query.state.data && active(query.state.data.status) ? 4000 : false),
    },
  );
  useRealtime("bulk.progress", (payload) => {
    if (payload.operationId !== id) return;
    setLive((previous) => (!previous || payload.done >= previous.done || !active(payload.status) ? payload : previous));
    if (!active(payload.status)) void detail.refetch();
  });
  const data = detail.data;
  const progress = live && (live.done > data.done || (!active(live.status) && active(data.status))) ? live : data;
  const finished = !active(progress.status);
  const reportReady = !active(data.status);
  const announce = useEffectEvent(() => {
    onFinished();
    const count = data.done - data.failed;
    toast.success(
      `${count.toLocaleString("en")} listing${count === 1 ? "" : "s"} ${initial.kind === "link" ? "linked" : "turned into products"}`,
    );
  });
  useEffect(() => {
    if (reportReady) announce();
  }, [reportReady]);
  const total = Math.max(1, progress.total);
  const percent = (progress.done / total) * 100;
  const done = progress.done - progress.failed;
  return (
    <div className="grid min-w-0 gap-3" data-testid="bulk-progress" data-status={progress.status}>
      <div className="flex items-center justify-between gap-2 text-sm" aria-live="polite">
        <span className="flex items-center gap-2">
          {!finished ? (
            <Loader2Icon className="size-4 animate-spin" aria-hidden />
          ) : progress.status === "succeeded" ? (
            <CheckCircle2Icon className="size-4 text-emerald-600" aria-hidden />
          ) : (
            <XCircleIcon className="size-4 text-destructive" aria-hidden />
          )}
          <span data-testid="bulk-progress-text">
            {finished ? "Finished" : progress.status === "queued" ? "Queued" : "Working"}:{" "}
            {progress.done.toLocaleString("en")} of {progress.total.toLocaleString("en")} · {done.toLocaleString("en")}{" "}
            {initial.kind === "link" ? "linked" : "created"}
            {progress.failed ? ` · ${progress.failed.toLocaleString("en")} skipped` : ""}
          </span>
        </span>
      </div>
      <Progress
        value={percent}
        aria-label="Bulk action progress"
        segments={[
          { percent: (done / total) * 100, className: "bg-primary" },
          { percent: (progress.failed / total) * 100, className: "bg-amber-500" },
        ]}
      />
      {reportReady && data.results.length ? (
        <div className="max-h-80 overflow-y-auto rounded-md border">
          <Table aria-label="Results">
            <TableHeader>
              <TableRow>
                <TableHead>Listing SKU</TableHead>
                <TableHead>Result</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {data.results.map((row) => (
                <TableRow key={row.listingId} data-testid={`bulk-result-${row.externalSku ?? row.listingId}`}>
                  <TableCell className="font-mono text-sm">{row.externalSku ?? "(no SKU)"}</TableCell>
                  <TableCell className="whitespace-normal">
                    {row.outcome === "skipped" ? (
                      <span className="flex items-start gap-2 text-sm">
                        <Badge variant="outline">Skipped</Badge>
                        <span className="text-muted-foreground">{row.reason}</span>
                      </span>
                    ) : (
                      <span className="flex items-center gap-2 text-sm">
                        <Badge variant="secondary">{row.outcome === "linked" ? "Linked" : "Created"}</Badge>
                        {row.productId ? (
                          <Link
                            className="font-mono underline-offset-4 hover:underline"
                            href={`/products/${row.productId}`}
                          >
                            {row.sku}
                          </Link>
                        ) : (
                          <span className="font-mono">{row.sku}</span>
                        )}
                      </span>
                    )}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </div>
      ) : null}
      <DialogFooter>
        <Button variant={finished ? "default" : "outline"} onClick={onClose}>
          {finished ? "Done" : "Close (keeps running)"}
        </Button>
      </DialogFooter>
    </div>
  );
}
