"use client";

import { LinkIcon, SearchIcon } from "lucide-react";
import { useState } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { Input } from "@/components/ui/input";
import { Skeleton } from "@/components/ui/skeleton";
import { formatErrorForToast, getErrorDetails } from "@/lib/errors";
import { trpc } from "@/lib/trpc/react";
import type { RouterOutputs } from "@/lib/trpc/types";
import { useDebouncedValue } from "@/modules/catalog/hooks/use-debounced-value";
import { LinkChoice } from "@/modules/conflicts/components/link-choice";
import { optionsText } from "../utils/listing-display";

type Listing = RouterOutputs["channels"]["listings"]["listUnmatched"]["rows"][number];

/** Finds a master variant by SKU or title and links the listing to it. */
export function LinkListingDialog({
  listing,
  onOpenChange,
}: {
  listing: Listing | null;
  onOpenChange: (open: boolean) => void;
}) {
  return (
    <Dialog open={listing !== null} onOpenChange={onOpenChange}>
      <DialogContent className="sm:max-w-xl">
        {listing ? <LinkForm key={listing.id} listing={listing} onDone={() => onOpenChange(false)} /> : null}
      </DialogContent>
    </Dialog>
  );
}

function LinkForm({ listing, onDone }: { listing: Listing; onDone: () => void }) {
  const utils = trpc.useUtils();
  const [query, setQuery] = useState(listing.externalSku ?? listing.externalTitle ?? "");
  const debounced = useDebouncedValue(query.trim(), 250);
  const [error, setError] = useState<string | null>(null);
  const [chosen, setChosen] = useState<{ variantId: string; sku: string } | null>(null);
  const candidates = trpc.channels.listings.searchVariants.useQuery(
    { connectionId: listing.connectionId, query: debounced },
    { enabled: debounced.length > 0 },
  );
  const link = trpc.channels.listings.link.useMutation({
    onSuccess: async (saved) => {
      toast.success(`Linked ${listing.externalSku ?? listing.externalTitle ?? "the listing"}`, {
        description: saved.syncState === "pending" ? "The master values are being pushed to the shop." : undefined,
      });
      await Promise.all([utils.channels.listings.listUnmatched.invalidate(), utils.channels.list.invalidate()]);
      onDone();
    },
    onError: (err) => {
      const details = getErrorDetails(err);
      setError(details.fieldErrors.variantId?.[0] ?? null);
      if (!details.fieldErrors.variantId) toast.error(formatErrorForToast(err));
    },
  });

  return (
    <div className="grid gap-4">
      <DialogHeader>
        <DialogTitle>Link {listing.externalSku ?? "listing"} to a master variant</DialogTitle>
        <DialogDescription>
          {listing.externalTitle} · channel product {listing.externalProductId}. Once linked, SyncStore keeps this
          listing in step with the master variant.
        </DialogDescription>
      </DialogHeader>
      <div className="relative">
        <SearchIcon className="absolute top-2.5 left-2.5 size-4 text-muted-foreground" aria-hidden />
        <Input
          className="pl-8"
          aria-label="Search master variants by SKU or title"
          placeholder="SKU or product title"
          value={query}
          onChange={(event) => {
            setQuery(event.target.value);
            setError(null);
          }}
        />
      </div>
      {chosen ? (
        <div className="grid gap-2">
          <p className="text-sm">
            Link to <span className="font-medium">{chosen.sku}</span>: choose per field group.
          </p>
          <LinkChoice
            listingId={listing.id}
            variantId={chosen.variantId}
            pending={link.isPending}
            onBack={() => setChosen(null)}
            onConfirm={(take) => link.mutate({ listingId: listing.id, variantId: chosen.variantId, take })}
          />
        </div>
      ) : null}
      {error ? (
        <p role="alert" className="text-sm text-destructive">
          {error}
        </p>
      ) : null}
      <div className="max-h-80 overflow-y-auto rounded-md border" aria-live="polite">
        {!debounced ? (
          <p className="p-4 text-sm text-muted-foreground">Type a SKU or a product title.</p>
        ) : candidates.isError ? (
          <p className="p-4 text-sm text-destructive">{formatErrorForToast(candidates.error)}</p>
        ) : !candidates.data ? (
          <div className="grid gap-2 p-3" aria-busy="true">
            <Skeleton className="h-8 w-full" />
            <Skeleton className="h-8 w-full" />
          </div>
        ) : candidates.data.length === 0 ? (
          <p className="p-4 text-sm text-muted-foreground">No master variant matches “{debounced}”.</p>
        ) : (
          <ul className="divide-y" aria-label="Master variants">
            {candidates.data.map((candidate) => (
              <li key={candidate.variantId} className="flex items-center justify-between gap-3 p-3">
                <div className="min-w-0">
                  <p className="truncate font-medium">{candidate.sku}</p>
                  <p className="truncate text-xs text-muted-foreground">
                    {candidate.productTitle}
                    {Object.keys(candidate.options).length ? ` · ${optionsText(candidate.options)}` : ""}
                  </p>
                </div>
                {candidate.linkedHere ? (
                  <span className="shrink-0 text-xs text-muted-foreground">Linked on this shop</span>
                ) : (
                  <Button
                    size="sm"
                    disabled={link.isPending}
                    aria-label={`Link to ${candidate.sku}`}
                    onClick={() => setChosen({ variantId: candidate.variantId, sku: candidate.sku })}
                  >
                    <LinkIcon aria-hidden />
                    Link
                  </Button>
                )}
              </li>
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}
