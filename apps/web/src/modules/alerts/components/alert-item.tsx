"use client";

import type { RouterOutputs } from "@syncstore/api/types";
import { alertKindLabel } from "@syncstore/domain";
import { format, formatDistanceToNow } from "date-fns";
import { CheckIcon, EyeIcon } from "lucide-react";
import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { cn } from "@/lib/utils";
import { alertSubjectHref } from "../utils/alert-links";
import { severityClasses, severityLabels, statusLabels } from "../utils/alert-display";

export type AlertListItem = RouterOutputs["alerts"]["list"]["items"][number];

/** One alert: what, how bad, where, since when, and its actions for roles that may act. */
export function AlertItem({
  alert,
  canWrite,
  busy,
  selected,
  highlighted,
  onSelect,
  onAcknowledge,
  onResolve,
}: {
  alert: AlertListItem;
  canWrite: boolean;
  busy: boolean;
  selected?: boolean;
  /** The alert a link picked out. */
  highlighted?: boolean;
  onSelect?: (selected: boolean) => void;
  onAcknowledge: () => void;
  onResolve: () => void;
}) {
  const link = alertSubjectHref(alert);
  const seen = new Date(alert.lastSeenAt);
  return (
    <li
      className={cn(
        "flex gap-3 rounded-md border p-3",
        alert.read ? "" : "border-l-4 border-l-primary",
        highlighted ? "bg-primary/5 ring-2 ring-primary" : "",
      )}
      data-testid="alert-item"
      data-alert-id={alert.id}
      aria-current={highlighted ? "true" : undefined}
    >
      {onSelect ? (
        <input
          type="checkbox"
          className="mt-1 size-4 shrink-0 accent-primary"
          aria-label={`Select ${alert.title}`}
          checked={selected ?? false}
          disabled={alert.status === "resolved"}
          onChange={(event) => onSelect(event.target.checked)}
        />
      ) : null}
      <div className="grid min-w-0 flex-1 gap-1.5">
        <div className="flex flex-wrap items-center gap-2">
          <Badge variant="outline" className={cn(severityClasses[alert.severity])}>
            {severityLabels[alert.severity]}
          </Badge>
          <span className="text-xs text-muted-foreground">{alertKindLabel(alert.kind)}</span>
          {alert.shopName ? <span className="text-xs text-muted-foreground">· {alert.shopName}</span> : null}
          {alert.count > 1 ? <Badge variant="secondary">×{alert.count}</Badge> : null}
          {alert.status !== "open" ? <Badge variant="outline">{statusLabels[alert.status]}</Badge> : null}
          <time
            className="ml-auto text-xs text-muted-foreground"
            dateTime={seen.toISOString()}
            title={format(seen, "PPpp")}
          >
            {formatDistanceToNow(seen, { addSuffix: true })}
          </time>
        </div>
        <p className="text-sm font-medium break-words">
          {link ? (
            <Link href={link.href} className="underline-offset-4 hover:underline" title={link.label}>
              {alert.title}
            </Link>
          ) : (
            alert.title
          )}
        </p>
        {alert.detail ? <p className="text-xs break-words text-muted-foreground">{alert.detail}</p> : null}
        {canWrite && alert.status !== "resolved" ? (
          <div className="flex gap-2">
            {alert.status === "open" ? (
              <Button size="sm" variant="outline" disabled={busy} onClick={onAcknowledge}>
                <EyeIcon aria-hidden />
                Acknowledge
              </Button>
            ) : null}
            <Button size="sm" variant="outline" disabled={busy} onClick={onResolve}>
              <CheckIcon aria-hidden />
              Resolve
            </Button>
          </div>
        ) : null}
      </div>
    </li>
  );
}
