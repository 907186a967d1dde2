"use client";

import type { RouterOutputs } from "@syncstore/api";
import { formatMinor, metricFormulas } from "@syncstore/domain";
import { useState } from "react";
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import type { Column } from "../utils/csv";
import { chartMoney, formatNumber, formatPercent } from "../utils/format";
import { SectionCard, type SectionState } from "./section-card";

type Products = RouterOutputs["analytics"]["products"];
type Row = Products["rows"][number];

const metrics = {
  revenue: { label: "Revenue", value: (r: Row) => r.revenue },
  units: { label: "Units sold", value: (r: Row) => r.units },
  pageViews: { label: "Page views", value: (r: Row) => r.pageViews },
  clickThroughRate: { label: "Click-through rate", value: (r: Row) => r.clickThroughRate },
  conversion: { label: "Conversion", value: (r: Row) => r.conversion },
} as const;
type Metric = keyof typeof metrics;

export function ProductsSection({
  data,
  state,
  range,
}: {
  data: Products | undefined;
  state: SectionState;
  range: { from: string; to: string };
}) {
  const [metric, setMetric] = useState<Metric>("revenue");
  const [end, setEnd] = useState<"top" | "bottom">("top");
  const currency = data?.currency ?? "USD";
  const measure = metrics[metric].value;
  const plotted = chartMoney(currency);
  const tooltip = (value: unknown): string => {
    if (typeof value !== "number") return String(value);
    if (metric === "revenue") return plotted.tooltip(value);
    if (metric === "clickThroughRate" || metric === "conversion") return formatPercent(value);
    return formatNumber(value);
  };
  const ranked = (data?.rows ?? [])
    .filter((row) => measure(row) !== null)
    .sort(
      (a, b) => ((measure(b) ?? 0) - (measure(a) ?? 0)) * (end === "top" ? 1 : -1) || a.title.localeCompare(b.title),
    )
    .slice(0, 10);
  const columns: Column<Row>[] = [
    { header: "Product", value: (r) => r.title },
    { header: `Revenue (${currency})`, value: (r) => formatMinor(r.revenue, currency), align: "right" },
    { header: "Units sold", value: (r) => r.units, align: "right" },
    { header: "Page views", value: (r) => (r.derived ? `${r.pageViews} (derived)` : r.pageViews), align: "right" },
    { header: "Impressions", value: (r) => r.impressions, align: "right" },
    {
      header: "Click-through rate",
      value: (r) => (r.clickThroughRate === null ? null : r.clickThroughRate.toFixed(4)),
      align: "right",
    },
    { header: "Conversion", value: (r) => (r.conversion === null ? null : r.conversion.toFixed(4)), align: "right" },
  ];
  return (
    <SectionCard
      id="products"
      title={`${end === "top" ? "Top" : "Bottom"} products by ${metrics[metric].label.toLowerCase()}`}
      description="Sales from your orders; traffic from TikTok Shop analytics and Shopee snapshots"
      formulas={[metricFormulas.clickThroughRate, metricFormulas.conversion, metricFormulas.derived]}
      freshness={
        data
          ? [
              data.freshness.tiktokUpTo
                ? `TikTok analytics up to ${data.freshness.tiktokUpTo}`
                : "No TikTok Shop analytics pulled yet",
              data.freshness.shopeeUpTo
                ? `Shopee snapshots up to ${data.freshness.shopeeUpTo}`
                : "no Shopee snapshot taken yet",
            ].join("; ")
          : null
      }
      state={state}
      columns={columns}
      rows={ranked}
      fileName={`products-${end}-${metric}-${range.from}-${range.to}.csv`}
      emptyText="No product sold or viewed in this period."
      toolbar={
        <>
          <Select value={metric} onValueChange={(value) => setMetric(value as Metric)}>
            <SelectTrigger size="sm" aria-label="Rank by" className="w-40">
              <SelectValue />
            </SelectTrigger>
            <SelectContent>
              {(Object.keys(metrics) as Metric[]).map((key) => (
                <SelectItem key={key} value={key}>
                  {metrics[key].label}
                </SelectItem>
              ))}
            </SelectContent>
          </Select>
          <Select value={end} onValueChange={(value) => setEnd(value as "top" | "bottom")}>
            <SelectTrigger size="sm" aria-label="Top or bottom" className="w-28">
              <SelectValue />
            </SelectTrigger>
            <SelectContent>
              <SelectItem value="top">Top 10</SelectItem>
              <SelectItem value="bottom">Bottom 10</SelectItem>
            </SelectContent>
          </Select>
        </>
      }
      chart={
        <div className="h-72 w-full" aria-hidden>
          <ResponsiveContainer width="100%" height="100%">
            <BarChart
              layout="vertical"
              data={ranked.map((r) => ({
                name: r.title,
                value: metric === "revenue" ? plotted.plot(r.revenue) : measure(r),
              }))}
              margin={{ left: 8, right: 16 }}
            >
              <CartesianGrid horizontal={false} stroke="var(--border)" />
              <XAxis type="number" tickLine={false} axisLine={false} fontSize={11} />
              <YAxis type="category" dataKey="name" width={160} tickLine={false} axisLine={false} fontSize={11} />
              <Tooltip contentStyle={{ fontSize: 12, borderRadius: 8 }} formatter={(value) => tooltip(value)} />
              <Bar dataKey="value" name={metrics[metric].label} fill="var(--chart-1)" isAnimationActive={false} />
            </BarChart>
          </ResponsiveContainer>
        </div>
      }
    />
  );
}
