"use client";

import { toast } from "sonner";
import { Dialog, DialogContent, DialogDescription, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { trpc } from "@/lib/trpc/react";
import { StockRuleEditor } from "@/modules/inventory/components/stock-rule-editor";
import type { StockRuleValue } from "@/modules/inventory/utils/stock-rule-form";
import { listingStockRuleSummary } from "../utils/listing-display";

export interface StockRuleTarget {
  listingId: string;
  sku: string;
  shopName: string;
  stockRule: StockRuleValue | null;
  inheritedStockRule: { level: "connection" | "organization" | "none"; rule: StockRuleValue | null };
}

/**
 * Edits one listing's own stock rule with the same editor as Settings → Channels. Empty: the shop's
 * rule (or the organization default) applies; saving queues a stock push for the listing.
 */
export function ListingStockRuleDialog({
  target,
  shops,
  onOpenChange,
}: {
  target: StockRuleTarget | null;
  shops: readonly { connectionId: string; name: string }[];
  onOpenChange: (open: boolean) => void;
}) {
  const utils = trpc.useUtils();
  const save = trpc.inventory.setListingRule.useMutation();
  const shopName = (id: string) => shops.find((shop) => shop.connectionId === id)?.name ?? "another shop";
  const handleSave = async (rule: StockRuleValue) => {
    if (!target) return;
    const saved = await save.mutateAsync({ listingId: target.listingId, rule });
    toast.success(
      saved.rule
        ? `Stock rule saved for ${target.sku} on ${target.shopName}; a stock push is queued`
        : `${target.sku} on ${target.shopName} follows the shop's rule again; a stock push is queued`,
    );
    await Promise.all([utils.channels.listings.forProduct.invalidate(), utils.inventory.explain.invalidate()]);
  };
  const inherited = target
    ? listingStockRuleSummary({ stockRule: null, inheritedStockRule: target.inheritedStockRule }, shopName).text
    : "";
  return (
    <Dialog open={target !== null} onOpenChange={onOpenChange}>
      <DialogContent className="sm:max-w-xl">
        {target ? (
          <div className="grid gap-4">
            <DialogHeader>
              <DialogTitle>
                Stock rule of {target.sku} on {target.shopName}
              </DialogTitle>
              <DialogDescription>
                This listing&apos;s own rule wins over the shop&apos;s rule and the organization default. Leave every
                field empty to follow them. Without a rule of its own: {inherited.replace(/^Inherits/, "it inherits")}.
              </DialogDescription>
            </DialogHeader>
            <StockRuleEditor
              key={target.listingId}
              idPrefix="listing-rule"
              rule={target.stockRule}
              shops={shops}
              onSave={handleSave}
              onDone={() => onOpenChange(false)}
              removeLabel="Remove listing rule"
              compact
            />
          </div>
        ) : null}
      </DialogContent>
    </Dialog>
  );
}
