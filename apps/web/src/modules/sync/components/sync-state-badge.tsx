import { Badge } from "@/components/ui/badge";
import { cn } from "@/lib/utils";
import { syncLabel, toneClasses, toneOf } from "../utils/sync-display";

/** A sync state (in sync, pending, failed, …) or attempt outcome as a coloured badge. */
export function SyncStateBadge({ state, title, className }: { state: string; title?: string; className?: string }) {
  return (
    <Badge
      variant="outline"
      title={title}
      data-state={state}
      className={cn(toneClasses[toneOf[state] ?? "muted"], className)}
    >
      {syncLabel(state)}
    </Badge>
  );
}
