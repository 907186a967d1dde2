"use client";

import { formatDistanceToNow } from "date-fns";
import { ScrollTextIcon } from "lucide-react";
import { EmptyState } from "@/components/common/empty-state";
import { Avatar } from "@/components/ui/avatar";
import type { RouterOutputs } from "@/lib/trpc/types";
import { AuditEntity } from "@/modules/audit/components/audit-entity";
import { formatAction } from "@/modules/audit/utils/format-action";

type AuditItem = NonNullable<RouterOutputs["home"]["summary"]["recentAudit"]>[number];

export function RecentActivity({ items }: { items: AuditItem[] }) {
  if (items.length === 0) {
    return (
      <EmptyState
        icon={ScrollTextIcon}
        title="No activity yet"
        description="Changes made by your team appear here as they happen."
      />
    );
  }
  return (
    <ol className="grid grid-cols-1 gap-4" aria-label="Recent activity">
      {items.map((item) => {
        const actor = item.actor?.name ?? "System";
        const at = new Date(item.at);
        return (
          <li key={item.id} className="flex min-w-0 items-start gap-3">
            <Avatar name={actor} className="size-7" />
            <div className="min-w-0 flex-1 text-sm">
              <p className="truncate">
                <span className="font-medium">{actor}</span>{" "}
                <span className="text-muted-foreground">{formatAction(item.action).toLowerCase()}</span>
              </p>
              <p className="truncate text-xs text-muted-foreground">
                <time dateTime={at.toISOString()} title={at.toLocaleString()}>
                  {formatDistanceToNow(at, { addSuffix: true })}
                </time>
                {" · "}
                <AuditEntity entity={item.entity} entityId={item.entityId} label={item.label} href={item.href} />
              </p>
            </div>
          </li>
        );
      })}
    </ol>
  );
}
