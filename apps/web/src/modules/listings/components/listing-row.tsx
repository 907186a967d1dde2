"use client";

import { formatListingPriceRule } from "@syncstore/domain";
import { PencilIcon, SlidersHorizontalIcon } from "lucide-react";
import { toast } from "sonner";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { TableCell, TableRow } from "@/components/ui/table";
import { trpc } from "@/lib/trpc/react";
import { toastError } from "@/lib/toast-error";
import type { RouterOutputs } from "@/lib/trpc/types";
import { formatMoney } from "@/modules/catalog/utils/format-money";
import { listingStatusLabel, listingStockRuleSummary, optionsText, overridesSummary } from "../utils/listing-display";
import type { OverridesTarget } from "./listing-overrides-dialog";
import type { StockRuleTarget } from "./listing-stock-rule-dialog";

type Data = RouterOutputs["channels"]["listings"]["forProduct"];
type Listing = Data["listings"][number];

/** One variant on one shop in the product page's channel section: status, channel values, rules, actions. */
export function ListingRow({
  variant,
  listing,
  currency,
  shopName,
  shopNameOf,
  canEdit,
  canEditStock,
  onEdit,
  onEditStockRule,
}: {
  variant: Data["variants"][number];
  listing: Listing | null;
  currency: string;
  shopName: string;
  shopNameOf: (connectionId: string) => string;
  canEdit: boolean;
  canEditStock: boolean;
  onEdit: (target: OverridesTarget) => void;
  onEditStockRule: (target: StockRuleTarget) => void;
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
  const stockRule = listing ? listingStockRuleSummary(listing, shopNameOf) : null;
  return (
    <TableRow data-testid={`listing-row-${variant.sku}`}>
      <TableCell>
        <p className="font-medium whitespace-nowrap">{variant.sku}</p>
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
      <TableCell className="hidden font-mono text-xs text-muted-foreground min-[1360px]:table-cell">
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
          <NotOnShop />
        )}
      </TableCell>
      <TableCell className="text-right tabular-nums" data-testid="listing-stock">
        {listing ? (listing.channelStock ?? variant.available) : <NotOnShop />}
      </TableCell>
      <TableCell className="min-w-44 text-xs whitespace-normal">
        {listing && stockRule ? (
          <div className="flex items-center justify-between gap-1">
            <span className={stockRule.own ? "font-medium" : "text-muted-foreground"} data-testid="listing-stock-rule">
              {stockRule.text}
            </span>
            {canEditStock ? (
              <Button
                size="icon-sm"
                variant="ghost"
                className="shrink-0"
                title="Edit this listing's stock rule"
                aria-label={`Stock rule of ${variant.sku} on ${shopName}`}
                onClick={() =>
                  onEditStockRule({
                    listingId: listing.id,
                    sku: variant.sku,
                    shopName,
                    stockRule: listing.stockRule,
                    inheritedStockRule: listing.inheritedStockRule,
                  })
                }
              >
                <SlidersHorizontalIcon aria-hidden />
              </Button>
            ) : null}
          </div>
        ) : (
          "—"
        )}
      </TableCell>
      <TableCell className="hidden text-xs text-muted-foreground md:table-cell" data-testid="listing-overrides">
        {listing ? overridesSummary(listing, currency) : "—"}
      </TableCell>
      {canEdit ? (
        <TableCell className="text-right">
          {listing ? (
            <div className="flex justify-end gap-1">
              {canEdit ? (
                <>
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
                        enabled: !listing.enabled,
                      })
                    }
                  >
                    {listing.enabled ? "Disable" : "Enable"}
                  </Button>
                </>
              ) : null}
            </div>
          ) : null}
        </TableCell>
      ) : null}
    </TableRow>
  );
}

/** A variant this shop does not list yet has no price or stock there; master's would be in master's currency. */
function NotOnShop() {
  return (
    <span
      className="text-muted-foreground"
      title="Not on this shop yet: it gets a price in the shop's currency and a stock by its rules when published"
    >
      —
    </span>
  );
}
