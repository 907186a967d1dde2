import { Badge } from "@/components/ui/badge";
import { cn } from "@/lib/utils";
import { statusClasses, statusLabels, type WebhookStatus } from "../utils/webhook-display";

export function WebhookStatusBadge({ status }: { status: WebhookStatus }) {
  return (
    <Badge variant="outline" className={cn(statusClasses[status])} data-status={status}>
      {statusLabels[status]}
    </Badge>
  );
}
