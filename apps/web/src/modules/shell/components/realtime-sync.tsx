"use client";

import { trpc } from "@/lib/trpc/react";
import { useRealtime } from "@/lib/realtime/use-realtime";

/**
 * Keeps shared data fresh while any dashboard page is open: a team change can alter the
 * signed-in user's own role, so it refreshes `me.context` as well as the team lists.
 */
export function RealtimeSync() {
  const utils = trpc.useUtils();
  useRealtime("team.changed", () => {
    void utils.me.context.invalidate();
    void utils.team.listMembers.invalidate();
    void utils.team.listInvitations.invalidate();
    void utils.home.summary.invalidate();
  });
  useRealtime("audit.created", () => {
    void utils.home.summary.invalidate();
    void utils.audit.list.invalidate();
    void utils.audit.facets.invalidate();
  });
  return null;
}
