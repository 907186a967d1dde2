"use client";

import { BarChart3Icon, ClockIcon, DownloadIcon, TableIcon } from "lucide-react";
import { useState, type ReactNode } from "react";
import { EmptyState } from "@/components/common/empty-state";
import { ErrorState } from "@/components/common/error-state";
import { Button } from "@/components/ui/button";
import { Card, CardAction, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Skeleton } from "@/components/ui/skeleton";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { cn } from "@/lib/utils";
import { downloadCsv, toCsv, type Column } from "../utils/csv";

export interface SectionState {
  isLoading: boolean;
  error: { message: string } | null;
  refetch: () => unknown;
}

/**
 * One Analytics section: a chart, the same figures as a table, a CSV of exactly those rows and
 * columns, and how fresh the figures are. Formulas are shown under the title.
 */
export function SectionCard<Row>({
  id,
  title,
  description,
  formulas,
  freshness,
  state,
  columns,
  rows,
  fileName,
  chart,
  emptyText,
  toolbar,
}: {
  id: string;
  title: string;
  description: string;
  formulas?: readonly string[];
  freshness: string | null;
  state: SectionState;
  columns: readonly Column<Row>[];
  rows: readonly Row[];
  fileName: string;
  chart: ReactNode;
  emptyText: string;
  toolbar?: ReactNode;
}) {
  const [view, setView] = useState<"chart" | "table">("chart");
  return (
    <Card id={id} aria-labelledby={`${id}-title`}>
      <CardHeader>
        <CardTitle id={`${id}-title`}>{title}</CardTitle>
        <CardDescription>{description}</CardDescription>
        <CardAction className="flex flex-wrap items-center gap-1">
          {toolbar}
          <div role="group" aria-label={`${title} view`} className="flex rounded-md border">
            <Button
              variant={view === "chart" ? "secondary" : "ghost"}
              size="sm"
              aria-pressed={view === "chart"}
              onClick={() => setView("chart")}
            >
              <BarChart3Icon aria-hidden /> Chart
            </Button>
            <Button
              variant={view === "table" ? "secondary" : "ghost"}
              size="sm"
              aria-pressed={view === "table"}
              onClick={() => setView("table")}
            >
              <TableIcon aria-hidden /> Table
            </Button>
          </div>
          <Button
            variant="outline"
            size="sm"
            disabled={rows.length === 0}
            onClick={() => downloadCsv(fileName, toCsv(columns, rows))}
          >
            <DownloadIcon aria-hidden /> CSV
          </Button>
        </CardAction>
      </CardHeader>
      <CardContent className="grid gap-3">
        {state.error ? (
          <ErrorState
            title={`Could not load ${title.toLowerCase()}`}
            error={state.error}
            onRetry={() => void state.refetch()}
          />
        ) : state.isLoading ? (
          <Skeleton className="h-56 w-full" />
        ) : rows.length === 0 ? (
          <EmptyState icon={BarChart3Icon} title="Nothing to show yet" description={emptyText} />
        ) : view === "chart" ? (
          chart
        ) : (
          <DataTable columns={columns} rows={rows} label={title} />
        )}
        <div className="grid gap-1 text-xs text-muted-foreground">
          <span className="flex items-center gap-1" data-testid={`${id}-freshness`}>
            <ClockIcon className="size-3.5" aria-hidden /> {freshness ?? "Freshness unknown"}
          </span>
          {formulas && formulas.length > 0 ? (
            <ul className="grid gap-0.5">
              {formulas.map((formula) => (
                <li key={formula}>{formula}</li>
              ))}
            </ul>
          ) : null}
        </div>
      </CardContent>
    </Card>
  );
}

function DataTable<Row>({
  columns,
  rows,
  label,
}: {
  columns: readonly Column<Row>[];
  rows: readonly Row[];
  label: string;
}) {
  return (
    <div className="max-h-96 overflow-auto rounded-md border">
      <Table aria-label={`${label} table`}>
        <TableHeader>
          <TableRow>
            {columns.map((column) => (
              <TableHead key={column.header} className={cn(column.align === "right" && "text-right")}>
                {column.header}
              </TableHead>
            ))}
          </TableRow>
        </TableHeader>
        <TableBody>
          {rows.map((row, index) => (
            <TableRow key={index}>
              {columns.map((column) => {
                const value = column.value(row);
                return (
                  <TableCell
                    key={column.header}
                    // Figures stay on one line; a text column is wide enough that a SKU or a shop's
                    // name does not break at every hyphen (the table scrolls instead).
                    className={cn(
                      "tabular-nums",
                      column.align === "right" ? "text-right whitespace-nowrap" : "min-w-28",
                    )}
                  >
                    {value instanceof Date
                      ? value.toISOString()
                      : value === null || value === undefined
                        ? "–"
                        : String(value)}
                  </TableCell>
                );
              })}
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </div>
  );
}
