"use client";

import { toast } from "sonner";

import { trpc } from "@/lib/trpc/react";
import { platformLabels } from "../utils/connection-display";
import { toastError } from "@/lib/toast-error";

/** Starts the OAuth round-trip: the server signs a state and we follow its authorization URL. */
export function useStartConnect() {
  return trpc.channels.startConnect.useMutation({
    onSuccess: ({ url }) => window.location.assign(url),
    onError: (error) => toastError(error),
  });
}

export function useCheckHealth() {
  const utils = trpc.useUtils();
  return trpc.channels.checkHealth.useMutation({
    onSuccess: async (connection) => {
      const label = `${platformLabels[connection.platform]} · ${connection.name}`;
      if (connection.status === "active") toast.success(`${label} is healthy`);
      else toast.warning(`${label}: ${connection.lastError ?? connection.status}`);
      await utils.channels.list.invalidate();
    },
    onError: (error) => toastError(error),
  });
}

export function useDisconnect() {
  const utils = trpc.useUtils();
  return trpc.channels.disconnect.useMutation({
    onSuccess: async () => {
      toast.success("Disconnected; its tokens were deleted");
      await utils.channels.list.invalidate();
    },
    onError: (error) => toastError(error),
  });
}

/** Queues "Import listings"; progress then arrives through `channels.list` (refreshed live). */
export function useStartImport() {
  const utils = trpc.useUtils();
  return trpc.channels.listings.startImport.useMutation({
    onSuccess: async () => {
      toast.success("Import started");
      await utils.channels.list.invalidate();
    },
    onError: (error) => toastError(error),
  });
}
