"use client";

import type { RouterOutputs } from "@syncstore/api";
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { Column } from "../utils/csv";
import { formatPercent, formatStamp } from "../utils/format";
import { SectionCard, type SectionState } from "./section-card";

type Health = RouterOutputs["analytics"]["syncHealth"];
type Row = Health["shops"][number];

export function SyncHealthSection({
  data,
  state,
  range,
}: {
  data: Health | undefined;
  state: SectionState;
  range: { from: string; to: string };
}) {
  const rows = data?.shops ?? [];
  const columns: Column<Row>[] = [
    { header: "Shop", value: (r) => r.name },
    { header: "Platform", value: (r) => r.platform },
    { header: "Pushes", value: (r) => r.attempts, align: "right" },
    { header: "Succeeded", value: (r) => r.successes, align: "right" },
    { header: "Failed", value: (r) => r.failures, align: "right" },
    { header: "Success rate", value: (r) => formatPercent(r.successRate), align: "right" },
    { header: "Latency p50 (ms, ≤)", value: (r) => r.p50, align: "right" },
    { header: "Latency p95 (ms, ≤)", value: (r) => r.p95, align: "right" },
    { header: "Webhooks", value: (r) => r.webhooks, align: "right" },
    { header: "Webhook failures", value: (r) => r.webhookFailures, align: "right" },
    { header: "Drifting listings", value: (r) => r.drift, align: "right" },
  ];
  return (
    <SectionCard
      id="sync-health"
      title="Sync health"
      description={
        data && data.reasons.length > 0
          ? `Top failure reasons: ${data.reasons
              .slice(0, 4)
              .map((r) => `${r.reason} (${r.count})`)
              .join(", ")}`
          : "Pushes, outcomes, latency and drift per shop"
      }
      formulas={[
        "Success rate = succeeded ÷ (succeeded + failed); retries are not outcomes.",
        "Latency percentiles are read from hourly histograms: the value is the upper bound of its bucket.",
      ]}
      freshness={data ? `Sync logs rolled up ${formatStamp(data.freshness.rolledUpAt)}; drift is live` : null}
      state={state}
      columns={columns}
      rows={rows}
      fileName={`sync-health-${range.from}-${range.to}.csv`}
      emptyText="No shops connected."
      chart={
        rows.every((r) => r.attempts === 0) ? (
          <p className="flex h-32 items-center justify-center rounded-md border border-dashed text-sm text-muted-foreground">
            No pushes to these shops in this period. The table lists their webhooks and drift.
          </p>
        ) : (
          <div className="h-64 w-full" aria-hidden>
            <ResponsiveContainer width="100%" height="100%">
              <BarChart
                data={rows.map((r) => ({ name: r.name, succeeded: r.successes, failed: r.failures }))}
                margin={{ top: 8, right: 8, bottom: 0, left: 0 }}
              >
                <CartesianGrid vertical={false} stroke="var(--border)" />
                <XAxis dataKey="name" tickLine={false} axisLine={false} fontSize={11} />
                <YAxis tickLine={false} axisLine={false} fontSize={11} width={40} allowDecimals={false} />
                <Tooltip contentStyle={{ fontSize: 12, borderRadius: 8 }} />
                <Legend wrapperStyle={{ fontSize: 12 }} />
                <Bar dataKey="succeeded" name="Succeeded" stackId="a" fill="var(--chart-2)" isAnimationActive={false} />
                <Bar dataKey="failed" name="Failed" stackId="a" fill="var(--destructive)" isAnimationActive={false} />
              </BarChart>
            </ResponsiveContainer>
          </div>
        )
      }
    />
  );
}
