"use client";

import { format } from "date-fns";
import { Badge } from "@/components/ui/badge";
import { Dialog, DialogContent, DialogDescription, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import type { RouterOutputs } from "@/lib/trpc/types";
import { formatAction } from "../utils/format-action";
import { AuditEntity } from "./audit-entity";
import { DiffViewer } from "./diff-viewer";

type AuditItem = RouterOutputs["audit"]["list"]["items"][number];

export function AuditEntryDialog({ entry, onClose }: { entry: AuditItem | null; onClose: () => void }) {
  return (
    <Dialog open={entry !== null} onOpenChange={(open) => (open ? null : onClose())}>
      <DialogContent className="sm:max-w-2xl">
        {entry ? (
          <>
            <DialogHeader>
              <DialogTitle>{formatAction(entry.action)}</DialogTitle>
              <DialogDescription>
                {entry.actor?.name ?? "System"} · {format(new Date(entry.at), "d MMM yyyy, HH:mm:ss")}
              </DialogDescription>
            </DialogHeader>
            <dl className="grid grid-cols-[7rem_1fr] gap-x-4 gap-y-2 text-sm">
              <dt className="text-muted-foreground">Action</dt>
              <dd>
                <Badge variant="outline" className="font-mono">
                  {entry.action}
                </Badge>
              </dd>
              <dt className="text-muted-foreground">Entity</dt>
              <dd className="grid min-w-0 gap-0.5">
                {/* Linked to the page where the entity can be seen, while it still exists. */}
                <AuditEntity
                  entity={entry.entity}
                  entityId={entry.entityId}
                  label={entry.label}
                  href={entry.href}
                  className="block"
                />
                {entry.entityId ? (
                  <span className="font-mono text-xs break-all text-muted-foreground">{entry.entityId}</span>
                ) : null}
              </dd>
              <dt className="text-muted-foreground">Actor</dt>
              <dd className="break-all">{entry.actor ? `${entry.actor.name} <${entry.actor.email}>` : "System"}</dd>
              <dt className="text-muted-foreground">IP address</dt>
              <dd className="font-mono text-xs">{entry.ip ?? "—"}</dd>
              <dt className="text-muted-foreground">User agent</dt>
              <dd className="text-xs break-all text-muted-foreground">{entry.userAgent ?? "—"}</dd>
            </dl>
            <div className="grid gap-2">
              <h3 className="text-sm font-medium">Changes</h3>
              <DiffViewer diff={entry.diff} />
            </div>
          </>
        ) : null}
      </DialogContent>
    </Dialog>
  );
}
