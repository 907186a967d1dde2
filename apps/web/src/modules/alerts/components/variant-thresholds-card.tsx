"use client";

import { lowStockThresholdSchema } from "@syncstore/domain";
import Link from "next/link";
import { useState } from "react";
import { toast } from "sonner";
import { ErrorState } from "@/components/common/error-state";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import { Skeleton } from "@/components/ui/skeleton";
import { getErrorDetails } from "@/lib/errors";
import { trpc } from "@/lib/trpc/react";
import { toastError } from "@/lib/toast-error";
import { useCan } from "@/lib/use-me";

/**
 * The product page's low-stock thresholds: per saved variant, its own threshold or the
 * organization default (Settings → Inventory). Saved on its own, apart from the product form.
 */
export function VariantThresholdsCard({ productId }: { productId: string }) {
  const canWrite = useCan("inventory:write");
  const thresholds = trpc.alerts.variantThresholds.useQuery({ productId });
  if (thresholds.isError)
    return (
      <ErrorState
        title="Could not load the low-stock thresholds"
        error={thresholds.error}
        onRetry={() => void thresholds.refetch()}
      />
    );
  if (!thresholds.data) return <Skeleton className="h-32 w-full" aria-hidden />;
  const { defaultThreshold, variants } = thresholds.data;
  return (
    <Card>
      <CardHeader>
        <CardTitle>Low-stock alerts</CardTitle>
        <CardDescription>
          An alert is raised once when available stock falls to the threshold or below. Empty uses the
          organization&apos;s default of {defaultThreshold} (
          <Link href="/settings/inventory" className="underline">
            Settings → Inventory
          </Link>
          ).
        </CardDescription>
      </CardHeader>
      <CardContent>
        <table className="w-full max-w-xl text-sm" aria-label="Low-stock thresholds">
          <thead className="text-left text-xs text-muted-foreground">
            <tr>
              <th className="py-1 font-medium">SKU</th>
              <th className="py-1 font-medium">Available</th>
              <th className="py-1 font-medium">Alert at or below</th>
            </tr>
          </thead>
          <tbody>
            {variants.map((variant) => (
              <tr key={variant.variantId} className="border-t">
                <td className="py-1.5 pr-2 font-mono text-xs">{variant.sku}</td>
                <td className="py-1.5 pr-2 tabular-nums">{variant.available ?? "—"}</td>
                <td className="py-1">
                  <ThresholdInput
                    variantId={variant.variantId}
                    sku={variant.sku}
                    productId={productId}
                    value={variant.threshold}
                    placeholder={`Default (${defaultThreshold})`}
                    disabled={!canWrite}
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </CardContent>
    </Card>
  );
}

function ThresholdInput({
  variantId,
  sku,
  productId,
  value,
  placeholder,
  disabled,
}: {
  variantId: string;
  sku: string;
  productId: string;
  value: number | null;
  placeholder: string;
  disabled: boolean;
}) {
  const utils = trpc.useUtils();
  const [text, setText] = useState(value === null ? "" : String(value));
  const [error, setError] = useState<string | null>(null);
  const save = trpc.alerts.setVariantThreshold.useMutation({
    onSuccess: async (saved) => {
      toast.success(
        saved.threshold === null ? `${sku} uses the default threshold` : `${sku} alerts at ${saved.threshold} or below`,
      );
      await Promise.all([
        utils.alerts.variantThresholds.invalidate({ productId }),
        utils.alerts.unreadCount.invalidate(),
      ]);
    },
    onError: (err) => {
      const message = getErrorDetails(err).fieldErrors.threshold?.[0];
      if (message) setError(message);
      else toastError(err);
    },
  });
  const commit = () => {
    const trimmed = text.trim();
    const next = trimmed === "" ? null : Number(trimmed);
    if (next === value) return;
    if (next !== null) {
      const parsed = lowStockThresholdSchema.safeParse(next);
      if (!parsed.success) {
        setError(parsed.error.issues[0]?.message ?? "Enter a whole number of units");
        return;
      }
    }
    setError(null);
    save.mutate({ variantId, threshold: next });
  };
  const id = `threshold-${variantId}`;
  return (
    <div className="grid gap-1">
      <Input
        id={id}
        aria-label={`Low-stock threshold of ${sku}`}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        inputMode="numeric"
        className="h-8 w-36"
        placeholder={placeholder}
        value={text}
        disabled={disabled || save.isPending}
        onChange={(event) => setText(event.target.value)}
        onBlur={commit}
        onKeyDown={(event) => {
          if (event.key === "Enter") {
            event.preventDefault();
            commit();
          }
        }}
      />
      {error ? (
        <p id={`${id}-error`} className="text-xs text-destructive">
          {error}
        </p>
      ) : null}
    </div>
  );
}
