"use client";

import { format, formatDistanceToNow } from "date-fns";
import { RefreshCwIcon } from "lucide-react";
import { EmptyState } from "@/components/common/empty-state";
import type { RouterOutputs } from "@/lib/trpc/types";
import { SyncStateBadge } from "./sync-state-badge";

type Attempt = RouterOutputs["sync"]["overview"]["recent"][number];

/** The latest push attempts, newest first. */
export function SyncActivityList({ items, onOpen }: { items: Attempt[]; onOpen?: (attempt: Attempt) => void }) {
  if (items.length === 0) {
    return (
      <EmptyState
        icon={RefreshCwIcon}
        title="No pushes yet"
        description="Every change to a listed product is pushed to its shops; the attempts show up here."
      />
    );
  }
  return (
    // One column that may shrink (minmax(0, 1fr)): long names truncate and the badge stays in view.
    <ol className="grid grid-cols-1 gap-3" aria-label="Recent sync activity">
      {items.map((item) => {
        const at = new Date(item.at);
        const name = item.productTitle ?? item.sku ?? "Removed listing";
        const details = `${item.sku ? item.sku : ""}${item.error ? `${item.sku ? " · " : ""}${item.error}` : ""}`;
        const body = (
          <>
            <div className="min-w-0 flex-1">
              <p className="truncate text-sm" title={`${name}: ${item.operation} → ${item.connection.name}`}>
                <span className="font-medium">{name}</span>{" "}
                <span className="text-muted-foreground">
                  {item.operation} → {item.connection.name}
                </span>
              </p>
              <p className="truncate text-xs text-muted-foreground" title={details || undefined}>
                <time dateTime={at.toISOString()} title={format(at, "d MMM yyyy, HH:mm:ss")}>
                  {formatDistanceToNow(at, { addSuffix: true })}
                </time>
                {details ? ` · ${details}` : ""}
              </p>
            </div>
            <SyncStateBadge state={item.outcome} className="shrink-0" />
          </>
        );
        return (
          <li key={item.id} className="min-w-0">
            {onOpen ? (
              <button
                type="button"
                className="flex w-full min-w-0 items-center gap-3 rounded-md py-0.5 pr-1 text-left outline-none hover:bg-muted/50 focus-visible:ring-[3px] focus-visible:ring-ring/50"
                onClick={() => onOpen(item)}
              >
                {body}
              </button>
            ) : (
              <div className="flex min-w-0 items-center gap-3">{body}</div>
            )}
          </li>
        );
      })}
    </ol>
  );
}
