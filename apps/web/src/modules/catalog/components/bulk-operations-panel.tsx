"use client";

import { bulkActionLabels } from "@syncstore/domain";
import type { BulkProgressPayload } from "@syncstore/realtime/events";
import { CheckCircle2Icon, Loader2Icon, XCircleIcon, XIcon } from "lucide-react";
import { useEffect, useEffectEvent, useState } from "react";
import { Button } from "@/components/ui/button";
import { useRealtime } from "@/lib/realtime/use-realtime";
import { trpc } from "@/lib/trpc/react";
import type { BulkOperation } from "./bulk-edit-dialog";

const active = (status: BulkProgressPayload["status"]) => status === "queued" || status === "running";
/** Bulk operations other than a grid edit, by kind (the Unmatched screen's and Inventory's run on the same engine). */
const kindLabels: Record<string, string> = {
  "listings.link": "Link listings by SKU suggestions",
  "listings.create_products": "Create products from listings",
  "inventory.count": "Stock count",
};
const statusText: Record<BulkProgressPayload["status"], string> = {
  queued: "Queued",
  running: "Running",
  succeeded: "Finished",
  failed: "Failed",
  cancelled: "Cancelled",
};

/**
 * Bulk operations of this organization still running (asked from the server on load, so progress
 * survives a reload) and the ones started here, each with a live progress bar and a final report.
 */
export function BulkOperationsPanel({ started, onFinished }: { started: BulkOperation[]; onFinished: () => void }) {
  const running = trpc.catalog.bulk.list.useQuery({ active: true }, { staleTime: 0 });
  const [dismissed, setDismissed] = useState<Set<string>>(() => new Set());
  const operations = new Map<string, BulkOperation>();
  for (const operation of [...(running.data ?? []), ...started]) operations.set(operation.id, operation);
  const shown = [...operations.values()].filter((operation) => !dismissed.has(operation.id));
  if (shown.length === 0) return null;
  return (
    <div className="grid gap-2" data-testid="bulk-operations">
      {shown.map((operation) => (
        <BulkOperationCard
          key={operation.id}
          initial={operation}
          onFinished={onFinished}
          onDismiss={() => setDismissed((current) => new Set(current).add(operation.id))}
        />
      ))}
    </div>
  );
}

function BulkOperationCard({
  initial,
  onFinished,
  onDismiss,
}: {
  initial: BulkOperation;
  onFinished: () => void;
  onDismiss: () => void;
}) {
  const id = initial.id;
  const [live, setLive] = useState<BulkProgressPayload | null>(null);
  useRealtime("bulk.progress", (payload) => {
    if (payload.operationId !== id) return;
    setLive((previous) => (!previous || payload.done >= previous.done || !active(payload.status) ? payload : previous));
  });
  const liveActive = live ? active(live.status) : active(initial.status);
  // Realtime drives the bar; a slow poll covers a dropped socket, and the final read brings the report.
  const detail = trpc.catalog.bulk.get.useQuery({ id }, { refetchInterval: liveActive ? 4000 : false });
  const cancel = trpc.catalog.bulk.cancel.useMutation();

  type Progress = Pick<BulkProgressPayload, "status" | "done" | "failed" | "total">;
  const candidates: Progress[] = [initial, detail.data, live].flatMap((value) =>
    value ? [{ status: value.status, done: value.done, failed: value.failed, total: value.total }] : [],
  );
  const terminal = candidates.find((value) => !active(value.status));
  const progress: Progress =
    terminal ?? candidates.reduce((best, value) => (value.done > best.done ? value : best), candidates[0] ?? initial);
  const status = progress.status;
  const finished = !active(status);
  const percent = progress.total === 0 ? 100 : Math.floor((progress.done / progress.total) * 100);

  const finish = useEffectEvent(() => {
    onFinished();
    if (detail.data && active(detail.data.status)) void detail.refetch();
  });
  useEffect(() => {
    if (finished) finish();
  }, [finished]);

  const report = detail.data && !active(detail.data.status) ? detail.data : null;
  const succeeded = progress.done - progress.failed;

  return (
    <section
      className="grid gap-2 rounded-md border bg-card px-3 py-2 text-sm"
      aria-label="Bulk edit progress"
      data-testid="bulk-operation"
      data-status={status}
    >
      <div className="flex flex-wrap items-center gap-2">
        {finished ? (
          status === "succeeded" ? (
            <CheckCircle2Icon className="size-4 text-emerald-600" aria-hidden />
          ) : (
            <XCircleIcon className="size-4 text-destructive" aria-hidden />
          )
        ) : (
          <Loader2Icon className="size-4 animate-spin text-muted-foreground" aria-hidden />
        )}
        <span className="font-medium">
          {initial.action ? bulkActionLabels[initial.action.kind] : (kindLabels[initial.kind] ?? "CSV import")}
        </span>
        <span className="text-muted-foreground" data-testid="bulk-operation-status">
          {statusText[status]} · {progress.done.toLocaleString()} of {progress.total.toLocaleString()} rows
          {progress.failed ? ` · ${progress.failed.toLocaleString()} failed` : ""}
        </span>
        <div className="ml-auto flex items-center gap-1">
          {!finished ? (
            <Button
              variant="outline"
              size="sm"
              disabled={cancel.isPending}
              onClick={() => cancel.mutate({ id }, { onSuccess: () => void detail.refetch() })}
            >
              Cancel
            </Button>
          ) : (
            <Button variant="ghost" size="icon-sm" aria-label="Dismiss" onClick={onDismiss}>
              <XIcon aria-hidden />
            </Button>
          )}
        </div>
      </div>
      <div
        role="progressbar"
        aria-label="Bulk edit progress"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        className="h-2 overflow-hidden rounded-full bg-muted"
      >
        <div
          className={`h-full transition-[width] ${status === "succeeded" ? "bg-emerald-600" : finished ? "bg-destructive" : "bg-primary"}`}
          style={{ width: `${percent}%` }}
        />
      </div>
      {finished ? (
        <div className="grid gap-1" data-testid="bulk-operation-report">
          <p>
            {succeeded.toLocaleString()} succeeded, {progress.failed.toLocaleString()} failed
            {status === "cancelled"
              ? `, ${(progress.total - progress.done).toLocaleString()} not processed (cancelled)`
              : ""}
            .
          </p>
          {report && report.failures.length ? (
            <ul className="max-h-40 overflow-y-auto rounded border px-3 py-1 text-xs">
              {report.failures.map((failure, index) => (
                <li key={`${failure.variantId ?? "gone"}-${index}`} className="py-0.5">
                  {failure.variantId === null && !initial.action ? (
                    failure.reason
                  ) : (
                    <>
                      <span className="font-mono">{failure.sku ?? "(deleted variant)"}</span>
                      {failure.productTitle ? ` · ${failure.productTitle}` : ""}: {failure.reason}
                    </>
                  )}
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}
