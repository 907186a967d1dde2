import { toChartBars } from "../utils/chart-days";

/** Audit entries per day as bars, with a table for screen readers. */
export function ActivityChart({ days }: { days: { day: string | Date; count: number }[] }) {
  const bars = toChartBars(days);
  const total = bars.reduce((sum, bar) => sum + bar.count, 0);
  return (
    <figure className="grid gap-3">
      <div className="flex h-44 gap-2 pt-5" aria-hidden>
        {bars.map((bar) => (
          <div key={bar.key} className="flex h-full flex-1 flex-col items-center gap-1.5">
            <div className="relative w-full flex-1">
              <div
                className="absolute inset-x-0 bottom-0 mx-auto w-full max-w-12 rounded-t-sm bg-chart-2/80"
                style={{ height: `${bar.heightPercent}%` }}
                title={`${bar.fullLabel}: ${bar.count}`}
              />
              {bar.count > 0 ? (
                <span
                  className="absolute inset-x-0 text-center text-xs text-muted-foreground tabular-nums"
                  style={{ bottom: `calc(${bar.heightPercent}% + 2px)` }}
                >
                  {bar.count}
                </span>
              ) : null}
            </div>
            <span className="text-xs text-muted-foreground">{bar.label}</span>
          </div>
        ))}
      </div>
      <figcaption className="sr-only">
        {total} audit entries in the last 7 days.
        <table>
          <tbody>
            {bars.map((bar) => (
              <tr key={bar.key}>
                <th scope="row">{bar.fullLabel}</th>
                <td>{bar.count}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </figcaption>
    </figure>
  );
}
