"use client";

import { toast } from "sonner";

import { trpc } from "@/lib/trpc/react";
import { toastError } from "@/lib/toast-error";

/** Retry one / retry failed / pause / resume, each invalidating what it changed. */
export function useSyncActions() {
  const utils = trpc.useUtils();
  const refresh = () => Promise.all([utils.sync.overview.invalidate(), utils.sync.productStatus.invalidate()]);
  const onError = (error: unknown) => toastError(error);
  const plural = (n: number) => `${n} listing${n === 1 ? "" : "s"}`;

  const retry = trpc.sync.retry.useMutation({
    onSuccess: async () => {
      toast.success("Queued for another push");
      await refresh();
    },
    onError,
  });
  const retryFailed = trpc.sync.retryFailed.useMutation({
    onSuccess: async ({ marked }) => {
      if (marked === 0) toast.info("No failed listings to retry");
      else toast.success(`Retrying ${plural(marked)}`);
      await refresh();
    },
    onError,
  });
  const pause = trpc.sync.pause.useMutation({
    onSuccess: async () => {
      toast.success("Sync paused; changes wait until you resume");
      await refresh();
    },
    onError,
  });
  const resume = trpc.sync.resume.useMutation({
    onSuccess: async ({ marked }) => {
      toast.success(marked ? `Sync resumed; pushing ${plural(marked)}` : "Sync resumed");
      await refresh();
    },
    onError,
  });
  return { retry, retryFailed, pause, resume };
}
