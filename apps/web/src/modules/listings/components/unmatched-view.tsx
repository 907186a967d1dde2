"use client";

import { ArrowLeftIcon, CheckCircle2Icon, LinkIcon, PackagePlusIcon, SearchIcon, WandSparklesIcon } from "lucide-react";
import Link from "next/link";
import { useState } from "react";
import { EmptyState } from "@/components/common/empty-state";
import { ErrorState } from "@/components/common/error-state";
import { PageHeader } from "@/components/common/page-header";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import { Skeleton } from "@/components/ui/skeleton";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { trpc } from "@/lib/trpc/react";
import type { RouterOutputs } from "@/lib/trpc/types";
import { useDebouncedValue } from "@/modules/catalog/hooks/use-debounced-value";
import { useChannelsRealtime } from "@/modules/channels/hooks/use-channels-realtime";
import { platformLabels } from "@/modules/channels/utils/connection-display";
import { useCan } from "@/lib/use-me";
import { formatMoney } from "@/modules/catalog/utils/format-money";
import { optionsText } from "../utils/listing-display";
import { BulkUnmatchedDialog, type BulkAction, type ListingSelection } from "./bulk-unmatched-dialog";
import { CreateProductDialog } from "./create-product-dialog";
import { LinkListingDialog } from "./link-listing-dialog";

type Listing = RouterOutputs["channels"]["listings"]["listUnmatched"]["rows"][number];
const PAGE = 50;

