"use client";

import type { RouterOutputs } from "@syncstore/api";
import { formatMinor } from "@syncstore/domain";
import { useState } from "react";
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import type { Column } from "../utils/csv";
import { chartMoney, formatPercent, formatStamp, shortLabel } from "../utils/format";
import { SectionCard, type SectionState } from "./section-card";

type Pricing = RouterOutputs["analytics"]["pricing"];
type View = "inconsistencies" | "distribution" | "belowCost" | "lowMargin";

const views: Record<View, string> = {
  inconsistencies: "Inconsistent across shops",
  distribution: "Price distribution",
  belowCost: "Below cost",
  lowMargin: "Margin under threshold",
};

/** Bars shown at most; the table below the chart lists every row. */
const CHART_ROWS = 20;

/** One line per name, cut with an ellipsis (Recharts' own ticks wrap long names onto two lines). */
function NameTick({ x, y, payload }: { x?: number | string; y?: number | string; payload?: { value?: unknown } }) {
  const name = String(payload?.value ?? "");
  return (
    <text x={x} y={y} dy={4} textAnchor="end" fontSize={11} fill="var(--muted-foreground)">
      <title>{name}</title>
      {shortLabel(name, 34)}
    </text>
  );
}

/**
 * Horizontal bars: SKUs and shop names read left to right beside their bar instead of tilted
 * under it (the first ones were clipped at the card's edge).
 */
function chartOf(rows: { name: string; value: number }[], label: string, format: (value: unknown) => string) {
  const shown = rows.slice(0, CHART_ROWS);
  return (
    <div className="w-full">
      <div style={{ height: Math.max(160, 48 + shown.length * 36) }} aria-hidden>
        <ResponsiveContainer width="100%" height="100%">
          <BarChart layout="vertical" data={shown} margin={{ top: 4, right: 16, bottom: 4, left: 8 }}>
            <CartesianGrid horizontal={false} stroke="var(--border)" />
            <XAxis type="number" tickLine={false} axisLine={false} fontSize={11} />
            <YAxis
              type="category"
              dataKey="name"
              width={240}
              tickLine={false}
              axisLine={false}
              fontSize={11}
              interval={0}
              tick={<NameTick />}
            />
            <Tooltip contentStyle={{ fontSize: 12, borderRadius: 8 }} formatter={(value) => format(value)} />
            <Bar dataKey="value" name={label} fill="var(--chart-3)" isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      </div>
      {rows.length > CHART_ROWS ? (
        <p className="text-muted-foreground mt-1 text-xs">
          The chart shows the first {CHART_ROWS} of {rows.length}; the table lists them all.
        </p>
      ) : null}
    </div>
  );
}

