"use client";

import { importFieldLabels, importFields, type ImportField } from "@syncstore/domain";
import type { RouterOutputs } from "@syncstore/api/types";
import { AlertTriangleIcon, Loader2Icon, UploadIcon } from "lucide-react";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
} from "@/components/ui/dialog";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { NativeSelect } from "@/components/ui/native-select";
import { trpc } from "@/lib/trpc/react";
import type { BulkOperation } from "./bulk-edit-dialog";

type ImportReport = RouterOutputs["catalog"]["import"]["preview"];

/** Column index → field, as the user chose it (sent as overrides keyed by column index). */
const toOverrides = (mapping: (ImportField | null)[]) =>
  Object.fromEntries(mapping.map((field, column) => [String(column), field]));

/**
 * "Import CSV": pick a file (uploaded and dry-run by the server), check the column mapping
 * (auto-matched, unknown columns flagged), read the preview (creates, updates, unchanged, errors)
 * and apply it as a bulk operation whose progress shows in the bulk operations panel.
 */
export function ImportCsvButton({ onStarted }: { onStarted: (operation: BulkOperation) => void }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button type="button" variant="outline" size="sm" onClick={() => setOpen(true)}>
        <UploadIcon aria-hidden />
        Import CSV
      </Button>
      {open ? <ImportCsvDialog open={open} onOpenChange={setOpen} onStarted={onStarted} /> : null}
    </>
  );
}

