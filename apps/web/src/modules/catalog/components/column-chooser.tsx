"use client";

import type { Column, GridApi } from "ag-grid-community";
import { ArrowDownIcon, ArrowUpIcon, Columns3Icon } from "lucide-react";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import type { VariantRow } from "../utils/catalog-types";
import { ToolbarPopover } from "./toolbar-popover";

function dataColumns(api: GridApi<VariantRow>): Column[] {
  return (api.getColumns() ?? []).filter((column) => !column.getColId().startsWith("ag-Grid-"));
}

/** Show, hide and reorder columns (dragging headers and resizing work too); the layout is saved per user. */
export function ColumnChooser({ api, onChanged }: { api: GridApi<VariantRow> | null; onChanged: () => void }) {
  // The grid owns column state; this counter re-reads it after each change made here.
  const [, setVersion] = useState(0);
  if (!api) return null;
  const columns = api
    .getColumnState()
    .flatMap((state) => dataColumns(api).filter((column) => column.getColId() === state.colId));
  const hidden = columns.filter((column) => !column.isVisible()).length;
  const changed = () => {
    setVersion((version) => version + 1);
    onChanged();
  };
  const move = (column: Column, offset: number) => {
    const all = api.getColumnState().map((state) => state.colId);
    const target = all.indexOf(column.getColId()) + offset;
    if (target < 0 || target >= all.length || all[target]?.startsWith("ag-Grid-")) return;
    api.moveColumns([column], target);
    changed();
  };

  return (
    <ToolbarPopover label="Columns" count={hidden} icon={<Columns3Icon aria-hidden />} align="end">
      <ul className="grid max-h-80 gap-0.5 overflow-y-auto" aria-label="Columns">
        {columns.map((column, index) => {
          const name = column.getColDef().headerName ?? column.getColId();
          return (
            <li key={column.getColId()} className="flex items-center gap-1 rounded px-1 hover:bg-accent">
              <label className="flex flex-1 cursor-pointer items-center gap-2 py-1 text-sm">
                <input
                  type="checkbox"
                  className="size-3.5 accent-primary"
                  checked={column.isVisible()}
                  onChange={(event) => {
                    api.setColumnsVisible([column], event.target.checked);
                    changed();
                  }}
                />
                {name}
              </label>
              <Button
                variant="ghost"
                size="icon-sm"
                className="size-6"
                disabled={index === 0}
                aria-label={`Move ${name} left`}
                onClick={() => move(column, -1)}
              >
                <ArrowUpIcon aria-hidden />
              </Button>
              <Button
                variant="ghost"
                size="icon-sm"
                className="size-6"
                disabled={index === columns.length - 1}
                aria-label={`Move ${name} right`}
                onClick={() => move(column, 1)}
              >
                <ArrowDownIcon aria-hidden />
              </Button>
            </li>
          );
        })}
      </ul>
    </ToolbarPopover>
  );
}