export function PricingSection({
  data,
  state,
  range,
}: {
  data: Pricing | undefined;
  state: SectionState;
  range: { from: string; to: string };
}) {
  const [view, setView] = useState<View>("inconsistencies");
  const currency = data?.currency ?? "USD";
  const money = (value: number | null) => (value === null ? null : formatMinor(value, currency));
  const plotted = chartMoney(currency);
  const toolbar = (
    <Select value={view} onValueChange={(value) => setView(value as View)}>
      <SelectTrigger size="sm" aria-label="Pricing view" className="w-56">
        <SelectValue />
      </SelectTrigger>
      <SelectContent>
        {(Object.keys(views) as View[]).map((key) => (
          <SelectItem key={key} value={key}>
            {views[key]}
          </SelectItem>
        ))}
      </SelectContent>
    </Select>
  );
  const common = {
    id: "pricing",
    state,
    toolbar,
    freshness: data
      ? `Prices as of ${formatStamp(data.freshness.pricesAt)}; shop prices as last reported by each shop`
      : null,
  };
  if (view === "inconsistencies") {
    type Row = Pricing["inconsistencies"][number];
    const rows = data?.inconsistencies ?? [];
    const columns: Column<Row>[] = [
      { header: "SKU", value: (r) => r.sku },
      { header: "Product", value: (r) => r.title },
      { header: "Shop", value: (r) => r.shopName },
      { header: `Master price (${currency})`, value: (r) => money(r.masterPrice), align: "right" },
      { header: "Channel rule", value: (r) => r.rule },
      { header: `Price by rule (${currency})`, value: (r) => money(r.expectedPrice), align: "right" },
      { header: `Shop shows (${currency})`, value: (r) => money(r.shownPrice), align: "right" },
      { header: `Difference (${currency})`, value: (r) => money(r.difference), align: "right" },
    ];
    return (
      <SectionCard
        {...common}
        title="Pricing: inconsistent across shops"
        description="Variants listed on several shops where a shop's price differs from what its channel rule gives"
        formulas={["Difference = the price the shop shows − the master price with the listing's channel rule applied."]}
        columns={columns}
        rows={rows}
        fileName={`pricing-inconsistencies-${range.from}-${range.to}.csv`}
        emptyText="Every shop shows the price its channel rule gives."
        chart={chartOf(
          rows.map((r) => ({ name: `${r.sku} · ${r.shopName}`, value: plotted.plot(r.difference ?? 0) })),
          "Difference",
          plotted.tooltip,
        )}
      />
    );
  }
  if (view === "distribution") {
    type Row = Pricing["distribution"][number];
    const rows = data?.distribution ?? [];
    const columns: Column<Row>[] = [
      { header: "Category", value: (r) => r.category },
      { header: "Variants", value: (r) => r.count, align: "right" },
      { header: `Lowest (${currency})`, value: (r) => money(r.min), align: "right" },
      { header: `Lower quartile (${currency})`, value: (r) => money(r.p25), align: "right" },
      { header: `Median (${currency})`, value: (r) => money(r.median), align: "right" },
      { header: `Upper quartile (${currency})`, value: (r) => money(r.p75), align: "right" },
      { header: `Highest (${currency})`, value: (r) => money(r.max), align: "right" },
    ];
    return (
      <SectionCard
        {...common}
        title="Pricing: distribution per category"
        description="Master prices of the variants in each category"
        columns={columns}
        rows={rows}
        fileName={`pricing-distribution-${range.from}-${range.to}.csv`}
        emptyText="No variants with prices yet."
        chart={chartOf(
          rows.map((r) => ({ name: r.category, value: plotted.plot(r.median) })),
          "Median price",
          plotted.tooltip,
        )}
      />
    );
  }
  if (view === "belowCost") {
    type Row = Pricing["belowCost"][number];
    const rows = data?.belowCost ?? [];
    const columns: Column<Row>[] = [
      { header: "SKU", value: (r) => r.sku },
      { header: "Product", value: (r) => r.title },
      { header: `Price (${currency})`, value: (r) => money(r.price), align: "right" },
      { header: `Cost (${currency})`, value: (r) => money(r.cost), align: "right" },
      { header: `Loss per unit (${currency})`, value: (r) => money(r.cost - r.price), align: "right" },
    ];
    return (
      <SectionCard
        {...common}
        title="Pricing: below cost"
        description="Variants whose master price is under their cost"
        columns={columns}
        rows={rows}
        fileName={`pricing-below-cost-${range.from}-${range.to}.csv`}
        emptyText="No variant is priced below its cost."
        chart={chartOf(
          rows.map((r) => ({ name: r.sku, value: plotted.plot(r.cost - r.price) })),
          "Loss per unit",
          plotted.tooltip,
        )}
      />
    );
  }
  type Row = Pricing["lowMargin"][number];
  const rows = data?.lowMargin ?? [];
  const threshold = data?.marginThreshold ?? 0.2;
  const thresholdText = formatPercent(threshold, Number.isInteger(Math.round(threshold * 10_000) / 100) ? 0 : 2);
  const columns: Column<Row>[] = [
    { header: "SKU", value: (r) => r.sku },
    { header: "Product", value: (r) => r.title },
    { header: `Price (${currency})`, value: (r) => money(r.price), align: "right" },
    { header: `Cost (${currency})`, value: (r) => money(r.cost), align: "right" },
    { header: "Margin", value: (r) => formatPercent(r.margin), align: "right" },
  ];
  return (
    <SectionCard
      {...common}
      title="Pricing: margin under threshold"
      description={`Variants whose margin is under ${thresholdText}${
        data?.marginThresholdSource === "settings"
          ? " (the threshold set in Settings → Organization)"
          : " (the default: set the organization's threshold in Settings → Organization)"
      }`}
      formulas={[
        "Margin = (price − cost) ÷ price.",
        `Threshold: ${thresholdText}, from ${data?.marginThresholdSource === "settings" ? "Settings → Organization" : "the default (no threshold set in Settings)"}.`,
      ]}
      columns={columns}
      rows={rows}
      fileName={`pricing-low-margin-${range.from}-${range.to}.csv`}
      emptyText="Every costed variant is above the margin threshold."
      chart={chartOf(
        rows.map((r) => ({ name: r.sku, value: Math.round(r.margin * 1000) / 10 })),
        "Margin",
        (value) => (typeof value === "number" ? formatPercent(value / 100) : String(value)),
      )}
    />
  );
}
