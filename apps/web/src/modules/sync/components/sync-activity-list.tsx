"use client";

import { formatDistanceToNow } from "date-fns";
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
    <ol className="grid gap-3" aria-label="Recent sync activity">
      {items.map((item) => {
        const at = new Date(item.at);
        const body = (
          <>
            <div className="min-w-0 flex-1">
              <p className="truncate text-sm">
                <span className="font-medium">{item.productTitle ?? item.sku ?? "Removed listing"}</span>{" "}
                <span className="text-muted-foreground">
                  {item.operation} → {item.connection.name}
                </span>
              </p>
              <p className="truncate text-xs text-muted-foreground">
                <time dateTime={at.toISOString()} title={at.toLocaleString()}>
                  {formatDistanceToNow(at, { addSuffix: true })}
                </time>
                {item.sku ? ` · ${item.sku}` : ""}
                {item.error ? ` · ${item.error}` : ""}
              </p>
            </div>
            <SyncStateBadge state={item.outcome} />
          </>
        );
        return (
          <li key={item.id}>
            {onOpen ? (
              <button
                type="button"
                className="flex w-full items-center gap-3 rounded-md text-left outline-none hover:bg-muted/50 focus-visible:ring-[3px] focus-visible:ring-ring/50"
                onClick={() => onOpen(item)}
              >
                {body}
              </button>
            ) : (
              <div className="flex items-center gap-3">{body}</div>
            )}
          </li>
        );
      })}
    </ol>
  );
}
