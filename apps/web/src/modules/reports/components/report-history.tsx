"use client";

import type { RouterOutputs } from "@syncstore/api";
import { FileSpreadsheetIcon } from "lucide-react";
import { EmptyState } from "@/components/common/empty-state";
import { ErrorState } from "@/components/common/error-state";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Progress } from "@/components/ui/progress";
import { Skeleton } from "@/components/ui/skeleton";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { useRealtime } from "@/lib/realtime/use-realtime";
import { trpc } from "@/lib/trpc/react";

type Run = RouterOutputs["reports"]["runs"][number];

function when(iso: string | null): string {
  return iso ? new Date(iso).toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" }) : "–";
}

/** Every run, on request or scheduled, with live progress and the download while it lasts. */
export function ReportHistory() {
  const runs = trpc.reports.runs.useQuery({ limit: 50 });
  const utils = trpc.useUtils();
  useRealtime("report.progress", (payload) => {
    utils.reports.runs.setData({ limit: 50 }, (current) =>
      current?.map((run) =>
        run.id === payload.runId
          ? { ...run, status: payload.status, rows: payload.rows, totalRows: payload.totalRows }
          : run,
      ),
    );
    if (payload.status === "succeeded" || payload.status === "failed") void utils.reports.runs.invalidate();
  });
  return (
    <Card id="history" className="scroll-mt-20">
      <CardHeader>
        <CardTitle>History</CardTitle>
        <CardDescription>Runs from this page and from schedules; downloads last 7 days</CardDescription>
      </CardHeader>
      <CardContent>
        {runs.isError ? (
          <ErrorState title="Could not load the history" error={runs.error} onRetry={() => void runs.refetch()} />
        ) : !runs.data ? (
          <Skeleton className="h-32 w-full" />
        ) : runs.data.length === 0 ? (
          <EmptyState
            icon={FileSpreadsheetIcon}
            title="No runs yet"
            description="Reports run in the background and scheduled reports appear here."
          />
        ) : (
          <Table aria-label="Report runs">
            <TableHeader>
              <TableRow>
                <TableHead>Report</TableHead>
                <TableHead>Started</TableHead>
                <TableHead>Status</TableHead>
                <TableHead className="text-right">Rows</TableHead>
                <TableHead>Sent to</TableHead>
                <TableHead>File</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {runs.data.map((run) => (
                <RunRow key={run.id} run={run} />
              ))}
            </TableBody>
          </Table>
        )}
      </CardContent>
    </Card>
  );
}

function RunRow({ run }: { run: Run }) {
  const percent = run.totalRows ? Math.min(100, Math.round((run.rows / Math.max(1, run.totalRows)) * 100)) : null;
  return (
    <TableRow data-testid="report-run" data-status={run.status}>
      <TableCell>
        {run.title}
        {run.scheduleName ? (
          <span className="block text-xs text-muted-foreground">Schedule: {run.scheduleName}</span>
        ) : null}
      </TableCell>
      <TableCell>{when(run.createdAt)}</TableCell>
      <TableCell>
        {run.status === "running" && percent !== null ? (
          <Progress value={percent} aria-label={`${run.title} progress`} className="w-28" />
        ) : (
          <Badge variant={run.status === "failed" ? "destructive" : "secondary"} title={run.error ?? undefined}>
            {run.status}
          </Badge>
        )}
      </TableCell>
      <TableCell className="text-right tabular-nums">{run.rows.toLocaleString()}</TableCell>
      <TableCell className="text-xs">{run.sentTo.join(", ") || "–"}</TableCell>
      <TableCell>
        {run.downloadable ? (
          <a className="text-sm underline" href={`/api/reports/runs/${run.id}`} download>
            Download
          </a>
        ) : run.status === "succeeded" ? (
          <span className="text-xs text-muted-foreground">Expired</span>
        ) : null}
      </TableCell>
    </TableRow>
  );
}
