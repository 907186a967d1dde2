"use client";

import { countOf } from "@/lib/plural";
import type { BulkProgressPayload } from "@syncstore/realtime/events";
import { CheckCircle2Icon, ClipboardListIcon, Loader2Icon, UploadIcon } from "lucide-react";
import { useState } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
} from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Progress } from "@/components/ui/progress";
import { getErrorDetails } from "@/lib/errors";
import { useRealtime } from "@/lib/realtime/use-realtime";
import { toastError } from "@/lib/toast-error";
import { trpc } from "@/lib/trpc/react";
import type { CountPreview } from "../utils/stock-types";
import { CountPreviewTable } from "./count-preview-table";

/** Inventory → Import count: upload SKU,counted; preview counted vs system; apply as one bulk operation. */
export function CountImportButton() {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button variant="outline" onClick={() => setOpen(true)}>
        <ClipboardListIcon aria-hidden />
        Import count
      </Button>
      <Dialog open={open} onOpenChange={setOpen}>
        <DialogContent className="max-h-[90vh] overflow-y-auto sm:max-w-3xl">
          {open ? <CountImport onClose={() => setOpen(false)} /> : null}
        </DialogContent>
      </Dialog>
    </>
  );
}

function CountImport({ onClose }: { onClose: () => void }) {
  const [file, setFile] = useState<File | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [preview, setPreview] = useState<CountPreview | null>(null);
  const [progress, setProgress] = useState<BulkProgressPayload | null>(null);
  const previewCount = trpc.inventory.previewCount.useMutation({
    onSuccess: setPreview,
    onError: (error) => {
      const details = getErrorDetails(error);
      if (details.code === "BAD_REQUEST") setFileError(details.fieldErrors.csv?.[0] ?? details.message);
      else toastError(error);
    },
  });
  const apply = trpc.inventory.applyCount.useMutation({
    onSuccess: (result) => {
      setProgress((current) =>
        current?.operationId === result.operationId && current.done > result.done ? current : result,
      );
      if (result.status === "succeeded")
        toast.success(`Stock count applied to ${countOf(result.done - result.failed, "variant")}`);
    },
    onError: toastError,
  });
  useRealtime("bulk.progress", (payload) => {
    setProgress((current) => (current && current.operationId === payload.operationId ? payload : current));
  });
  const failures = trpc.catalog.bulk.get.useQuery(
    { id: progress?.operationId ?? "" },
    {
      enabled:
        progress !== null && progress.failed > 0 && progress.status !== "running" && progress.status !== "queued",
    },
  );

  const handlePreview = async () => {
    setFileError(null);
    if (!file) {
      setFileError("Choose a CSV file");
      return;
    }
    if (file.size > 2_000_000) {
      setFileError("The file is larger than 2 MB");
      return;
    }
    previewCount.mutate({ csv: await file.text() });
  };
  const handleApply = () => {
    if (!preview) return;
    const rows = preview.rows.flatMap((row) =>
      row.error === null && row.variantId && row.counted !== null && row.system !== null
        ? [{ variantId: row.variantId, counted: row.counted, expected: row.system }]
        : [],
    );
    apply.mutate({ fileName: file?.name ?? null, rows });
  };
  const finished = progress !== null && !["queued", "running"].includes(progress.status);
  const percent = progress && progress.total > 0 ? (progress.done / progress.total) * 100 : 0;

  return (
    <div className="grid gap-4">
      <DialogHeader>
        <DialogTitle>Import a stock count</DialogTitle>
        <DialogDescription>
          A CSV with a SKU and a counted quantity per line (a header row such as <code>SKU,Counted</code> is optional).
          Each counted quantity becomes the variant&apos;s on hand.
        </DialogDescription>
      </DialogHeader>
      {!preview ? (
        <Field id="count-file" label="Count file" error={fileError ?? undefined}>
          <Input
            id="count-file"
            type="file"
            accept=".csv,text/csv"
            aria-invalid={fileError ? true : undefined}
            onChange={(event) => {
              setFile(event.target.files?.[0] ?? null);
              setFileError(null);
            }}
          />
        </Field>
      ) : (
        <>
          <p className="text-sm" data-testid="count-summary">
            {countOf(preview.summary.rows, "row")}: {preview.summary.valid} valid, {preview.summary.errors} with errors,{" "}
            {countOf(preview.summary.changes, "change")}, net difference{" "}
            {preview.summary.unitsDifference > 0 ? "+" : ""}
            {preview.summary.unitsDifference} {Math.abs(preview.summary.unitsDifference) === 1 ? "unit" : "units"}.
          </p>
          <CountPreviewTable rows={preview.rows} />
        </>
      )}
      {progress ? (
        <div className="grid gap-2" aria-live="polite">
          <div className="flex items-center justify-between text-sm">
            <span>
              {finished ? (
                <CheckCircle2Icon className="mr-1 inline size-4 text-emerald-600" aria-hidden />
              ) : (
                <Loader2Icon className="mr-1 inline size-4 animate-spin" aria-hidden />
              )}
              {finished ? "Applied" : "Applying"}: {progress.done} of {progress.total}
              {progress.failed ? `, ${progress.failed} refused` : ""}
            </span>
            <span className="text-muted-foreground capitalize">{progress.status}</span>
          </div>
          <Progress
            value={percent}
            aria-label="Stock count progress"
            segments={[
              {
                percent: ((progress.done - progress.failed) / Math.max(1, progress.total)) * 100,
                className: "bg-primary",
              },
              { percent: (progress.failed / Math.max(1, progress.total)) * 100, className: "bg-destructive" },
            ]}
          />
          {failures.data?.failures.length ? (
            <ul className="grid gap-1 text-sm text-destructive" aria-label="Refused rows">
              {failures.data.failures.map((failure) => (
                <li key={`${failure.variantId}-${failure.reason}`}>{failure.reason}</li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
      <DialogFooter>
        <Button type="button" variant="outline" onClick={onClose}>
          {finished ? "Close" : "Cancel"}
        </Button>
        {!preview ? (
          <Button onClick={() => void handlePreview()} disabled={previewCount.isPending}>
            {previewCount.isPending ? <Loader2Icon className="animate-spin" aria-hidden /> : <UploadIcon aria-hidden />}
            Preview
          </Button>
        ) : !progress ? (
          <Button onClick={handleApply} disabled={apply.isPending || preview.summary.valid === 0}>
            {apply.isPending ? <Loader2Icon className="animate-spin" aria-hidden /> : null}
            Apply {countOf(preview.summary.valid, "row")}
          </Button>
        ) : null}
      </DialogFooter>
    </div>
  );
}
