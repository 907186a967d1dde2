"use client";

import { LinkIcon, Loader2Icon, SearchIcon } from "lucide-react";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { Input } from "@/components/ui/input";
import { Skeleton } from "@/components/ui/skeleton";
import { formatErrorForToast } from "@/lib/errors";
import { trpc } from "@/lib/trpc/react";
import { useDebouncedValue } from "@/modules/catalog/hooks/use-debounced-value";
import { useLinkLine } from "../hooks/use-order-actions";
import type { OrderDetail } from "../utils/order-display";

type Line = OrderDetail["lines"][number];

/** Finds a master variant by SKU or title and links the unmatched line (its stock moves at once). */
export function LinkLineDialog({
  line,
  connectionId,
  onOpenChange,
}: {
  line: Line | null;
  connectionId: string;
  onOpenChange: (open: boolean) => void;
}) {
  return (
    <Dialog open={line !== null} onOpenChange={onOpenChange}>
      <DialogContent className="sm:max-w-xl">
        {line ? (
          <LinkForm key={line.id} line={line} connectionId={connectionId} onDone={() => onOpenChange(false)} />
        ) : null}
      </DialogContent>
    </Dialog>
  );
}

function LinkForm({ line, connectionId, onDone }: { line: Line; connectionId: string; onDone: () => void }) {
  const [query, setQuery] = useState(line.sku ?? "");
  const debounced = useDebouncedValue(query.trim(), 250);
  const candidates = trpc.channels.listings.searchVariants.useQuery(
    { connectionId, query: debounced },
    { enabled: debounced.length > 0 },
  );
  const link = useLinkLine(onDone);
  return (
    <div className="grid gap-4">
      <DialogHeader>
        <DialogTitle>Link {line.sku ?? "this line"} to a product</DialogTitle>
        <DialogDescription>
          Marketplace item {line.externalProductId ?? "—"}
          {line.externalVariantId ? ` / ${line.externalVariantId}` : ""}. Linking applies this line&apos;s stock effect
          now, with every other unmatched line of the same item from this shop.
        </DialogDescription>
      </DialogHeader>
      <div className="relative">
        <SearchIcon className="absolute top-2.5 left-2.5 size-4 text-muted-foreground" aria-hidden />
        <Input
          className="pl-8"
          aria-label="Search master variants by SKU or title"
          placeholder="SKU or product title"
          value={query}
          onChange={(event) => setQuery(event.target.value)}
        />
      </div>
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
                  <p className="truncate text-xs text-muted-foreground">{candidate.productTitle}</p>
                </div>
                <Button
                  size="sm"
                  disabled={link.isPending}
                  aria-label={`Link to ${candidate.sku}`}
                  onClick={() => link.mutate({ lineId: line.id, variantId: candidate.variantId })}
                >
                  {link.isPending ? <Loader2Icon className="animate-spin" aria-hidden /> : <LinkIcon aria-hidden />}
                  Link
                </Button>
              </li>
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}
