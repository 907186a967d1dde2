"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { inventorySettingsSchema, type InventorySettingsInput } from "@syncstore/domain";
import { Loader2Icon } from "lucide-react";
import { useForm } from "react-hook-form";
import { toast } from "sonner";
import { ErrorState } from "@/components/common/error-state";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Field, fieldControlProps } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Skeleton } from "@/components/ui/skeleton";
import { getErrorDetails } from "@/lib/errors";
import { trpc } from "@/lib/trpc/react";
import { toastError } from "@/lib/toast-error";
import { useCan } from "@/lib/use-me";
import { SettingsSection } from "./settings-section";

/** Settings → Inventory: the low-stock default and whether returns are restocked by themselves. */
export function InventorySettings() {
  return (
    <SettingsSection slug="inventory">
      <InventorySettingsContent />
    </SettingsSection>
  );
}

function InventorySettingsContent() {
  const canWrite = useCan("settings:write");
  const settings = trpc.settings.inventory.useQuery();
  if (settings.isError)
    return (
      <ErrorState
        title="Could not load the inventory settings"
        error={settings.error}
        onRetry={() => void settings.refetch()}
      />
    );
  if (!settings.data) return <Skeleton className="h-64 w-full" aria-hidden />;
  return <InventorySettingsForm initial={settings.data} canWrite={canWrite} />;
}

const fields = ["lowStockThreshold", "autoRestockReturns"] as const;

function InventorySettingsForm({ initial, canWrite }: { initial: InventorySettingsInput; canWrite: boolean }) {
  const utils = trpc.useUtils();
  const form = useForm<InventorySettingsInput>({
    resolver: zodResolver(inventorySettingsSchema),
    defaultValues: initial,
  });
  const save = trpc.settings.updateInventory.useMutation({
    onSuccess: (data) => {
      form.reset(data);
      utils.settings.inventory.setData(undefined, data);
      void utils.alerts.variantThresholds.invalidate();
      toast.success("Inventory settings saved");
    },
    onError: (error) => {
      const { fieldErrors } = getErrorDetails(error);
      let placed = false;
      for (const field of fields) {
        const message = fieldErrors[field]?.[0];
        if (message) {
          form.setError(field, { message });
          placed = true;
        }
      }
      if (!placed) toastError(error);
    },
  });
  const { errors, isDirty } = form.formState;

  return (
    <Card>
      <CardHeader>
        <CardTitle>Stock</CardTitle>
        <CardDescription>
          {canWrite
            ? "When a variant counts as low on stock, and what happens to returned units."
            : "Only owners and admins can change these settings."}
        </CardDescription>
      </CardHeader>
      <CardContent>
        <form noValidate onSubmit={form.handleSubmit((values) => save.mutate(values))} className="grid gap-5">
          <fieldset disabled={!canWrite || save.isPending} className="grid gap-5">
            <Field
              id="inventory-low-stock"
              label="Low-stock threshold (units)"
              error={errors.lowStockThreshold?.message}
              description="A variant whose available stock falls to this number or below raises one alert, and again only after it was restocked above it. A variant can have its own threshold on its product page."
              className="max-w-sm"
            >
              <Input
                {...fieldControlProps("inventory-low-stock", errors.lowStockThreshold?.message, true)}
                type="number"
                inputMode="numeric"
                min={0}
                step={1}
                {...form.register("lowStockThreshold", { valueAsNumber: true })}
              />
            </Field>
            <div className="flex items-start gap-3">
              <input
                id="inventory-auto-restock"
                type="checkbox"
                className="mt-0.5 size-4 shrink-0 accent-primary"
                {...form.register("autoRestockReturns")}
              />
              <div className="grid gap-0.5">
                <label htmlFor="inventory-auto-restock" className="text-sm font-medium">
                  Restock returns automatically
                </label>
                <p className="text-xs text-muted-foreground">
                  Returned units go back on hand when the return is received, without someone confirming each one.
                </p>
              </div>
            </div>
          </fieldset>
          {canWrite ? (
            <div className="flex justify-end">
              <Button type="submit" disabled={!isDirty || save.isPending}>
                {save.isPending ? <Loader2Icon className="animate-spin" aria-hidden /> : null}
                Save changes
              </Button>
            </div>
          ) : null}
        </form>
      </CardContent>
    </Card>
  );
}
