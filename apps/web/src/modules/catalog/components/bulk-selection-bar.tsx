"use client";

import { PencilRulerIcon, XIcon } from "lucide-react";
import { Button } from "@/components/ui/button";
import type { BulkSelectionState } from "../hooks/use-bulk-selection";

/** "N selected · Select all M matching · Bulk edit…" above the grid while rows are selected. */
export function BulkSelectionBar({
  selection,
  total,
  totalExact = true,
  canBulkEdit,
  onSelectAllMatching,
  onClear,
  onBulkEdit,
}: {
  selection: BulkSelectionState;
  total: number | null;
  /** False: more than `total` rows match (the grid's count stops at its cap). */
  totalExact?: boolean;
  canBulkEdit: boolean;
  onSelectAllMatching: () => void;
  onClear: () => void;
  onBulkEdit: () => void;
}) {
  const count = selection.mode === "query" ? total : selection.variantIds.length;
  const matching = total === null ? "" : totalExact ? total.toLocaleString() : `${total.toLocaleString()}+`;
  if (selection.mode === "ids" && selection.variantIds.length === 0) return null;
  return (
    <div
      className="flex flex-wrap items-center gap-2 rounded-md border bg-muted/50 px-3 py-1.5 text-sm"
      data-testid="bulk-selection-bar"
    >
      <span className="font-medium" data-testid="bulk-selection-count">
        {selection.mode === "query" ? `All ${matching} matching rows selected` : `${count?.toLocaleString()} selected`}
      </span>
      {selection.mode === "ids" && total !== null && total > selection.variantIds.length ? (
        <Button variant="link" size="sm" className="h-auto p-0" onClick={onSelectAllMatching}>
          Select all {matching} matching the filter
        </Button>
      ) : null}
      <Button variant="ghost" size="sm" onClick={onClear}>
        <XIcon aria-hidden />
        Clear selection
      </Button>
      {canBulkEdit ? (
        <Button size="sm" className="ml-auto" onClick={onBulkEdit}>
          <PencilRulerIcon aria-hidden />
          Bulk edit…
        </Button>
      ) : null}
    </div>
  );
}
