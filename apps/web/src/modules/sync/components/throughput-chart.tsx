"use client";

import { format } from "date-fns";
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

/** Listings pushed (and failed) per minute over the last hour, stacked bars. */
export function ThroughputChart({ minutes }: { minutes: { minute: Date; succeeded: number; failed: number }[] }) {
  const data = minutes.map((m) => ({ ...m, label: format(new Date(m.minute), "HH:mm") }));
  const total = minutes.reduce((sum, m) => sum + m.succeeded, 0);
  const failed = minutes.reduce((sum, m) => sum + m.failed, 0);
  const peak = minutes.reduce((max, m) => Math.max(max, m.succeeded), 0);
  return (
    <figure className="grid gap-2">
      <div className="h-52 w-full" aria-hidden>
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: -16 }}>
            <CartesianGrid vertical={false} stroke="var(--border)" />
            <XAxis dataKey="label" tickLine={false} axisLine={false} interval={9} fontSize={11} />
            <YAxis allowDecimals={false} tickLine={false} axisLine={false} fontSize={11} width={40} />
            <Tooltip
              cursor={{ fill: "var(--muted)" }}
              contentStyle={{ fontSize: 12, borderRadius: 8 }}
              formatter={(value, name) => [value, name === "succeeded" ? "Pushed" : "Failed"]}
            />
            <Bar dataKey="succeeded" stackId="a" fill="var(--chart-2)" isAnimationActive={false} />
            <Bar
              dataKey="failed"
              stackId="a"
              fill="var(--destructive)"
              radius={[2, 2, 0, 0]}
              isAnimationActive={false}
            />
          </BarChart>
        </ResponsiveContainer>
      </div>
      <figcaption className="text-xs text-muted-foreground">
        {total} listing{total === 1 ? "" : "s"} pushed and {failed} failed in the last hour; peak {peak} a minute.
      </figcaption>
    </figure>
  );
}
