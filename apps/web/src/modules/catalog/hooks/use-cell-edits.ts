"use client";

import type { GridApi, IRowNode } from "ag-grid-community";
import { useCallback } from "react";
import { rowValue, type EditableField } from "../utils/catalog-fields";
import type { VariantRow } from "../utils/catalog-types";
import { applyEdits, redo, undo, type PendingState } from "../utils/pending-changes";
import type { PendingStore } from "../utils/pending-store";
import { parseCellInput, type CellContext } from "../utils/parse-cell-input";

export type RawInput = { row: VariantRow; field: EditableField; raw: string };

/** Repaints the given rows' cells (classes, tooltips, values) after the pending store changed. */
export function refreshRows(api: GridApi<VariantRow> | null, variantIds: Iterable<string>): void {
  if (!api || api.isDestroyed()) return;
  const rowNodes = [...new Set(variantIds)]
    .map((id) => api.getRowNode(id))
    .filter((node): node is IRowNode<VariantRow> => Boolean(node));
  if (rowNodes.length) api.refreshCells({ rowNodes, force: true });
}

function touchedRows(before: PendingState, after: PendingState): Set<string> {
  const ids = new Set<string>();
  for (const [key, cell] of after.cells) if (before.cells.get(key) !== cell) ids.add(cell.variantId);
  for (const [key, cell] of before.cells) if (!after.cells.has(key)) ids.add(cell.variantId);
  return ids;
}

/**
 * Typed, pasted and filled text → validated pending edits (one undo step per call), plus undo
 * and redo. Every path repaints only the rows it touched.
 */
export function useCellEdits(api: GridApi<VariantRow> | null, store: PendingStore, context: CellContext) {
  const { currency, categories } = context;

  const commit = useCallback(
    (next: (state: PendingState) => PendingState) => {
      const before = store.get();
      store.update(next);
      refreshRows(api, touchedRows(before, store.get()));
    },
    [api, store],
  );

  const applyInputs = useCallback(
    (inputs: readonly RawInput[]) => {
      const edits = inputs.map(({ row, field, raw }) => ({
        variantId: row.variantId,
        field,
        raw,
        result: parseCellInput(field, raw, { currency, categories }),
        original: rowValue(row, field),
        versions: {
          productVersion: row.productVersion,
          variantVersion: row.variantVersion,
          stockOnHand: row.stockOnHand,
        },
      }));
      commit((state) => applyEdits(state, edits));
    },
    [commit, currency, categories],
  );

  const undoLast = useCallback(() => commit(undo), [commit]);
  const redoLast = useCallback(() => commit(redo), [commit]);

  return { applyInputs, commit, undo: undoLast, redo: redoLast };
}
