"use client";

import { CheckCircle2Icon, Loader2Icon, XIcon } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Progress } from "@/components/ui/progress";
import type { SyncRun } from "../hooks/use-sync-runs";
import { runLabel } from "../utils/sync-display";

/** One bar per sync run: done (green), failed (red) and remaining, live over socket.io. */
export function SyncRunsProgress({
  runs,
  channelNames,
  onDismiss,
}: {
  runs: SyncRun[];
  channelNames?: Map<string, string>;
  onDismiss: (id: string) => void;
}) {
  if (runs.length === 0) return null;
  return (
    <ul className="grid gap-3" aria-label="Sync runs">
      {runs.map((run) => {
        const total = Math.max(run.total, 0);
        const succeeded = Math.max(run.done - run.failed, 0);
        const remaining = Math.max(total - run.done, 0);
        const percent = total === 0 ? 100 : Math.round((run.done / total) * 100);
        const finished = run.status !== "running";
        const name = runLabel(
          run,
          typeof run.scope.connectionId === "string" ? channelNames?.get(run.scope.connectionId) : undefined,
        );
        return (
          <li
            key={run.id}
            className="grid gap-2 rounded-lg border bg-card p-3"
            data-testid="sync-run"
            data-status={run.status}
          >
            <div className="flex items-center gap-2 text-sm">
              {finished ? (
                <CheckCircle2Icon className="size-4 text-success" aria-hidden />
              ) : (
                <Loader2Icon className="size-4 animate-spin text-muted-foreground" aria-hidden />
              )}
              <span className="font-medium">{name}</span>
              <span className="text-muted-foreground tabular-nums" data-testid="sync-run-percent">
                {percent}%
              </span>
              <span className="ml-auto text-xs text-muted-foreground tabular-nums" data-testid="sync-run-counts">
                {succeeded} done · {run.failed} failed · {remaining} remaining
              </span>
              {finished ? (
                <Button
                  variant="ghost"
                  size="icon"
                  className="size-6"
                  aria-label={`Dismiss ${name}`}
                  onClick={() => onDismiss(run.id)}
                >
                  <XIcon aria-hidden />
                </Button>
              ) : null}
            </div>
            <Progress
              value={percent}
              aria-label={`${name} progress`}
              segments={[
                { percent: total ? (succeeded / total) * 100 : 100, className: "bg-success" },
                { percent: total ? (run.failed / total) * 100 : 0, className: "bg-destructive" },
              ]}
            />
          </li>
        );
      })}
    </ul>
  );
}
