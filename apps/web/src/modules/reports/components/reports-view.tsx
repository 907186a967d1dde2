"use client";

import { useState } from "react";
import { ErrorState } from "@/components/common/error-state";
import { PageHeader } from "@/components/common/page-header";
import { Skeleton } from "@/components/ui/skeleton";
import { trpc } from "@/lib/trpc/react";
import { ReportHistory } from "./report-history";
import { RunReportForm, type ReportFormValue } from "./run-report-form";
import { SchedulesCard } from "./schedules-card";

function isoDay(offset: number): string {
  return new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
}

export function ReportsView() {
  const reports = trpc.reports.list.useQuery();
  const connections = trpc.channels.list.useQuery();
  const [form, setForm] = useState<ReportFormValue>({
    report: "orders",
    from: isoDay(-30),
    to: isoDay(0),
    shop: "all",
    bom: true,
  });
  const available = reports.data ?? [];
  const value = available.some((r) => r.id === form.report)
    ? form
    : { ...form, report: available[0]?.id ?? form.report };
  return (
    <div className="grid grid-cols-1 gap-6">
      <PageHeader title="Reports" description="Every export streams straight from the database, with no row limit." />
      {reports.isError ? (
        <ErrorState title="Could not load the reports" error={reports.error} onRetry={() => void reports.refetch()} />
      ) : !reports.data ? (
        <Skeleton className="h-48 w-full" />
      ) : (
        <>
          <RunReportForm
            reports={available}
            shops={(connections.data ?? []).map((c) => ({ id: c.id, name: c.name }))}
            value={value}
            onChange={setForm}
          />
          <SchedulesCard reports={available} form={value} />
          <ReportHistory />
        </>
      )}
    </div>
  );
}
