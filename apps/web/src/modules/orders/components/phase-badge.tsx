import { Badge } from "@/components/ui/badge";
import { cn } from "@/lib/utils";
import { phaseClasses, phaseLabels, type OrderPhase } from "../utils/order-display";

export function PhaseBadge({ phase, platformStatus }: { phase: OrderPhase; platformStatus: string | null }) {
  return (
    <Badge
      variant="outline"
      className={cn(phaseClasses[phase])}
      data-phase={phase}
      title={platformStatus ? `Marketplace status: ${platformStatus}` : undefined}
    >
      {phaseLabels[phase]}
    </Badge>
  );
}
