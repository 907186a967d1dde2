"use client";

import { StoreIcon, UploadIcon } from "lucide-react";
import Link from "next/link";
import { useState } from "react";
import { EmptyState } from "@/components/common/empty-state";
import { ErrorState } from "@/components/common/error-state";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Skeleton } from "@/components/ui/skeleton";
import { Table, TableBody, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { getErrorDetails } from "@/lib/errors";
import type { RouterOutputs } from "@/lib/trpc/types";
import { platformLabels } from "@/modules/channels/utils/connection-display";
import { useCan } from "@/lib/use-me";
import { useProductListings } from "../hooks/use-product-listings";
import { isDeletedOnChannel } from "../utils/listing-display";
import { ListingOverridesDialog, type OverridesTarget } from "./listing-overrides-dialog";
import { ListingRow } from "./listing-row";
import { ListingStockRuleDialog, type StockRuleTarget } from "./listing-stock-rule-dialog";
import { PublishDialog, type PublishTarget } from "./publish-dialog";

type Data = RouterOutputs["channels"]["listings"]["forProduct"];

/** The product page's "Channels": one block per connected shop, one row per variant. */
export function ProductChannelsSection({ productId }: { productId: string }) {
  const query = useProductListings(productId);
  const canEdit = useCan("catalog:write");
  const canPublish = useCan("channel:write");
  const canEditStock = useCan("inventory:write");
  const [editing, setEditing] = useState<OverridesTarget | null>(null);
  const [editingRule, setEditingRule] = useState<StockRuleTarget | null>(null);
  const [publishing, setPublishing] = useState<PublishTarget | null>(null);
  const data = query.data;
  // A missing product is reported by the editor above; nothing to add here.
  if (query.isError && ["NOT_FOUND", "BAD_REQUEST"].includes(getErrorDetails(query.error).code ?? "")) return null;

  return (
    <Card data-testid="product-channels">
      <CardHeader>
        <CardTitle>Channels</CardTitle>
        <CardDescription>
          What each connected shop shows for this product: channel price and stock after its rules, and sync state. A
          listing&apos;s own stock rule wins over its shop&apos;s rule and the organization default.
        </CardDescription>
      </CardHeader>
      <CardContent className="grid gap-6">
        {query.isError ? (
          <ErrorState title="Could not load the channels" error={query.error} onRetry={() => void query.refetch()} />
        ) : !data ? (
          <div className="grid gap-2" aria-busy="true" aria-label="Loading channels">
            <Skeleton className="h-10 w-full" />
            <Skeleton className="h-24 w-full" />
          </div>
        ) : data.connections.length === 0 ? (
          <EmptyState
            icon={StoreIcon}
            title="No shops connected"
            description="Connect a Shopee or TikTok Shop shop to list this product there."
            action={
              <Button asChild variant="outline" size="sm">
                <Link href="/channels">Go to Channels</Link>
              </Button>
            }
          />
        ) : (
          data.connections.map((connection) => (
            <ConnectionBlock
              key={connection.id}
              data={data}
              connection={connection}
              canEdit={canEdit}
              canPublish={canPublish}
              canEditStock={canEditStock}
              onEdit={setEditing}
              onEditStockRule={setEditingRule}
              onPublish={setPublishing}
            />
          ))
        )}
      </CardContent>
      <ListingOverridesDialog
        target={editing}
        currency={data?.currency ?? "USD"}
        onOpenChange={(open) => !open && setEditing(null)}
      />
      <ListingStockRuleDialog
        target={editingRule}
        shops={(data?.connections ?? []).map((connection) => ({ connectionId: connection.id, name: connection.name }))}
        onOpenChange={(open) => !open && setEditingRule(null)}
      />
      <PublishDialog
        productId={productId}
        connection={publishing}
        onOpenChange={(open) => !open && setPublishing(null)}
      />
    </Card>
  );
}

function ConnectionBlock({
  data,
  connection,
  canEdit,
  canPublish,
  canEditStock,
  onEdit,
  onEditStockRule,
  onPublish,
}: {
  data: Data;
  connection: Data["connections"][number];
  canEdit: boolean;
  canPublish: boolean;
  canEditStock: boolean;
  onEdit: (target: OverridesTarget) => void;
  onEditStockRule: (target: StockRuleTarget) => void;
  onPublish: (target: PublishTarget) => void;
}) {
  const shopName = (id: string) => data.connections.find((c) => c.id === id)?.name ?? "another shop";
  const listings = data.listings.filter((l) => l.connectionId === connection.id);
  const byVariant = new Map(listings.flatMap((l) => (l.variantId ? [[l.variantId, l] as const] : [])));
  // A product deleted on the channel may be published again.
  const onShop = listings.some((l) => l.externalProductId && !isDeletedOnChannel(l));
  const publishing = listings.some((l) => !l.externalProductId && l.syncState === "pending");
  // Variants added to the master after the product was published: the shop's product lacks them.
  const missing = onShop ? data.variants.filter((v) => !byVariant.get(v.id)?.externalProductId).length : 0;
  const usable = connection.status !== "disconnected" && connection.status !== "needs_reauth";
  const label = `${platformLabels[connection.platform]} · ${connection.name}`;
  return (
    <section aria-label={label} data-testid={`channel-block-${connection.id}`} className="grid gap-2">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <div>
          <h3 className="font-medium">{connection.name}</h3>
          <p className="text-xs text-muted-foreground">
            {platformLabels[connection.platform]}
            {connection.region ? ` · ${connection.region}` : ""}
            {usable ? "" : ` · ${connection.status === "disconnected" ? "disconnected" : "needs re-authorization"}`}
          </p>
        </div>
        {(!onShop || missing > 0) && canPublish && usable ? (
          <Button
            size="sm"
            variant="outline"
            disabled={publishing}
            onClick={() =>
              onPublish({
                id: connection.id,
                platform: connection.platform,
                name: connection.name,
                lastPublishOptions: connection.lastPublishOptions,
                adding: missing,
              })
            }
          >
            <UploadIcon aria-hidden />
            {publishing
              ? "Publishing…"
              : missing > 0
                ? `Add ${missing} ${missing === 1 ? "variant" : "variants"} to ${connection.name}`
                : `Publish to ${connection.name}`}
          </Button>
        ) : null}
      </div>
      <div className="overflow-x-auto rounded-md border">
        <Table>
          <TableHeader>
            <TableRow>
              <TableHead>Variant</TableHead>
              <TableHead>Status</TableHead>
              <TableHead className="hidden min-[1360px]:table-cell">External ids</TableHead>
              <TableHead className="text-right">Channel price</TableHead>
              <TableHead className="text-right">Channel stock</TableHead>
              <TableHead>Stock rule</TableHead>
              <TableHead className="hidden md:table-cell">Overrides</TableHead>
              {canEdit ? <TableHead className="text-right">Actions</TableHead> : null}
            </TableRow>
          </TableHeader>
          <TableBody>
            {data.variants.map((variant) => (
              <ListingRow
                key={variant.id}
                variant={variant}
                listing={byVariant.get(variant.id) ?? null}
                currency={data.currency}
                shopName={connection.name}
                shopNameOf={shopName}
                canEdit={canEdit}
                canEditStock={canEditStock}
                onEdit={onEdit}
                onEditStockRule={onEditStockRule}
              />
            ))}
          </TableBody>
        </Table>
      </div>
    </section>
  );
}
