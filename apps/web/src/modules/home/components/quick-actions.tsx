"use client";

import { AlertTriangleIcon, PlusIcon, RefreshCwIcon } from "lucide-react";
import Link from "next/link";
import { Button } from "@/components/ui/button";
import { useCan } from "@/lib/use-me";
import { ConfirmButton } from "@/modules/sync/components/confirm-button";
import { SyncRunsProgress } from "@/modules/sync/components/sync-runs-progress";
import { useSyncRuns } from "@/modules/sync/hooks/use-sync-runs";

/** Add product, sync all (with its live progress), view failures. */
export function QuickActions({ hasChannels }: { hasChannels: boolean }) {
  const canEditCatalog = useCan("catalog:write");
  const canSync = useCan("sync:write");
  const canReadSync = useCan("sync:read");
  const runs = useSyncRuns();
  return (
    <div className="grid gap-3">
      <div className="flex flex-wrap gap-2">
        {canEditCatalog ? (
          <Button asChild size="sm" variant="outline">
            <Link href="/products/new">
              <PlusIcon aria-hidden />
              Add product
            </Link>
          </Button>
        ) : null}
        {canSync && hasChannels ? (
          <ConfirmButton
            title="Sync every listing now?"
            description="Every published listing on every active shop is pushed again at high priority."
            confirmLabel="Sync all"
            onConfirm={() => runs.start.mutate({ kind: "all" })}
            disabled={runs.start.isPending}
          >
            <RefreshCwIcon aria-hidden />
            Sync all
          </ConfirmButton>
        ) : null}
        {canReadSync ? (
          <Button asChild size="sm" variant="outline">
            <Link href="/sync?outcome=failed&range=7d">
              <AlertTriangleIcon aria-hidden />
              View failures
            </Link>
          </Button>
        ) : null}
      </div>
      <SyncRunsProgress runs={runs.runs} onDismiss={runs.dismiss} />
    </div>
  );
}
