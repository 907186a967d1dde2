"use client";

import { toast } from "sonner";
import { trpc } from "@/lib/trpc/react";
import { toastError } from "@/lib/toast-error";

const plural = (n: number) => `${n} alert${n === 1 ? "" : "s"}`;

/** Acknowledge, resolve and mark read; each refreshes the lists and the bell. */
export function useAlertActions(onDone?: () => void) {
  const utils = trpc.useUtils();
  const refresh = async () => {
    onDone?.();
    await Promise.all([utils.alerts.list.invalidate(), utils.alerts.unreadCount.invalidate()]);
  };
  return {
    acknowledge: trpc.alerts.acknowledge.useMutation({
      onSuccess: async (result) => {
        toast.success(`${plural(result.updated)} acknowledged`);
        await refresh();
      },
      onError: (error) => toastError(error),
    }),
    resolve: trpc.alerts.resolve.useMutation({
      onSuccess: async (result) => {
        toast.success(`${plural(result.updated)} resolved`);
        await refresh();
      },
      onError: (error) => toastError(error),
    }),
    markRead: trpc.alerts.markRead.useMutation({
      onSuccess: refresh,
      onError: (error) => toastError(error),
    }),
  };
}
