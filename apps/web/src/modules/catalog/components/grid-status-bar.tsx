"use client";

import type { GridApi } from "ag-grid-community";
import { AlertCircleIcon, Loader2Icon } from "lucide-react";
import { Button } from "@/components/ui/button";
import type { LoadState } from "../hooks/use-catalog-datasource";
import { fieldSpecs } from "../utils/catalog-fields";
import type { VariantRow } from "../utils/catalog-types";
import type { PendingCell } from "../utils/pending-changes";

/** Row count, pending edits and the invalid cells, each of which can be jumped to. */
export function GridStatusBar({
  load,
  dirty,
  invalid,
  canEdit,
  api,
}: {
  load: LoadState;
  dirty: number;
  invalid: PendingCell[];
  canEdit: boolean;
  api: GridApi<VariantRow> | null;
}) {
  const handleJump = (cell: PendingCell) => {
    const node = api?.getRowNode(cell.variantId);
    if (!api || node?.rowIndex === null || node?.rowIndex === undefined) return;
    api.ensureIndexVisible(node.rowIndex, "middle");
    api.ensureColumnVisible(cell.field);
    api.setFocusedCell(node.rowIndex, cell.field);
  };

  return (
    <div
      className="flex min-h-8 flex-wrap items-center gap-x-4 gap-y-1 text-xs text-muted-foreground"
      aria-live="polite"
    >
      <span data-testid="catalog-row-count">
        {load.status === "loading" ? (
          <span className="inline-flex items-center gap-1.5">
            <Loader2Icon className="size-3 animate-spin" aria-hidden /> Loading…
          </span>
        ) : load.status === "ready" ? (
          load.exact ? (
            `${load.total.toLocaleString()} ${load.total === 1 ? "variant" : "variants"}`
          ) : (
            <span title="Counting stops here to keep the grid fast; scroll to load more, or narrow the filters for an exact count.">
              More than {load.total.toLocaleString()} variants
            </span>
          )
        ) : (
          "Not loaded"
        )}
      </span>
      {canEdit ? (
        <span>{dirty === 0 ? "No unsaved changes" : `${dirty} unsaved ${dirty === 1 ? "change" : "changes"}`}</span>
      ) : (
        <span>Read-only: your role can view the catalog but not edit it</span>
      )}
      {invalid.length > 0 ? (
        <span
          role="alert"
          className="flex flex-wrap items-center gap-1 text-destructive"
          data-testid="catalog-invalid-cells"
        >
          <AlertCircleIcon className="size-3.5" aria-hidden />
          {invalid.length} invalid {invalid.length === 1 ? "cell blocks" : "cells block"} saving:
          {invalid.slice(0, 3).map((cell, index) => (
            <Button
              key={`${cell.variantId}:${cell.field}`}
              variant="link"
              size="sm"
              className="h-auto p-0 text-xs text-destructive"
              onClick={() => handleJump(cell)}
            >
              {index > 0 ? "· " : ""}
              {fieldSpecs[cell.field].label} “{cell.raw}”: {cell.error}
            </Button>
          ))}
          {invalid.length > 3 ? <span>and {invalid.length - 3} more</span> : null}
        </span>
      ) : null}
      {canEdit ? (
        <span className="ml-auto hidden lg:inline">
          Double-click or type to edit · paste from a spreadsheet at the focused cell
        </span>
      ) : null}
    </div>
  );
}
