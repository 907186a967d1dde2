"use client";

import { DownloadIcon, Loader2Icon, ScrollTextIcon, ShieldAlertIcon } from "lucide-react";
import { useState } from "react";
import { EmptyState } from "@/components/common/empty-state";
import { ErrorState } from "@/components/common/error-state";
import { PageHeader } from "@/components/common/page-header";
import { Button } from "@/components/ui/button";
import { Card, CardContent } from "@/components/ui/card";
import { Skeleton } from "@/components/ui/skeleton";
import type { RouterOutputs } from "@/lib/trpc/types";
import { useHydrated } from "@/lib/use-hydrated";
import { useCan, useMe } from "@/lib/use-me";
import { useAuditEntries } from "../hooks/use-audit-entries";
import { useAuditFilters } from "../hooks/use-audit-filters";
import { auditExportHref, hasActiveFilters } from "../utils/audit-filters";
import { AuditEntryDialog } from "./audit-entry-dialog";
import { AuditFiltersBar } from "./audit-filters-bar";
import { AuditTable } from "./audit-table";

type AuditItem = RouterOutputs["audit"]["list"]["items"][number];

export function AuditView() {
  const me = useMe();
  const canRead = useCan("audit:read");
  const hydrated = useHydrated();
  if (me.data && !canRead) {
    return (
      <EmptyState
        className="rounded-lg border border-dashed py-16"
        icon={ShieldAlertIcon}
        title="The audit log is for owners and admins"
        description="Ask an owner or admin of this organization if you need to see who changed what."
      />
    );
  }
  // The log's rows (relative times, the viewer's time zone) may already be cached when this page's
  // code arrives: the first client render shows what the server rendered, the log right after.
  return (
    <div className="grid grid-cols-1 gap-6">
      {me.data && hydrated ? <AuditLog /> : <Skeleton className="h-96 w-full" />}
    </div>
  );
}

function AuditLog() {
  const { filters, setFilter, clear } = useAuditFilters();
  const entries = useAuditEntries(filters);
  const [selected, setSelected] = useState<AuditItem | null>(null);
  // Rendered after hydration only (AuditView): the export's day bounds are instants of the browser's time zone.
  const exportHref = auditExportHref(filters);

  return (
    <>
      <PageHeader
        title="Audit log"
        description="Every change in this organization: who, what, when and from where."
        actions={
          <Button variant="outline" asChild>
            <a href={exportHref} download>
              <DownloadIcon aria-hidden />
              Export CSV
            </a>
          </Button>
        }
      />
      <Card className="gap-4">
        <CardContent className="grid gap-4">
          <AuditFiltersBar filters={filters} onChange={setFilter} onClear={clear} />
          {entries.isError && !entries.data ? (
            <ErrorState
              title="Could not load the audit log"
              error={entries.error}
              onRetry={() => void entries.refetch()}
            />
          ) : entries.isPending ? (
            <div className="grid gap-2" aria-busy="true" aria-label="Loading audit entries">
              {Array.from({ length: 8 }, (_, index) => (
                <Skeleton key={index} className="h-10 w-full" />
              ))}
            </div>
          ) : entries.items.length === 0 ? (
            <EmptyState
              icon={ScrollTextIcon}
              title={hasActiveFilters(filters) ? "No entries match these filters" : "No audit entries yet"}
              description={
                hasActiveFilters(filters)
                  ? "Try a wider date range or clear a filter."
                  : "Changes made in this organization are recorded here."
              }
              action={
                hasActiveFilters(filters) ? (
                  <Button variant="outline" onClick={clear}>
                    Clear filters
                  </Button>
                ) : undefined
              }
            />
          ) : (
            <>
              <AuditTable items={entries.items} onOpen={setSelected} />
              <div className="flex items-center justify-between gap-4">
                <p className="text-sm text-muted-foreground" aria-live="polite">
                  {entries.items.length} {entries.items.length === 1 ? "entry" : "entries"}
                  {entries.hasNextPage ? " shown" : ""}
                </p>
                {entries.hasNextPage ? (
                  <Button
                    variant="outline"
                    onClick={() => void entries.fetchNextPage()}
                    disabled={entries.isFetchingNextPage}
                  >
                    {entries.isFetchingNextPage ? <Loader2Icon className="animate-spin" aria-hidden /> : null}
                    Load more
                  </Button>
                ) : null}
              </div>
              {entries.isFetchNextPageError ? (
                <ErrorState
                  title="Could not load more entries"
                  error={entries.error}
                  onRetry={() => void entries.fetchNextPage()}
                />
              ) : null}
            </>
          )}
        </CardContent>
        <AuditEntryDialog entry={selected} onClose={() => setSelected(null)} />
      </Card>
    </>
  );
}
