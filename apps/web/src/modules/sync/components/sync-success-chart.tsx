"use client";

import { format, parseISO } from "date-fns";
import { Bar, CartesianGrid, ComposedChart, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

/** Finished pushes per day (succeeded and failed bars) with the day's success rate as a line. */
export function SyncSuccessChart({ days }: { days: { day: string; succeeded: number; failed: number }[] }) {
  const data = days.map((d) => ({
    ...d,
    label: format(parseISO(d.day), "EEE d"),
    rate: d.succeeded + d.failed === 0 ? null : Math.round((d.succeeded / (d.succeeded + d.failed)) * 1000) / 10,
  }));
  return (
    <figure className="grid gap-2">
      <div className="h-52 w-full" aria-hidden>
        <ResponsiveContainer width="100%" height="100%">
          <ComposedChart data={data} margin={{ top: 8, right: 0, bottom: 0, left: -16 }}>
            <CartesianGrid vertical={false} stroke="var(--border)" />
            <XAxis dataKey="label" tickLine={false} axisLine={false} fontSize={11} />
            <YAxis yAxisId="count" allowDecimals={false} tickLine={false} axisLine={false} fontSize={11} width={40} />
            <YAxis
              yAxisId="rate"
              orientation="right"
              domain={[0, 100]}
              tickFormatter={(v: number) => `${v}%`}
              tickLine={false}
              axisLine={false}
              fontSize={11}
              width={40}
            />
            <Tooltip
              contentStyle={{ fontSize: 12, borderRadius: 8 }}
              formatter={(value, name) =>
                name === "rate"
                  ? [`${String(value)}%`, "Success rate"]
                  : [value, name === "succeeded" ? "Succeeded" : "Failed"]
              }
            />
            <Bar yAxisId="count" dataKey="succeeded" stackId="a" fill="var(--chart-2)" isAnimationActive={false} />
            <Bar yAxisId="count" dataKey="failed" stackId="a" fill="var(--destructive)" isAnimationActive={false} />
            <Line
              yAxisId="rate"
              dataKey="rate"
              stroke="var(--chart-1)"
              strokeWidth={2}
              dot={{ r: 3 }}
              connectNulls
              isAnimationActive={false}
            />
          </ComposedChart>
        </ResponsiveContainer>
      </div>
      <figcaption className="sr-only">
        <table>
          <tbody>
            {data.map((d) => (
              <tr key={d.day}>
                <th scope="row">{d.day}</th>
                <td>
                  {d.succeeded} succeeded, {d.failed} failed
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </figcaption>
    </figure>
  );
}
