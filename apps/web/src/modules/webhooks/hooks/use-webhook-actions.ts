"use client";

import { toast } from "sonner";
import { trpc } from "@/lib/trpc/react";
import { toastError } from "@/lib/toast-error";

/** Replays events; the toast says how many were already processed (their replay changes nothing). */
export function useReplayEvents(onDone?: () => void) {
  const utils = trpc.useUtils();
  return trpc.webhooks.replay.useMutation({
    onSuccess: async (result) => {
      const events = `${result.queued} event${result.queued === 1 ? "" : "s"}`;
      const processed = result.alreadyProcessed
        ? ` ${result.alreadyProcessed} already processed: the replay will be recognised as a duplicate and change nothing.`
        : "";
      const skipped = result.skipped ? ` ${result.skipped} skipped (unknown shop).` : "";
      if (result.queued === 0) toast.warning(`Nothing to replay.${skipped}`);
      else toast.success(`Replaying ${events}.${processed}${skipped}`);
      onDone?.();
      await Promise.all([utils.webhooks.list.invalidate(), utils.webhooks.get.invalidate()]);
    },
    onError: (error) => toastError(error),
  });
}

export function useReconcileNow() {
  const utils = trpc.useUtils();
  return trpc.webhooks.reconcileNow.useMutation({
    onSuccess: async () => {
      toast.success("Reconciliation queued; results appear here when it finishes");
      await utils.webhooks.stats.invalidate();
    },
    onError: (error) => toastError(error),
  });
}
