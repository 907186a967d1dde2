"use client";

import { conflictFieldGroupLabels, conflictFieldGroups } from "@syncstore/domain";
import { GitCompareIcon, XIcon } from "lucide-react";
import { useMemo, useState } from "react";
import { toast } from "sonner";
import { EmptyState } from "@/components/common/empty-state";
import { ErrorState } from "@/components/common/error-state";
import { FilterSelect } from "@/components/common/filter-select";
import { PageHeader } from "@/components/common/page-header";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Skeleton } from "@/components/ui/skeleton";
import { useCan } from "@/lib/use-me";
import { getErrorDetails } from "@/lib/errors";
import { trpc } from "@/lib/trpc/react";
import { cn } from "@/lib/utils";
import { useConflictFilters } from "../hooks/use-conflict-filters";
import { useConflictsLive } from "../hooks/use-conflicts-live";
import { useResolveConflicts } from "../hooks/use-resolve-conflicts";
import { toConflictListInput, type ConflictFilters } from "../utils/conflict-filters";
import { ageOf, conflictSummary, groupLabel, platformNames } from "../utils/display";
import { ConflictSideBySide } from "./conflict-side-by-side";
import { ReviewsPanel } from "./reviews-panel";

/** The review queue: open conflicts with URL filters, bulk resolution and the side-by-side view. */
export function ConflictsView() {
  useConflictsLive();
  const { filters, setFilter, clear } = useConflictFilters();
  const canWrite = useCan("conflict:write");
  const list = trpc.conflicts.list.useQuery(toConflictListInput(filters));
  const connections = trpc.channels.list.useQuery(undefined, { staleTime: 60_000 });
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const bulk = useResolveConflicts(() => setSelected(new Set()));
  const compare = trpc.conflicts.compareNow.useMutation({
    onSuccess: () => toast.success("Comparing this shop with the marketplace; new conflicts appear here"),
    onError: (error) => toast.error(getErrorDetails(error).message),
  });
  const rows = useMemo(() => list.data?.rows ?? [], [list.data]);
  const current = rows.find((row) => row.id === filters.open) ?? rows[0];
  const anyFilter = Boolean(filters.shop || filters.group || filters.product || filters.age);

  const toggle = (id: string) =>
    setSelected((prev) => {
      const next = new Set(prev);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  return (
    <div className="grid gap-6">
      <PageHeader
        title="Conflicts"
        description="Edits made on a marketplace that disagree with master. Their fields wait here and are not pushed until you decide."
      />
      <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-[repeat(3,minmax(0,1fr))_auto] lg:items-end">
        <FilterSelect
          id="conflict-shop"
          label="Shop"
          value={filters.shop}
          options={(connections.data ?? []).map((c) => ({ value: c.id, label: c.name }))}
          onChange={(value) => setFilter("shop", value)}
        />
        <FilterSelect
          id="conflict-group"
          label="Field group"
          value={filters.group}
          options={conflictFieldGroups.map((g) => ({ value: g, label: conflictFieldGroupLabels[g] }))}
          onChange={(value) => setFilter("group", value as ConflictFilters["group"])}
        />
        <FilterSelect
          id="conflict-age"
          label="Age"
          value={filters.age}
          options={[
            { value: "1d", label: "Last 24 hours" },
            { value: "7d", label: "Last 7 days" },
            { value: "older", label: "Older than 7 days" },
          ]}
          onChange={(value) => setFilter("age", value as ConflictFilters["age"])}
        />
        <div className="flex gap-2">
          {canWrite && filters.shop ? (
            <Button
              variant="outline"
              disabled={compare.isPending}
              onClick={() => filters.shop && compare.mutate({ connectionId: filters.shop })}
            >
              Compare with live
            </Button>
          ) : null}
          <Button variant="ghost" onClick={clear} disabled={!anyFilter && !filters.open}>
            <XIcon aria-hidden /> Clear
          </Button>
        </div>
      </div>
      {filters.product ? (
        <p className="text-sm text-muted-foreground">
          Showing one product.{" "}
          <button className="underline" onClick={() => setFilter("product", undefined)}>
            Show all products
          </button>
        </p>
      ) : null}

      {list.isPending ? (
        <Skeleton className="h-64 w-full" />
      ) : list.isError ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : rows.length === 0 ? (
        <EmptyState
          icon={GitCompareIcon}
          title={anyFilter ? "No conflicts match these filters" : "No open conflicts"}
          description="When a seller edits a field on a marketplace that also changed in SyncStore, it appears here."
        />
      ) : (
        <div className="grid gap-4 xl:grid-cols-[minmax(320px,2fr)_3fr]">
          <div className="grid content-start gap-2">
            <div className="flex min-h-9 flex-wrap items-center gap-2 text-sm">
              <span className="text-muted-foreground">
                {list.data.total} open{selected.size ? ` · ${selected.size} selected` : ""}
              </span>
              {canWrite && selected.size > 0 ? (
                <>
                  <Button
                    size="sm"
                    disabled={bulk.isPending}
                    onClick={() => bulk.mutate({ strategy: "master", conflictIds: [...selected] })}
                  >
                    Use master for all
                  </Button>
                  <Button
                    size="sm"
                    variant="secondary"
                    disabled={bulk.isPending}
                    onClick={() => bulk.mutate({ strategy: "channel", conflictIds: [...selected] })}
                  >
                    Use channel for all
                  </Button>
                </>
              ) : null}
            </div>
            <ul className="grid gap-2" aria-label="Open conflicts">
              {rows.map((row) => (
                <li
                  key={row.id}
                  className={cn(
                    "flex items-start gap-3 rounded-md border p-3",
                    current?.id === row.id && "border-primary bg-accent/40",
                  )}
                >
                  {canWrite ? (
                    <input
                      type="checkbox"
                      className="mt-1"
                      aria-label={`Select ${row.productTitle ?? "conflict"}`}
                      checked={selected.has(row.id)}
                      onChange={() => toggle(row.id)}
                    />
                  ) : null}
                  <button className="grid min-w-0 flex-1 gap-1 text-left" onClick={() => setFilter("open", row.id)}>
                    <span className="flex flex-wrap items-center gap-2">
                      <span className="truncate font-medium">{row.productTitle ?? "Unlinked product"}</span>
                      <Badge variant="secondary">{groupLabel(row.fieldGroup)}</Badge>
                    </span>
                    <span className="truncate text-sm text-muted-foreground">
                      {conflictSummary(row.fieldGroup, row.master, row.channel, row.currency)}
                    </span>
                    <span className="text-xs text-muted-foreground">
                      {platformNames[row.platform]} · {row.connectionName}
                      {row.sku && row.fieldGroup !== "content" ? ` · ${row.sku}` : ""} · {ageOf(row.detectedAt)}
                    </span>
                  </button>
                </li>
              ))}
            </ul>
          </div>
          {current ? <ConflictSideBySide key={current.id} conflict={current} canWrite={canWrite} /> : null}
        </div>
      )}
      <ReviewsPanel />
    </div>
  );
}
