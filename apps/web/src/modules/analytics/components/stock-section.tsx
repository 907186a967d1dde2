"use client";

import type { RouterOutputs } from "@syncstore/api";
import { formatMinor, metricFormulas } from "@syncstore/domain";
import { useState } from "react";
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import type { Column } from "../utils/csv";
import { formatNumber, formatPercent, formatStamp, shortLabel } from "../utils/format";
import { SectionCard, type SectionState } from "./section-card";

type Stock = RouterOutputs["analytics"]["stock"];
type Row = Stock["rows"][number];
type Filter = "all" | "A" | "B" | "C" | "outOfStock" | "overstock";

const filters: Record<Filter, { label: string; test: (r: Row) => boolean }> = {
  all: { label: "All variants", test: () => true },
  A: { label: "Class A", test: (r) => r.abc === "A" },
  B: { label: "Class B", test: (r) => r.abc === "B" },
  C: { label: "Class C", test: (r) => r.abc === "C" },
  outOfStock: { label: "Out of stock", test: (r) => r.outOfStock },
  overstock: { label: "Overstock", test: (r) => r.overstock },
};

export function StockSection({
  data,
  state,
  range,
}: {
  data: Stock | undefined;
  state: SectionState;
  range: { from: string; to: string };
}) {
  const [filter, setFilter] = useState<Filter>("all");
  const currency = data?.currency ?? "USD";
  const rows = (data?.rows ?? []).filter(filters[filter].test).slice(0, 100);
  const chartRows = rows.slice(0, 30).map((r) => ({ name: r.sku, available: r.available, sold: r.unitsSold }));
  // A few SKUs read level under their bars; many are tilted so they do not overlap.
  const tilted = chartRows.length > 8;
  const columns: Column<Row>[] = [
    { header: "SKU", value: (r) => r.sku },
    { header: "Product", value: (r) => r.title },
    { header: "ABC", value: (r) => r.abc },
    { header: "Available", value: (r) => r.available, align: "right" },
    { header: "Units sold", value: (r) => r.unitsSold, align: "right" },
    { header: `Revenue (${currency})`, value: (r) => formatMinor(r.revenue, currency), align: "right" },
    { header: "Sell-through", value: (r) => formatPercent(r.sellThrough), align: "right" },
    {
      header: "Days of cover",
      value: (r) => (r.daysOfCover === null ? "no sales" : formatNumber(r.daysOfCover, 1)),
      align: "right",
    },
    { header: "Status", value: (r) => (r.outOfStock ? "Out of stock" : r.overstock ? "Overstock" : "OK") },
  ];
  const summary = data?.summary;
  return (
    <SectionCard
      id="stock"
      title="Stock health"
      description={
        summary
          ? `A ${summary.A} · B ${summary.B} · C ${summary.C} · out of stock ${summary.outOfStock} · overstock ${summary.overstock} · oversold incidents ${summary.oversold}`
          : "Sell-through, cover and ABC classes"
      }
      formulas={[metricFormulas.sellThrough, metricFormulas.daysOfCover, metricFormulas.abc, metricFormulas.overstock]}
      freshness={
        data
          ? `Stock as of ${formatStamp(data.freshness.stockAt)}; sales rolled up ${formatStamp(data.freshness.rolledUpAt)}`
          : null
      }
      state={state}
      columns={columns}
      rows={rows}
      fileName={`stock-${filter}-${range.from}-${range.to}.csv`}
      emptyText="No variants match."
      toolbar={
        <Select value={filter} onValueChange={(value) => setFilter(value as Filter)}>
          <SelectTrigger size="sm" aria-label="Stock filter" className="w-40">
            <SelectValue />
          </SelectTrigger>
          <SelectContent>
            {(Object.keys(filters) as Filter[]).map((key) => (
              <SelectItem key={key} value={key}>
                {filters[key].label}
              </SelectItem>
            ))}
          </SelectContent>
        </Select>
      }
      chart={
        <div className="h-72 w-full" aria-hidden>
          <ResponsiveContainer width="100%" height="100%">
            <BarChart data={chartRows} margin={{ top: 8, right: 8, bottom: 0, left: tilted ? 24 : 0 }}>
              <CartesianGrid vertical={false} stroke="var(--border)" />
              <XAxis
                dataKey="name"
                tickLine={false}
                axisLine={false}
                fontSize={10}
                interval={0}
                angle={tilted ? -30 : 0}
                textAnchor={tilted ? "end" : "middle"}
                height={tilted ? 64 : 24}
                tickFormatter={(sku: string) => shortLabel(sku, 16)}
              />
              <YAxis tickLine={false} axisLine={false} fontSize={11} width={40} allowDecimals={false} />
              <Tooltip contentStyle={{ fontSize: 12, borderRadius: 8 }} />
              <Legend wrapperStyle={{ fontSize: 12 }} />
              <Bar dataKey="available" name="Available" fill="var(--chart-2)" isAnimationActive={false} />
              <Bar dataKey="sold" name="Units sold" fill="var(--chart-1)" isAnimationActive={false} />
            </BarChart>
          </ResponsiveContainer>
        </div>
      }
    />
  );
}