function ImportCsvDialog({
  open,
  onOpenChange,
  onStarted,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  onStarted: (operation: BulkOperation) => void;
}) {
  const utils = trpc.useUtils();
  const start = trpc.catalog.import.start.useMutation();
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [report, setReport] = useState<ImportReport | null>(null);
  const [mapping, setMapping] = useState<(ImportField | null)[]>([]);
  const [mappingChanged, setMappingChanged] = useState(false);

  const handleUpload = async () => {
    if (!file) return setError("Choose a CSV file first");
    setBusy(true);
    setError(null);
    try {
      const response = await fetch(`/api/catalog/import?name=${encodeURIComponent(file.name)}`, {
        method: "POST",
        headers: { "content-type": "text/csv" },
        body: file,
      });
      const body = (await response.json()) as ImportReport | { error: string };
      if (!response.ok || "error" in body) throw new Error("error" in body ? body.error : "The upload failed");
      setReport(body);
      setMapping(body.mapping);
      setMappingChanged(false);
    } catch (err) {
      setError(err instanceof Error ? err.message : "The upload failed");
    } finally {
      setBusy(false);
    }
  };

  const handleRecheck = async () => {
    if (!report) return;
    setBusy(true);
    setError(null);
    try {
      const next = await utils.client.catalog.import.preview.query({
        importId: report.importId,
        mapping: toOverrides(mapping),
      });
      setReport(next);
      setMapping(next.mapping);
      setMappingChanged(false);
    } catch (err) {
      setError(err instanceof Error ? err.message : "The preview failed");
    } finally {
      setBusy(false);
    }
  };

  const handleApply = async () => {
    if (!report) return;
    setError(null);
    try {
      const operation = await start.mutateAsync({ importId: report.importId, mapping: toOverrides(mapping) });
      onStarted(operation);
      onOpenChange(false);
    } catch (err) {
      setError(err instanceof Error ? err.message : "The import failed");
    }
  };

  const unknown = new Set(report?.unknownColumns.map((column) => column.column) ?? []);
  const canApply = report && !mappingChanged && report.problems.length === 0 && report.rows > report.errorRows;

  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent className="max-h-[90vh] overflow-y-auto sm:max-w-3xl">
        <DialogHeader>
          <DialogTitle>Import CSV</DialogTitle>
          <DialogDescription>
            Rows are matched to variants by SKU: existing SKUs are updated, new SKUs create variants (grouped into
            products by title). Nothing changes until you apply.
          </DialogDescription>
        </DialogHeader>

        <div className="grid gap-2">
          <Label htmlFor="import-file">CSV file (UTF-8)</Label>
          <div className="flex items-center gap-2">
            <Input
              id="import-file"
              type="file"
              accept=".csv,text/csv"
              onChange={(event) => {
                setFile(event.target.files?.[0] ?? null);
                setReport(null);
              }}
            />
            <Button type="button" variant="secondary" disabled={!file || busy} onClick={() => void handleUpload()}>
              {busy && !report ? <Loader2Icon className="animate-spin" aria-hidden /> : null}
              Upload and check
            </Button>
          </div>
        </div>

        {report ? (
          <>
            <section className="grid gap-2" aria-label="Column mapping">
              <h3 className="text-sm font-medium">Columns</h3>
              <div className="grid grid-cols-1 gap-2 sm:grid-cols-2">
                {report.headers.map((header, column) => (
                  <label key={`${column}:${header}`} className="flex items-center gap-2 text-sm">
                    <span className="w-40 shrink-0">
                      <span className="block truncate" title={header}>
                        {header || `Column ${column + 1}`}
                      </span>
                      {unknown.has(column) && !mapping[column] ? (
                        <span className="block text-xs text-amber-600" data-testid="unknown-column">
                          Unknown column
                        </span>
                      ) : null}
                    </span>
                    <NativeSelect
                      size="sm"
                      aria-label={`Field for column ${header}`}
                      className="flex-1"
                      value={mapping[column] ?? ""}
                      onChange={(event) => {
                        const value = event.target.value as ImportField | "";
                        setMapping((current) => current.map((field, i) => (i === column ? value || null : field)));
                        setMappingChanged(true);
                      }}
                    >
                      <option value="">Don&apos;t import</option>
                      {importFields.map((field) => (
                        <option key={field} value={field}>
                          {importFieldLabels[field]}
                        </option>
                      ))}
                    </NativeSelect>
                  </label>
                ))}
              </div>
              {mappingChanged ? (
                <Button
                  type="button"
                  size="sm"
                  variant="secondary"
                  disabled={busy}
                  onClick={() => void handleRecheck()}
                >
                  Check again with this mapping
                </Button>
              ) : null}
            </section>

            {report.problems.length ? (
              <ul className="grid gap-1 text-sm text-destructive" role="alert">
                {report.problems.map((problem) => (
                  <li key={problem}>{problem}</li>
                ))}
              </ul>
            ) : null}

            <section aria-label="Import preview" className="grid gap-2" data-testid="import-preview">
              <h3 className="text-sm font-medium">Preview ({report.rows.toLocaleString()} rows)</h3>
              <dl className="grid grid-cols-4 gap-2 text-sm">
                {(
                  [
                    ["Creates", report.creates, "import-creates"],
                    ["Updates", report.updates, "import-updates"],
                    ["Unchanged", report.unchanged, "import-unchanged"],
                    ["Errors", report.errorRows, "import-errors"],
                  ] as const
                ).map(([label, value, testId]) => (
                  <div key={label} className="rounded-md border px-3 py-2">
                    <dt className="text-muted-foreground">{label}</dt>
                    <dd className="text-lg font-semibold" data-testid={testId}>
                      {value.toLocaleString()}
                    </dd>
                  </div>
                ))}
              </dl>
              {report.newProducts ? (
                <p className="text-sm text-muted-foreground">
                  {report.newProducts.toLocaleString()} new product{report.newProducts === 1 ? "" : "s"}
                </p>
              ) : null}
              {report.errors.length ? (
                <div className="max-h-60 overflow-y-auto rounded-md border">
                  <table className="w-full text-sm" data-testid="import-error-table">
                    <thead className="bg-muted text-left">
                      <tr>
                        <th className="px-2 py-1">Row</th>
                        <th className="px-2 py-1">Column</th>
                        <th className="px-2 py-1">Problem</th>
                      </tr>
                    </thead>
                    <tbody>
                      {report.errors.map((item, index) => (
                        <tr key={`${item.row}:${item.column ?? ""}:${index}`} className="border-t">
                          <td className="px-2 py-1 tabular-nums">{item.row}</td>
                          <td className="px-2 py-1">{item.column ?? "—"}</td>
                          <td className="px-2 py-1">{item.message}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                  {report.errorRows > report.errors.length ? (
                    <p className="px-2 py-1 text-xs text-muted-foreground">
                      Showing the first {report.errors.length} problems.
                    </p>
                  ) : null}
                </div>
              ) : null}
              {report.errorRows ? (
                <p className="flex items-center gap-1 text-sm text-amber-700">
                  <AlertTriangleIcon className="size-4" aria-hidden />
                  Rows with errors are skipped and listed in the operation&apos;s report.
                </p>
              ) : null}
            </section>
          </>
        ) : null}

        {error ? (
          <p className="text-sm text-destructive" role="alert">
            {error}
          </p>
        ) : null}

        <DialogFooter>
          <Button type="button" variant="ghost" onClick={() => onOpenChange(false)}>
            Cancel
          </Button>
          <Button type="button" disabled={!canApply || start.isPending} onClick={() => void handleApply()}>
            {start.isPending ? <Loader2Icon className="animate-spin" aria-hidden /> : null}
            Apply import
          </Button>
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}
