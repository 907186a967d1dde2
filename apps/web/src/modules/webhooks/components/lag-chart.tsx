"use client";

import { format } from "date-fns";
import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { formatLatency } from "../utils/webhook-display";

export type LagPoint = { at: Date; events: number; p50Ms: number; p95Ms: number; maxMs: number };

/** Processing lag (received → processed) per bucket: median and 95th percentile. */
export function LagChart({ points, range }: { points: LagPoint[]; range: "1h" | "24h" | "7d" }) {
  const pattern = range === "7d" ? "d MMM HH:mm" : "HH:mm";
  const data = points.map((point) => ({ ...point, label: format(new Date(point.at), pattern) }));
  const events = points.reduce((sum, point) => sum + point.events, 0);
  const worst = points.reduce((max, point) => Math.max(max, point.p95Ms), 0);
  if (points.length === 0) {
    return (
      <p className="flex h-52 items-center justify-center rounded-md border border-dashed text-sm text-muted-foreground">
        No processed events in this period yet.
      </p>
    );
  }
  return (
    <figure className="grid gap-2">
      <div className="h-52 w-full" aria-hidden>
        <ResponsiveContainer width="100%" height="100%">
          <LineChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
            <CartesianGrid vertical={false} stroke="var(--border)" />
            <XAxis dataKey="label" tickLine={false} axisLine={false} fontSize={11} minTickGap={24} />
            <YAxis
              tickLine={false}
              axisLine={false}
              fontSize={11}
              width={56}
              tickFormatter={(value: number) => formatLatency(value)}
            />
            <Tooltip
              contentStyle={{ fontSize: 12, borderRadius: 8 }}
              formatter={(value, name) => [
                formatLatency(Number(value)),
                name === "p50Ms" ? "Median" : "95th percentile",
              ]}
            />
            <Line
              type="monotone"
              dataKey="p50Ms"
              stroke="var(--chart-2)"
              strokeWidth={2}
              dot={false}
              isAnimationActive={false}
            />
            <Line
              type="monotone"
              dataKey="p95Ms"
              stroke="var(--chart-1)"
              strokeWidth={2}
              dot={false}
              isAnimationActive={false}
            />
          </LineChart>
        </ResponsiveContainer>
      </div>
      <figcaption className="text-xs text-muted-foreground">
        {events} event{events === 1 ? "" : "s"} processed; worst 95th percentile {formatLatency(worst)}.
      </figcaption>
    </figure>
  );
}
