"use client";

import { formatListingPriceRule } from "@syncstore/domain";
import { PencilIcon, StoreIcon, UploadIcon } from "lucide-react";
import Link from "next/link";
import { useState } from "react";
import { toast } from "sonner";
import { EmptyState } from "@/components/common/empty-state";
import { ErrorState } from "@/components/common/error-state";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Skeleton } from "@/components/ui/skeleton";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { getErrorDetails } from "@/lib/errors";
import { trpc } from "@/lib/trpc/react";
import type { RouterOutputs } from "@/lib/trpc/types";
import { formatMoney } from "@/modules/catalog/utils/format-money";
import { platformLabels } from "@/modules/channels/utils/connection-display";
import { useCan } from "@/lib/use-me";
import { useProductListings } from "../hooks/use-product-listings";
import { isDeletedOnChannel, listingStatusLabel, optionsText, overridesSummary } from "../utils/listing-display";
import { ListingOverridesDialog, type OverridesTarget } from "./listing-overrides-dialog";
import { PublishDialog, type PublishTarget } from "./publish-dialog";
import { toastError } from "@/lib/toast-error";

type Data = RouterOutputs["channels"]["listings"]["forProduct"];
type Listing = Data["listings"][number];

/** The product page's "Channels": one block per connected shop, one row per variant. */
export function ProductChannelsSection({ productId }: { productId: string }) {
  const query = useProductListings(productId);
  const canEdit = useCan("catalog:write");
  const canPublish = useCan("channel:write");
  const [editing, setEditing] = useState<OverridesTarget | null>(null);
  const [publishing, setPublishing] = useState<PublishTarget | null>(null);
  const data = query.data;
  // A missing product is reported by the editor above; nothing to add here.
  if (query.isError && ["NOT_FOUND", "BAD_REQUEST"].includes(getErrorDetails(query.error).code ?? "")) return null;

  return (
    <Card data-testid="product-channels">
      <CardHeader>
        <CardTitle>Channels</CardTitle>
        <CardDescription>
          What each connected shop shows for this product: channel price and stock after its rules, and sync state.
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
              onEdit={setEditing}
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
  onEdit,
  onPublish,
}: {
  data: Data;
  connection: Data["connections"][number];
  canEdit: boolean;
  canPublish: boolean;
  onEdit: (target: OverridesTarget) => void;
  onPublish: (target: PublishTarget) => void;
}) {
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
              <TableHead className="hidden lg:table-cell">External ids</TableHead>
              <TableHead className="text-right">Channel price</TableHead>
              <TableHead className="text-right">Channel stock</TableHead>
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
                canEdit={canEdit}
                onEdit={onEdit}
              />
            ))}
          </TableBody>
        </Table>
      </div>
    </section>
  );
}

function ListingRow({
  variant,
  listing,
  currency,
  shopName,
  canEdit,
  onEdit,
}: {
  variant: Data["variants"][number];
  listing: Listing | null;
  currency: string;
  shopName: string;
  canEdit: boolean;
  onEdit: (target: OverridesTarget) => void;
}) {
  const utils = trpc.useUtils();
  const toggle = trpc.channels.listings.update.useMutation({
    onSuccess: async (saved) => {
      toast.success(`${variant.sku} ${saved.enabled ? "enabled" : "disabled"} on ${shopName}`);
      await utils.channels.listings.forProduct.invalidate();
    },
    onError: (error) => toastError(error),
  });
  const status = listing ? listingStatusLabel(listing) : { label: "Not listed", variant: "outline" as const };
  return (
    <TableRow data-testid={`listing-row-${variant.sku}`}>
      <TableCell>
        <p className="font-medium">{variant.sku}</p>
        <p className="text-xs text-muted-foreground">{optionsText(variant.options)}</p>
      </TableCell>
      <TableCell>
        <Badge variant={status.variant} title={listing?.lastError ?? undefined} data-testid="listing-status">
          {status.label}
        </Badge>
        {listing?.lastError ? (
          <p className="mt-1 max-w-64 text-xs text-destructive" data-testid="listing-error">
            {listing.lastError}
          </p>
        ) : null}
      </TableCell>
      <TableCell className="hidden font-mono text-xs text-muted-foreground lg:table-cell">
        {listing?.externalProductId ? `${listing.externalProductId} / ${listing.externalVariantId ?? "—"}` : "—"}
      </TableCell>
      <TableCell className="text-right tabular-nums" data-testid="listing-price">
        {listing?.channelPrice != null ? (
          formatMoney(listing.channelPrice, listing.channelCurrency)
        ) : listing?.priceHold ? (
          <span
            className="text-amber-700 dark:text-amber-400"
            title={listing.priceHold}
            data-testid="listing-price-hold"
          >
            Held: no {listing.channelCurrency} rate
          </span>
        ) : listing ? (
          "Invalid rule"
        ) : (
          formatMoney(variant.price, currency)
        )}
      </TableCell>
      <TableCell className="text-right tabular-nums" data-testid="listing-stock">
        {listing?.channelStock ?? variant.available}
      </TableCell>
      <TableCell className="hidden text-xs text-muted-foreground md:table-cell" data-testid="listing-overrides">
        {listing ? overridesSummary(listing, currency) : "—"}
      </TableCell>
      {canEdit ? (
        <TableCell className="text-right">
          {listing ? (
            <div className="flex justify-end gap-1">
              <Button
                size="sm"
                variant="ghost"
                aria-label={`Edit overrides of ${variant.sku} on ${shopName}`}
                onClick={() =>
                  onEdit({
                    id: listing.id,
                    sku: variant.sku,
                    shopName,
                    masterPrice: variant.price,
                    titleOverride: listing.titleOverride,
                    descriptionOverride: listing.descriptionOverride,
                    priceRule: listing.priceRule,
                    stockBuffer: listing.stockBuffer,
                    stockCap: listing.stockCap,
                    enabled: listing.enabled,
                  })
                }
              >
                <PencilIcon aria-hidden />
                Edit
              </Button>
              <Button
                size="sm"
                variant="ghost"
                disabled={toggle.isPending}
                onClick={() =>
                  toggle.mutate({
                    listingId: listing.id,
                    titleOverride: listing.titleOverride,
                    descriptionOverride: listing.descriptionOverride,
                    priceRule: formatListingPriceRule(listing.priceRule, currency),
                    stockBuffer: listing.stockBuffer,
                    stockCap: listing.stockCap,
                    enabled: !listing.enabled,
                  })
                }
              >
                {listing.enabled ? "Disable" : "Enable"}
              </Button>
            </div>
          ) : null}
        </TableCell>
      ) : null}
    </TableRow>
  );
}
