"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { AlertTriangleIcon, Loader2Icon } from "lucide-react";
import { useState } from "react";
import { Controller, useForm, useWatch } from "react-hook-form";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
} from "@/components/ui/dialog";
import { Field, fieldControlProps } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { getErrorDetails } from "@/lib/errors";
import { toastError } from "@/lib/toast-error";
import { trpc } from "@/lib/trpc/react";
import { adjustFormSchema, adjustProblem, resultingOnHand, type AdjustFormValues } from "../utils/adjust-form";
import { formatQuantity } from "../utils/format-quantity";
import type { StockRow } from "../utils/stock-types";

const modeLabels = { set: "Set on hand to", add: "Add units", remove: "Remove units" } as const;

/** Set / add / remove on hand with a reason; the on hand shown is sent as the expected value. */
export function AdjustStockDialog({ row, onClose }: { row: StockRow | null; onClose: () => void }) {
  return (
    <Dialog open={row !== null} onOpenChange={(open) => (open ? undefined : onClose())}>
      <DialogContent className="sm:max-w-md">
        {row ? <AdjustStockForm key={row.variantId} row={row} onClose={onClose} /> : null}
      </DialogContent>
    </Dialog>
  );
}

function AdjustStockForm({ row, onClose }: { row: StockRow; onClose: () => void }) {
  // The on hand the user is looking at: sent as the expected value (compare-and-set).
  const [seen, setSeen] = useState({
    onHand: row.onHand,
    held: row.committed + row.promotionReserved + row.unavailable,
  });
  const [conflict, setConflict] = useState<string | null>(null);
  const utils = trpc.useUtils();
  const form = useForm<AdjustFormValues>({
    resolver: zodResolver(adjustFormSchema),
    defaultValues: { mode: "add", quantity: 1, reason: "manual", note: "" },
  });
  const values = useWatch({ control: form.control }) as AdjustFormValues;
  const next = resultingOnHand(values, seen.onHand);
  const adjust = trpc.inventory.adjust.useMutation({
    onSuccess: async (result) => {
      toast.success(`${row.sku}: on hand ${formatQuantity(result.before)} → ${formatQuantity(result.after)}`);
      await utils.inventory.movements.invalidate({ variantId: row.variantId });
      onClose();
    },
    onError: async (error) => {
      const details = getErrorDetails(error);
      if (details.code === "CONFLICT") {
        setConflict(details.message);
        const [fresh] = await utils.client.inventory.rows.query({ variantIds: [row.variantId] });
        if (fresh)
          setSeen({ onHand: fresh.onHand, held: fresh.committed + fresh.promotionReserved + fresh.unavailable });
        return;
      }
      const message = details.fieldErrors.quantity?.[0];
      if (message) form.setError("quantity", { message });
      else if (details.code === "BAD_REQUEST") form.setError("quantity", { message: details.message });
      else toastError(error);
    },
  });
  const handleSubmit = form.handleSubmit((submitted) => {
    const problem = adjustProblem(submitted, seen.onHand, seen.held);
    if (problem) {
      form.setError("quantity", { message: problem });
      return;
    }
    setConflict(null);
    adjust.mutate({
      variantId: row.variantId,
      mode: submitted.mode,
      quantity: submitted.quantity,
      expected: seen.onHand,
      reason: submitted.reason,
      ...(submitted.note ? { note: submitted.note } : {}),
    });
  });
  const { errors } = form.formState;
  return (
    <form noValidate onSubmit={(event) => void handleSubmit(event)} className="grid gap-4">
      <DialogHeader>
        <DialogTitle>Adjust stock</DialogTitle>
        <DialogDescription>
          {row.sku} · {row.productTitle}. On hand{" "}
          <span className="font-medium text-foreground" data-testid="adjust-on-hand">
            {formatQuantity(seen.onHand)}
          </span>
          , held by orders and promotions {formatQuantity(seen.held)}.
        </DialogDescription>
      </DialogHeader>
      {conflict ? (
        <div role="alert" className="flex gap-2 rounded-md border border-destructive/40 bg-destructive/5 p-3 text-sm">
          <AlertTriangleIcon className="mt-0.5 size-4 shrink-0 text-destructive" aria-hidden />
          <div className="grid gap-1">
            <p className="font-medium">Stock changed while you were editing</p>
            <p>{conflict}</p>
            <p className="text-muted-foreground">The dialog now shows the current on hand; check and save again.</p>
          </div>
        </div>
      ) : null}
      <div className="grid grid-cols-2 gap-3">
        <Field id="adjust-mode" label="Change">
          <Controller
            control={form.control}
            name="mode"
            render={({ field }) => (
              <Select value={field.value} onValueChange={field.onChange}>
                <SelectTrigger id="adjust-mode" className="w-full">
                  <SelectValue />
                </SelectTrigger>
                <SelectContent>
                  {(Object.keys(modeLabels) as (keyof typeof modeLabels)[]).map((mode) => (
                    <SelectItem key={mode} value={mode}>
                      {modeLabels[mode]}
                    </SelectItem>
                  ))}
                </SelectContent>
              </Select>
            )}
          />
        </Field>
        <Field id="adjust-quantity" label="Quantity" error={errors.quantity?.message}>
          <Input
            {...fieldControlProps("adjust-quantity", errors.quantity?.message)}
            type="number"
            inputMode="numeric"
            min={0}
            step={1}
            {...form.register("quantity", { valueAsNumber: true })}
          />
        </Field>
      </div>
      <Field id="adjust-reason" label="Reason">
        <Controller
          control={form.control}
          name="reason"
          render={({ field }) => (
            <Select value={field.value} onValueChange={field.onChange}>
              <SelectTrigger id="adjust-reason" className="w-full">
                <SelectValue />
              </SelectTrigger>
              <SelectContent>
                <SelectItem value="manual">Correction (received, damaged, lost…)</SelectItem>
                <SelectItem value="count">Stock count</SelectItem>
              </SelectContent>
            </Select>
          )}
        />
      </Field>
      <Field id="adjust-note" label="Note (optional)" error={errors.note?.message}>
        <Input
          {...fieldControlProps("adjust-note", errors.note?.message)}
          placeholder="Delivery from supplier, 3 damaged…"
          {...form.register("note")}
        />
      </Field>
      <p className="text-sm text-muted-foreground" aria-live="polite">
        New on hand: <span className="font-medium text-foreground">{next === null ? "—" : formatQuantity(next)}</span>
      </p>
      <DialogFooter>
        <Button type="button" variant="outline" onClick={onClose}>
          Cancel
        </Button>
        <Button type="submit" disabled={adjust.isPending}>
          {adjust.isPending ? <Loader2Icon className="animate-spin" aria-hidden /> : null}
          Save adjustment
        </Button>
      </DialogFooter>
    </form>
  );
}
