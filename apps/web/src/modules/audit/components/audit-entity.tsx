import Link from "next/link";
import { cn } from "@/lib/utils";

/** Names of entities as people read them. */
const entityNames: Record<string, string> = {
  product: "product",
  variant: "variant",
  listing: "listing",
  channel_connection: "shop",
  organization: "organization",
  member: "member",
  invitation: "invitation",
  user: "account",
  exchange_rate: "exchange rate",
  saved_view: "saved view",
  report_schedule: "report schedule",
  report_run: "report",
  bulk_operation: "bulk edit",
  sync_run: "sync run",
  webhook_event: "webhook event",
  alert: "alert",
};

export function entityName(entity: string): string {
  return entityNames[entity] ?? entity.replaceAll("_", " ");
}

/**
 * The entity of an audit row by the label it had when the row was written ("Shop MY", a SKU, a
 * product title), linked to the entity while it still exists; the short id only when no label was
 * kept.
 */
export function AuditEntity({
  entity,
  entityId,
  label,
  href,
  className,
}: {
  entity: string;
  entityId: string | null;
  label: string | null;
  href: string | null;
  className?: string;
}) {
  const name = label ?? (entityId ? entityId.slice(0, 8) : null);
  return (
    <span className={cn("min-w-0 truncate", className)}>
      <span className="text-muted-foreground">{entityName(entity)}</span>
      {name ? (
        href ? (
          <Link
            href={href}
            className="ml-1.5 font-medium text-foreground underline-offset-4 hover:underline"
            title={entityId ?? undefined}
          >
            {name}
          </Link>
        ) : (
          <span className={cn("ml-1.5", label ? "text-foreground" : "font-mono text-xs")} title={entityId ?? undefined}>
            {name}
          </span>
        )
      ) : null}
    </span>
  );
}
