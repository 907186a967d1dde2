"use client";

import { countOf } from "@/lib/plural";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { cn } from "@/lib/utils";
import { formatDelta, formatQuantity } from "../utils/format-quantity";
import type { CountPreview } from "../utils/stock-types";

const SHOWN = 200;

/** Counted vs system vs difference per row; rows with errors first, then the rest in file order. */
export function CountPreviewTable({ rows }: { rows: CountPreview["rows"] }) {
  const ordered = [...rows.filter((row) => row.error), ...rows.filter((row) => !row.error)];
  const shown = ordered.slice(0, SHOWN);
  return (
    <div className="max-h-80 overflow-y-auto rounded-md border">
      <Table aria-label="Count preview">
        <TableHeader>
          <TableRow>
            <TableHead className="w-14">Line</TableHead>
            <TableHead>SKU</TableHead>
            <TableHead className="text-right">Counted</TableHead>
            <TableHead className="text-right">System</TableHead>
            <TableHead className="text-right">Difference</TableHead>
            <TableHead>Problem</TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {shown.map((row) => (
            <TableRow key={row.row} className={cn(row.error && "bg-destructive/5")}>
              <TableCell className="tabular-nums">{row.row}</TableCell>
              <TableCell>
                <span className="font-medium">{row.sku || "—"}</span>
                {row.productTitle ? (
                  <span className="block text-xs text-muted-foreground">{row.productTitle}</span>
                ) : null}
              </TableCell>
              <TableCell className="text-right tabular-nums">{formatQuantity(row.counted)}</TableCell>
              <TableCell className="text-right tabular-nums">{formatQuantity(row.system)}</TableCell>
              <TableCell
                className={cn(
                  "text-right tabular-nums",
                  (row.difference ?? 0) < 0 && "text-destructive",
                  (row.difference ?? 0) > 0 && "text-emerald-700 dark:text-emerald-400",
                )}
              >
                {formatDelta(row.difference)}
              </TableCell>
              <TableCell className="text-sm text-destructive">{row.error ?? ""}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      {ordered.length > SHOWN ? (
        <p className="p-2 text-xs text-muted-foreground">
          {countOf(ordered.length - SHOWN, "more row")} not shown; they are applied too when valid.
        </p>
      ) : null}
    </div>
  );
}