/** Channels → shop → Unmatched: imported listings with no master variant, to link or turn into products. */
export function UnmatchedView({ connectionId }: { connectionId: string }) {
  useChannelsRealtime();
  const utils = trpc.useUtils();
  const canLink = useCan("channel:write");
  const canCreate = useCan("catalog:write") && canLink;
  const connections = trpc.channels.list.useQuery();
  const connection = connections.data?.find((c) => c.id === connectionId);
  const [search, setSearch] = useState("");
  const [offset, setOffset] = useState(0);
  const debounced = useDebouncedValue(search.trim(), 300);
  const list = trpc.channels.listings.listUnmatched.useQuery(
    { connectionId, search: debounced || undefined, offset },
    { placeholderData: (previous) => previous },
  );
  const [linking, setLinking] = useState<Listing | null>(null);
  const [creating, setCreating] = useState<Listing | null>(null);
  const total = list.data?.total ?? 0;
  // Ticked rows (across pages), or "every listing the search matches".
  const [selected, setSelected] = useState<Set<string>>(() => new Set());
  const [allMatching, setAllMatching] = useState(false);
  const [bulk, setBulk] = useState<{ action: BulkAction; selection: ListingSelection; count: number } | null>(null);
  const pageRows = list.data?.rows ?? [];
  const pageSelected = pageRows.length > 0 && pageRows.every((row) => allMatching || selected.has(row.id));
  const selectedCount = allMatching ? total : selected.size;
  const clearSelection = () => {
    setSelected(new Set());
    setAllMatching(false);
  };
  const toggle = (id: string) => {
    if (allMatching) {
      // Leaving "all matching": keep this page's rows but the one unticked.
      setAllMatching(false);
      setSelected(new Set(pageRows.map((row) => row.id).filter((rowId) => rowId !== id)));
      return;
    }
    setSelected((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  };
  const togglePage = () => {
    if (pageSelected) {
      if (allMatching) clearSelection();
      else
        setSelected((current) => {
          const next = new Set(current);
          for (const row of pageRows) next.delete(row.id);
          return next;
        });
    } else
      setSelected((current) => {
        const next = new Set(current);
        for (const row of pageRows) next.add(row.id);
        return next;
      });
  };
  const openBulk = (action: BulkAction) =>
    setBulk({
      action,
      count: selectedCount,
      selection: allMatching
        ? { mode: "query", ...(debounced ? { search: debounced } : {}) }
        : { mode: "ids", listingIds: [...selected] },
    });

  return (
    <div className="grid gap-6">
      <Button asChild variant="ghost" size="sm" className="w-fit">
        <Link href="/channels">
          <ArrowLeftIcon aria-hidden />
          Channels
        </Link>
      </Button>
      <PageHeader
        title="Unmatched listings"
        description={
          connection
            ? `${platformLabels[connection.platform]} · ${connection.name}: imported listings whose SKU matched no master variant.`
            : "Imported listings whose SKU matched no master variant."
        }
      />
      <Card>
        <CardContent className="grid gap-4 pt-6">
          <div className="flex flex-wrap items-center justify-between gap-3">
            <div className="relative w-full max-w-sm">
              <SearchIcon className="absolute top-2.5 left-2.5 size-4 text-muted-foreground" aria-hidden />
              <Input
                className="pl-8"
                aria-label="Search unmatched listings"
                placeholder="Search by SKU, title or product id"
                value={search}
                onChange={(event) => {
                  setSearch(event.target.value);
                  setOffset(0);
                  clearSelection();
                }}
              />
            </div>
            <p className="text-sm text-muted-foreground" aria-live="polite">
              {list.data ? `${total} unmatched` : "Loading…"}
            </p>
          </div>
          {canLink && selectedCount > 0 ? (
            <div
              className="flex flex-wrap items-center gap-2 rounded-md border bg-muted/40 px-3 py-2 text-sm"
              role="toolbar"
              aria-label="Bulk actions"
            >
              <span className="font-medium" data-testid="unmatched-selected">
                {allMatching
                  ? `All ${total.toLocaleString("en")} matching selected`
                  : `${selected.size.toLocaleString("en")} selected`}
              </span>
              {!allMatching && pageSelected && total > pageRows.length ? (
                <Button variant="link" size="sm" className="h-auto px-1" onClick={() => setAllMatching(true)}>
                  Select all {total.toLocaleString("en")} matching
                </Button>
              ) : null}
              <Button variant="ghost" size="sm" onClick={clearSelection}>
                Clear
              </Button>
              <div className="ml-auto flex flex-wrap gap-2">
                <Button size="sm" onClick={() => openBulk("link")}>
                  <WandSparklesIcon aria-hidden />
                  Link by SKU suggestions…
                </Button>
                {canCreate ? (
                  <Button size="sm" variant="outline" onClick={() => openBulk("create")}>
                    <PackagePlusIcon aria-hidden />
                    Create products…
                  </Button>
                ) : null}
              </div>
            </div>
          ) : null}
          {list.isError ? (
            <ErrorState
              title="Could not load unmatched listings"
              error={list.error}
              onRetry={() => void list.refetch()}
            />
          ) : !list.data ? (
            <div className="grid gap-2" aria-busy="true">
              {Array.from({ length: 4 }, (_, i) => (
                <Skeleton key={i} className="h-10 w-full" />
              ))}
            </div>
          ) : list.data.rows.length === 0 ? (
            <EmptyState
              icon={CheckCircle2Icon}
              title={debounced ? "Nothing matches this search" : "Every listing is linked"}
              description={
                debounced
                  ? "Try another SKU or title."
                  : "Import the shop again after adding products to find new ones."
              }
            />
          ) : (
            <Table>
              <TableHeader>
                <TableRow>
                  {canLink ? (
                    <TableHead className="w-8">
                      <input
                        type="checkbox"
                        className="size-4 align-middle"
                        aria-label="Select all listings on this page"
                        checked={pageSelected}
                        onChange={togglePage}
                      />
                    </TableHead>
                  ) : null}
                  <TableHead>Channel product</TableHead>
                  <TableHead>SKU</TableHead>
                  <TableHead className="hidden md:table-cell">Options</TableHead>
                  <TableHead className="text-right">Price</TableHead>
                  <TableHead className="text-right">Stock</TableHead>
                  <TableHead className="hidden lg:table-cell">Status</TableHead>
                  {canLink ? <TableHead className="text-right">Actions</TableHead> : null}
                </TableRow>
              </TableHeader>
              <TableBody>
                {list.data.rows.map((row) => (
                  <TableRow
                    key={row.id}
                    data-testid={`unmatched-${row.externalSku ?? row.id}`}
                    data-state={allMatching || selected.has(row.id) ? "selected" : undefined}
                  >
                    {canLink ? (
                      <TableCell>
                        <input
                          type="checkbox"
                          className="size-4 align-middle"
                          aria-label={`Select ${row.externalSku ?? row.externalTitle ?? "listing"}`}
                          checked={allMatching || selected.has(row.id)}
                          onChange={() => toggle(row.id)}
                        />
                      </TableCell>
                    ) : null}
                    <TableCell>
                      <p className="font-medium">{row.externalTitle}</p>
                      <p className="font-mono text-xs text-muted-foreground">
                        {row.externalProductId} / {row.externalVariantId}
                      </p>
                    </TableCell>
                    <TableCell className="font-mono text-sm">{row.externalSku ?? "—"}</TableCell>
                    <TableCell className="hidden text-xs text-muted-foreground md:table-cell">
                      {optionsText(row.channelState?.options) || "—"}
                    </TableCell>
                    <TableCell className="text-right tabular-nums">
                      {row.channelState?.price != null ? formatMoney(row.channelState.price, row.channelCurrency) : "—"}
                    </TableCell>
                    <TableCell className="text-right tabular-nums">{row.channelState?.stock ?? "—"}</TableCell>
                    <TableCell className="hidden lg:table-cell">
                      <Badge variant="outline">{row.channelStatus ?? "Unknown"}</Badge>
                    </TableCell>
                    {canLink ? (
                      <TableCell className="text-right">
                        <div className="flex justify-end gap-1">
                          <Button
                            size="sm"
                            variant="outline"
                            aria-label={`Link ${row.externalSku ?? row.externalTitle ?? "listing"}`}
                            onClick={() => setLinking(row)}
                          >
                            <LinkIcon aria-hidden />
                            Link…
                          </Button>
                          {canCreate ? (
                            <Button
                              size="sm"
                              variant="ghost"
                              aria-label={`Create a product from ${row.externalSku ?? row.externalTitle ?? "listing"}`}
                              onClick={() => setCreating(row)}
                            >
                              <PackagePlusIcon aria-hidden />
                              Create product…
                            </Button>
                          ) : null}
                        </div>
                      </TableCell>
                    ) : null}
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          )}
          {total > PAGE ? (
            <div className="flex items-center justify-end gap-2 text-sm">
              <span className="text-muted-foreground">
                {offset + 1}–{Math.min(offset + PAGE, total)} of {total}
              </span>
              <Button size="sm" variant="outline" disabled={offset === 0} onClick={() => setOffset(offset - PAGE)}>
                Previous
              </Button>
              <Button
                size="sm"
                variant="outline"
                disabled={offset + PAGE >= total}
                onClick={() => setOffset(offset + PAGE)}
              >
                Next
              </Button>
            </div>
          ) : null}
        </CardContent>
      </Card>
      <LinkListingDialog listing={linking} onOpenChange={(open) => !open && setLinking(null)} />
      <CreateProductDialog listing={creating} onOpenChange={(open) => !open && setCreating(null)} />
      <BulkUnmatchedDialog
        connectionId={connectionId}
        action={bulk?.action ?? null}
        selection={bulk?.selection ?? null}
        count={bulk?.count ?? 0}
        onOpenChange={(open) => !open && setBulk(null)}
        onFinished={() => {
          clearSelection();
          void Promise.all([
            utils.channels.listings.listUnmatched.invalidate(),
            utils.channels.list.invalidate(),
            utils.catalog.listVariants.invalidate(),
          ]);
        }}
      />
    </div>
  );
}
