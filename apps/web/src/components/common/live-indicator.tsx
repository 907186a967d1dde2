"use client";

import { useRealtimeContext } from "@/lib/realtime/realtime-provider";
import { useHydrated } from "@/lib/use-hydrated";
import { cn } from "@/lib/utils";

const labels = { live: "Live", connecting: "Connecting", offline: "Offline" } as const;

export function LiveIndicator() {
  const realtime = useRealtimeContext();
  // The server always renders "Connecting"; the socket may be live before this part hydrates.
  const status = useHydrated() ? realtime.status : "connecting";
  return (
    <span className="flex items-center gap-1.5 text-xs text-muted-foreground" role="status">
      <span
        aria-hidden
        className={cn(
          "size-2 rounded-full",
          status === "live" && "bg-success",
          status === "connecting" && "animate-pulse bg-warning",
          status === "offline" && "bg-muted-foreground/40",
        )}
      />
      {labels[status]}
    </span>
  );
}
