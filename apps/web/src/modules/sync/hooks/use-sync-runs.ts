"use client";

import type { SyncProgressPayload } from "@syncstore/realtime/events";
import { useRef, useState } from "react";
import { toast } from "sonner";

import { useRealtime } from "@/lib/realtime/use-realtime";
import { trpc } from "@/lib/trpc/react";
import type { RouterOutputs } from "@/lib/trpc/types";
import { toastError } from "@/lib/toast-error";

export type SyncRun = RouterOutputs["sync"]["runs"]["list"][number];
type Progress = Pick<SyncRun, "done" | "failed" | "total" | "status">;

/** Whether `a` is older than `b`: a finished run never runs again, and `done` only grows. */
function isBehind(a: Progress, b: Progress): boolean {
  if (b.status !== "running" && a.status === "running") return true;
  return a.done < b.done;
}

/** The run with whichever of its known states is furthest along. */
function furthest(run: SyncRun, progress: Progress | undefined): SyncRun {
  if (!progress || isBehind(progress, run)) return run;
  return { ...run, done: progress.done, failed: progress.failed, total: progress.total, status: progress.status };
}

const RUNNING = { status: "running" } as const;

/**
 * Sync runs with live progress: the running ones are loaded on mount (so a reload shows the bars
 * again), `sync.progress` moves them, and runs that finish while the page is open stay visible
 * until dismissed. Progress can arrive before the mutation that started the run has answered; the
 * latest progress per run is remembered so the answer never rewinds a bar.
 */
export function useSyncRuns() {
  const utils = trpc.useUtils();
  const running = trpc.sync.runs.list.useQuery(RUNNING, { refetchOnWindowFocus: true });
  const [finished, setFinished] = useState<SyncRun[]>([]);
  const latest = useRef(new Map<string, SyncProgressPayload>());

  const place = (run: SyncRun) => {
    const next = furthest(run, latest.current.get(run.id));
    const others = (utils.sync.runs.list.getData(RUNNING) ?? []).filter((item) => item.id !== run.id);
    if (next.status === "running") {
      utils.sync.runs.list.setData(RUNNING, [next, ...others]);
    } else {
      utils.sync.runs.list.setData(RUNNING, others);
      setFinished((list) => [next, ...list.filter((item) => item.id !== run.id)].slice(0, 5));
    }
  };

  useRealtime("sync.progress", (payload) => {
    const known = latest.current.get(payload.runId);
    // Events travel different paths (the API's "started", the workers' progress) and may arrive
    // out of order: a run's progress only ever moves forward.
    if (known && isBehind(payload, known)) return;
    latest.current.set(payload.runId, payload);
    const run =
      (utils.sync.runs.list.getData(RUNNING) ?? []).find((item) => item.id === payload.runId) ??
      finished.find((item) => item.id === payload.runId);
    if (run) place(run);
    else if (payload.status !== "running") {
      // A run we have not loaded (started elsewhere, or its answer is still on the way).
      void utils.sync.runs.get
        .fetch({ id: payload.runId })
        .then(place)
        .catch(() => undefined);
    } else void utils.sync.runs.list.invalidate(RUNNING);
  });

  const start = trpc.sync.start.useMutation({
    onSuccess: (run) => {
      if (run.total > 0) toast.success(`Syncing ${run.total} listing${run.total === 1 ? "" : "s"}`);
      else toast.info("Nothing to sync: no published listings in scope");
      place(run);
      void utils.sync.overview.invalidate();
    },
    onError: (error) => toastError(error),
  });

  return {
    runs: [...(running.data ?? []).filter((run) => !finished.some((item) => item.id === run.id)), ...finished],
    isLoading: running.isPending,
    error: running.error,
    start,
    dismiss: (id: string) => setFinished((list) => list.filter((item) => item.id !== id)),
  };
}
