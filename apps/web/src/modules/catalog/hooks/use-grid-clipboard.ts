"use client";

import { parseClipboard, planFillDown, planPaste, type PasteColumn } from "@syncstore/domain";
import type { Column, GridApi } from "ag-grid-community";
import { useCallback } from "react";
import { toast } from "sonner";
import { fieldSpecs, isEditableField, type CellValue } from "../utils/catalog-fields";
import type { VariantRow } from "../utils/catalog-types";
import { toEditText, type TextContext } from "../utils/cell-text";
import { isGroupStart } from "../utils/group-start";
import type { RawInput } from "./use-cell-edits";

const TEXT_KIND = { type: "text" } as const;

function dataColumns(api: GridApi<VariantRow>): Column[] {
  return api.getAllDisplayedColumns().filter((column) => !column.getColId().startsWith("ag-Grid-"));
}

function summarise(action: string, applied: number, skipped: number) {
  const parts = [`${action} ${applied} ${applied === 1 ? "cell" : "cells"}`];
  if (skipped) parts.push(`${skipped} skipped (read-only, not loaded or outside the grid)`);
  return parts.join(", ");
}

/**
 * Spreadsheet paste and fill-down on top of the Community grid: the block is laid out with the
 * domain's `planPaste`/`planFillDown` and each cell goes through the same validation as typing.
 */
export function useGridClipboard(
  api: GridApi<VariantRow> | null,
  canEdit: boolean,
  textContext: TextContext,
  applyInputs: (inputs: RawInput[]) => void,
) {
  const inputsFor = useCallback(
    (grid: GridApi<VariantRow>, edits: { rowIndex: number; field: string; raw: string }[]) => {
      const inputs: RawInput[] = [];
      let skipped = 0;
      for (const edit of edits) {
        const node = grid.getDisplayedRowAtIndex(edit.rowIndex);
        const field = edit.field;
        if (
          !node?.data ||
          !isEditableField(field) ||
          (fieldSpecs[field].level === "product" && !isGroupStart(node, grid))
        ) {
          skipped++;
          continue;
        }
        inputs.push({ row: node.data, field, raw: edit.raw });
      }
      return { inputs, skipped };
    },
    [],
  );

  const pasteText = useCallback(
    (text: string) => {
      if (!api || !canEdit) return;
      const focused = api.getFocusedCell();
      if (!focused || focused.rowPinned) {
        toast.info("Click a cell first: the paste starts at the focused cell.");
        return;
      }
      const columns = dataColumns(api);
      const start = columns.findIndex((column) => column.getColId() === focused.column.getColId());
      const block = parseClipboard(text);
      if (start < 0 || block.length === 0) return;
      const pasteColumns: PasteColumn[] = columns.map((column) => ({
        field: column.getColId(),
        editable: isEditableField(column.getColId()),
        kind: TEXT_KIND,
      }));
      const plan = planPaste(block, { row: focused.rowIndex, column: start }, pasteColumns, api.getDisplayedRowCount());
      const { inputs, skipped } = inputsFor(api, plan.edits);
      applyInputs(inputs);
      toast.message(summarise("Pasted", inputs.length, skipped + plan.skipped));
    },
    [api, canEdit, inputsFor, applyInputs],
  );

  const fillDown = useCallback(() => {
    if (!api || !canEdit) return;
    const focused = api.getFocusedCell();
    const field = focused?.column.getColId() ?? "";
    const source = focused ? api.getDisplayedRowAtIndex(focused.rowIndex) : undefined;
    if (!focused || !source || !isEditableField(field)) {
      toast.info("Focus an editable cell whose value should fill the selected rows.");
      return;
    }
    const targets = api
      .getSelectedNodes()
      .map((node) => node.rowIndex)
      .filter((index): index is number => index !== null && index !== focused.rowIndex);
    if (targets.length === 0) {
      toast.info("Select the rows to fill (tick their boxes), then fill down.");
      return;
    }
    const value = toEditText(field, api.getCellValue({ rowNode: source, colKey: field }) as CellValue, textContext);
    const edits = planFillDown(value, targets, { field, editable: true, kind: TEXT_KIND });
    const { inputs, skipped } = inputsFor(api, edits);
    applyInputs(inputs);
    toast.message(summarise("Filled", inputs.length, skipped));
  }, [api, canEdit, textContext, inputsFor, applyInputs]);

  return { pasteText, fillDown };
}
