"use client";

import { DownloadIcon, PlayIcon } from "lucide-react";
import { useState } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Label } from "@/components/ui/label";
import { DateRangeFields, ShopSelect } from "@/components/common/period-fields";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { formatErrorForToast } from "@/lib/errors";
import { trpc } from "@/lib/trpc/react";

export interface ReportChoice {
  id: string;
  title: string;
  description: string;
  dated: boolean;
  shops: boolean;
}

export interface ReportFormValue {
  report: string;
  from: string;
  to: string;
  shop: string;
  bom: boolean;
}

export function filtersOf(value: ReportFormValue, report: ReportChoice | undefined) {
  return {
    ...(report?.dated && value.from ? { from: value.from } : {}),
    ...(report?.dated && value.to ? { to: value.to } : {}),
    shops: report?.shops && value.shop !== "all" ? [value.shop] : [],
  };
}

/** Pick a report and its filters; small reports download directly, large ones run as a job. */
export function RunReportForm({
  reports,
  shops,
  value,
  onChange,
}: {
  reports: ReportChoice[];
  shops: { id: string; name: string }[];
  value: ReportFormValue;
  onChange: (value: ReportFormValue) => void;
}) {
  const report = reports.find((r) => r.id === value.report);
  const filters = filtersOf(value, report);
  const estimate = trpc.reports.estimate.useQuery({ report: value.report, filters }, { enabled: Boolean(report) });
  const utils = trpc.useUtils();
  const start = trpc.reports.start.useMutation({
    onSuccess: () => {
      toast.success("The report is running; it appears in the history below");
      void utils.reports.runs.invalidate();
    },
    onError: (error) => toast.error(formatErrorForToast(error)),
  });
  const [pending, setPending] = useState(false);
  const query = new URLSearchParams();
  if (filters.from) query.set("from", filters.from);
  if (filters.to) query.set("to", filters.to);
  if (filters.shops.length) query.set("shops", filters.shops.join(","));
  if (value.bom) query.set("bom", "1");
  const direct = estimate.data?.direct ?? true;
  return (
    <Card>
      <CardHeader>
        <CardTitle>Run a report</CardTitle>
        <CardDescription>{report?.description ?? "Choose a report"}</CardDescription>
      </CardHeader>
      <CardContent className="grid gap-4">
        <div className="flex flex-wrap items-end gap-3">
          <div className="grid gap-1">
            <Label htmlFor="report-id">Report</Label>
            <Select value={value.report} onValueChange={(id) => onChange({ ...value, report: id })}>
              <SelectTrigger id="report-id" className="w-64">
                <SelectValue />
              </SelectTrigger>
              <SelectContent>
                {reports.map((r) => (
                  <SelectItem key={r.id} value={r.id}>
                    {r.title}
                  </SelectItem>
                ))}
              </SelectContent>
            </Select>
          </div>
          {report?.dated ? (
            <DateRangeFields
              idPrefix="report"
              from={value.from}
              to={value.to}
              onFromChange={(from) => onChange({ ...value, from })}
              onToChange={(to) => onChange({ ...value, to })}
            />
          ) : null}
          {report?.shops ? (
            <ShopSelect
              id="report-shop"
              value={value.shop}
              shops={shops}
              onChange={(shop) => onChange({ ...value, shop })}
            />
          ) : null}
          <label className="flex items-center gap-2 pb-2 text-sm">
            <input
              type="checkbox"
              className="size-4"
              checked={value.bom}
              onChange={(e) => onChange({ ...value, bom: e.target.checked })}
            />
            For Excel (UTF-8 BOM)
          </label>
        </div>
        <div className="flex flex-wrap items-center gap-3">
          {direct ? (
            <Button asChild disabled={!report}>
              <a href={`/api/reports/${value.report}?${query.toString()}`} download>
                <DownloadIcon aria-hidden /> Download CSV
              </a>
            </Button>
          ) : null}
          <Button
            variant={direct ? "outline" : "default"}
            disabled={!report || pending || start.isPending}
            onClick={() => {
              setPending(true);
              start.mutate({ report: value.report, filters, bom: value.bom }, { onSettled: () => setPending(false) });
            }}
          >
            <PlayIcon aria-hidden /> Run in background
          </Button>
          <span className="text-sm text-muted-foreground">
            {estimate.data
              ? // The planner's estimate: exact enough to choose download or job, too rough to quote when small.
                `${estimate.data.rows < 1000 ? "Under 1,000 rows" : `About ${estimate.data.rows.toLocaleString()} rows`}${direct ? "" : ": too large to download directly, it runs as a job"}`
              : null}
          </span>
        </div>
        <p className="text-xs text-muted-foreground">
          Files are spreadsheet-safe: cells that a spreadsheet would run as formulas are prefixed with an apostrophe;
          dates are ISO 8601 (UTC).
        </p>
      </CardContent>
    </Card>
  );
}
