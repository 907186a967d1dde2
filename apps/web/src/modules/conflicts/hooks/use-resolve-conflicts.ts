"use client";

import { toast } from "sonner";
import { getErrorDetails } from "@/lib/errors";
import { trpc } from "@/lib/trpc/react";

/** Resolves conflicts and refreshes only what a resolution touches: the list, the badge, the history. */
export function useResolveConflicts(onDone?: () => void) {
  const utils = trpc.useUtils();
  return trpc.conflicts.resolve.useMutation({
    onSuccess: (result) => {
      toast.success(
        `${result.resolved} conflict${result.resolved === 1 ? "" : "s"} resolved` +
          (result.skipped ? `, ${result.skipped} already closed` : "") +
          (result.closed
            ? `; ${result.closed} more on the same product${result.closed === 1 ? "" : "s"} closed (master now agrees)`
            : ""),
      );
      void utils.conflicts.list.invalidate();
      void utils.conflicts.countOpen.invalidate();
      void utils.conflicts.productHistory.invalidate();
      onDone?.();
    },
    onError: (error) => toast.error(getErrorDetails(error).message),
  });
}
