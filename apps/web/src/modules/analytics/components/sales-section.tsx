"use client";

import type { RouterOutputs } from "@syncstore/api";
import { format, parseISO } from "date-fns";
import { Area, AreaChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { formatMinor } from "@syncstore/domain";
import { formatMoney } from "@/modules/catalog/utils/format-money";
import type { Column } from "../utils/csv";
import { chartMoney, formatChange, formatNumber, formatStamp } from "../utils/format";
import { SectionCard, type SectionState } from "./section-card";

type Sales = RouterOutputs["analytics"]["sales"];
type Day = Sales["days"][number];

const colors = ["var(--chart-1)", "var(--chart-2)", "var(--chart-3)", "var(--chart-4)", "var(--chart-5)"];

export function SalesSection({
  data,
  state,
  compare,
  range,
}: {
  data: Sales | undefined;
  state: SectionState;
  compare: boolean;
  range: { from: string; to: string };
}) {
  const currency = data?.currency ?? "USD";
  const plotted = chartMoney(currency);
  const shops = data?.shops ?? [];
  const columns: Column<Day>[] = [
    { header: "Date", value: (d) => d.day },
    ...shops.map((shop) => ({
      header: `${shop.name} revenue (${currency})`,
      value: (d: Day) => formatMinor(d.byShop[shop.id] ?? 0, currency),
      align: "right" as const,
    })),
    { header: `Total revenue (${currency})`, value: (d) => formatMinor(d.revenue, currency), align: "right" },
    { header: "Valid orders", value: (d) => d.validOrders, align: "right" },
  ];
  const hasSales = (data?.days ?? []).some((d) => d.revenue > 0 || d.validOrders > 0);
  return (
    <div className="grid gap-4">
      <div className="grid gap-4 sm:grid-cols-2 xl:grid-cols-4">
        <Kpi
          label="Revenue"
          value={data ? formatMoney(data.current.revenue, currency) : undefined}
          change={data && compare ? formatChange(data.current.revenue, data.previous.revenue) : null}
        />
        <Kpi
          label="Valid orders"
          value={data ? formatNumber(data.current.validOrders) : undefined}
          change={data && compare ? formatChange(data.current.validOrders, data.previous.validOrders) : null}
        />
        <Kpi
          label="Units sold"
          value={data ? formatNumber(data.current.units) : undefined}
          change={data && compare ? formatChange(data.current.units, data.previous.units) : null}
        />
        <Kpi
          label="Average order value"
          value={
            data
              ? formatMoney(
                  data.current.validOrders ? Math.round(data.current.revenue / data.current.validOrders) : 0,
                  currency,
                )
              : undefined
          }
          change={null}
        />
      </div>
      {data && data.unconverted.length > 0 ? (
        <p
          role="status"
          className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:bg-amber-950 dark:text-amber-100"
        >
          No exchange rate for {data.unconverted.join(", ")}: sales in{" "}
          {data.unconverted.length === 1 ? "that currency are" : "those currencies are"} left out of the totals. Add the
          rate in Settings.
        </p>
      ) : null}
      <SectionCard
        id="sales"
        title="Sales and revenue"
        description={`Revenue per day by shop in ${currency}${compare && data ? `; previous period ${formatMoney(data.previous.revenue, currency)}` : ""}`}
        freshness={
          data
            ? `Orders up to ${formatStamp(data.freshness.ordersUpTo)}; rolled up ${formatStamp(data.freshness.rolledUpAt)}`
            : null
        }
        state={state}
        columns={columns}
        rows={hasSales ? (data?.days ?? []) : []}
        fileName={`sales-${range.from}-${range.to}.csv`}
        emptyText="No orders in this period for the selected shops."
        chart={
          <div className="h-64 w-full" aria-hidden>
            <ResponsiveContainer width="100%" height="100%">
              <AreaChart
                data={(data?.days ?? []).map((d) => ({
                  label: format(parseISO(d.day), "d MMM"),
                  ...Object.fromEntries(shops.map((s) => [s.name, plotted.plot(d.byShop[s.id] ?? 0)])),
                }))}
                margin={{ top: 8, right: 8, bottom: 0, left: 0 }}
              >
                <CartesianGrid vertical={false} stroke="var(--border)" />
                <XAxis dataKey="label" tickLine={false} axisLine={false} fontSize={11} minTickGap={16} />
                <YAxis tickLine={false} axisLine={false} fontSize={11} width={56} />
                <Tooltip
                  contentStyle={{ fontSize: 12, borderRadius: 8 }}
                  formatter={(value) => plotted.tooltip(value)}
                />
                <Legend wrapperStyle={{ fontSize: 12 }} />
                {shops.map((shop, index) => (
                  <Area
                    key={shop.id}
                    type="monotone"
                    dataKey={shop.name}
                    stackId="revenue"
                    stroke={colors[index % colors.length]}
                    fill={colors[index % colors.length]}
                    fillOpacity={0.25}
                    isAnimationActive={false}
                  />
                ))}
              </AreaChart>
            </ResponsiveContainer>
          </div>
        }
      />
    </div>
  );
}

function Kpi({ label, value, change }: { label: string; value: string | undefined; change: string | null }) {
  return (
    <div className="rounded-xl border bg-card p-4">
      <p className="text-sm text-muted-foreground">{label}</p>
      <p className="mt-1 text-2xl font-semibold tabular-nums">{value ?? "…"}</p>
      {change ? <p className="text-xs text-muted-foreground">{change} vs previous period</p> : null}
    </div>
  );
}
