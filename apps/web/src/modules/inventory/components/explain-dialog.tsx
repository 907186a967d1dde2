"use client";

import Link from "next/link";
import { ErrorState } from "@/components/common/error-state";
import { Badge } from "@/components/ui/badge";
import { Dialog, DialogContent, DialogDescription, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { Skeleton } from "@/components/ui/skeleton";
import { trpc } from "@/lib/trpc/react";
import { formatQuantity } from "../utils/format-quantity";
import type { StockRow, StockShop } from "../utils/stock-types";

const levelLabels = {
  listing: "the listing rule (this listing's own stock rule, set on the product page)",
  connection: "the shop's default stock rule (Settings → Channels)",
  organization: "the organization's default stock rule",
  none: "no rule: the shop is offered everything available",
} as const;

export type ExplainTarget = { row: StockRow; shop: StockShop };

/** Why a shop is offered the number it is: the terms of the allocation and the rule that decided. */
export function ExplainDialog({ target, onClose }: { target: ExplainTarget | null; onClose: () => void }) {
  return (
    <Dialog open={target !== null} onOpenChange={(open) => (open ? undefined : onClose())}>
      <DialogContent className="sm:max-w-lg">{target ? <Explanation target={target} /> : null}</DialogContent>
    </Dialog>
  );
}

function Explanation({ target }: { target: ExplainTarget }) {
  const explained = trpc.inventory.explain.useQuery({ variantId: target.row.variantId, connectionId: target.shop.id });
  return (
    <div className="grid gap-4">
      <DialogHeader>
        <DialogTitle>
          {target.row.sku} on {target.shop.name}
        </DialogTitle>
        <DialogDescription>How the number pushed to this shop is computed.</DialogDescription>
      </DialogHeader>
      {explained.isError ? (
        <ErrorState
          title="Could not explain this number"
          error={explained.error}
          onRetry={() => void explained.refetch()}
        />
      ) : !explained.data ? (
        <Skeleton className="h-40" aria-label="Loading the explanation" />
      ) : (
        <>
          <dl className="grid grid-cols-4 gap-2 text-sm">
            {(
              [
                ["On hand", explained.data.buckets.onHand],
                ["Committed", explained.data.buckets.committed],
                ["Promo reserved", explained.data.buckets.promotionReserved],
                ["Unavailable", explained.data.buckets.unavailable],
              ] as const
            ).map(([label, value]) => (
              <div key={label} className="rounded-md border p-2">
                <dt className="text-xs text-muted-foreground">{label}</dt>
                <dd className="font-semibold tabular-nums">{formatQuantity(value)}</dd>
              </div>
            ))}
          </dl>
          <ol className="grid list-decimal gap-1 pl-5 text-sm" aria-label="Terms">
            {explained.data.terms.map((term) => (
              <li key={term}>{term}</li>
            ))}
          </ol>
          <div className="grid gap-1 rounded-md bg-muted/50 p-3 text-sm">
            <p>
              Pushed to the shop:{" "}
              <span className="text-base font-semibold tabular-nums" data-testid="explain-pushed">
                {formatQuantity(explained.data.pushed)}
              </span>
              {explained.data.stopped ? (
                <Badge variant="destructive" className="ml-2">
                  Stopped selling
                </Badge>
              ) : null}
            </p>
            <p>
              Decided by <span className="font-medium">{levelLabels[explained.data.decidedBy]}</span>.
            </p>
            <p className="text-muted-foreground">
              Last pushed {formatQuantity(explained.data.lastPushed)}, the shop last reported{" "}
              {formatQuantity(explained.data.reported)}.
            </p>
          </div>
          <p className="text-xs text-muted-foreground">
            Change the listing rule on the{" "}
            <Link className="underline underline-offset-2" href={`/products/${target.row.productId}`}>
              product page
            </Link>
            , or the shop&apos;s default rule in{" "}
            <Link className="underline underline-offset-2" href="/settings/channels">
              Settings → Channels
            </Link>
            .
          </p>
        </>
      )}
    </div>
  );
}
