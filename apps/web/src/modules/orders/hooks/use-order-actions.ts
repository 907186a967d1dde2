"use client";

import { toast } from "sonner";
import { trpc } from "@/lib/trpc/react";
import { toastError } from "@/lib/toast-error";

/** Invalidates what linking a line or receiving a return changes: the orders, their badges, the lines. */
function useInvalidateOrders() {
  const utils = trpc.useUtils();
  return () =>
    Promise.all([
      utils.orders.list.invalidate(),
      utils.orders.counts.invalidate(),
      utils.orders.get.invalidate(),
      utils.orders.unmatchedLines.invalidate(),
    ]);
}

export function useLinkLine(onDone?: () => void) {
  const invalidate = useInvalidateOrders();
  return trpc.orders.linkLine.useMutation({
    onSuccess: async (result) => {
      const lines = `${result.linkedLines} line${result.linkedLines === 1 ? "" : "s"}`;
      const orders = `${result.orders} order${result.orders === 1 ? "" : "s"}`;
      toast.success(
        `Linked ${lines} of ${orders}; their stock is applied${result.linkedListingId ? ". The shop's listing of this item is linked too" : ""}`,
      );
      onDone?.();
      await invalidate();
    },
    onError: (error) => toastError(error),
  });
}

export function useReceiveReturn() {
  const invalidate = useInvalidateOrders();
  return trpc.orders.receiveReturn.useMutation({
    onSuccess: async (result) => {
      toast.success(`${result.restockedUnits} unit${result.restockedUnits === 1 ? "" : "s"} back on hand`);
      await invalidate();
    },
    onError: (error) => toastError(error),
  });
}
