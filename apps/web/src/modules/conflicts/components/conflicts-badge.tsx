"use client";

import { trpc } from "@/lib/trpc/react";
import { useConflictsLive } from "../hooks/use-conflicts-live";

/** The sidebar's count of open conflicts, live over socket.io. */
export function ConflictsBadge() {
  useConflictsLive();
  const count = trpc.conflicts.countOpen.useQuery(undefined, { staleTime: 30_000 });
  const open = count.data?.open ?? 0;
  if (open === 0) return null;
  return (
    <span
      className="ml-auto rounded-full bg-destructive px-2 py-0.5 text-xs font-semibold text-white tabular-nums"
      aria-label={`${open} open conflicts`}
    >
      {open > 99 ? "99+" : open}
    </span>
  );
}
