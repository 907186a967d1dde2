"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { listingOverridesFormSchema } from "@syncstore/domain";
import { Loader2Icon } from "lucide-react";
import { useMemo } from "react";
import { useForm, type FieldPath } from "react-hook-form";
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
import { getErrorDetails } from "@/lib/errors";
import { trpc } from "@/lib/trpc/react";
import { formatMoney } from "@/modules/catalog/utils/format-money";
import {
  overridesFormValues,
  type ListingOverridesLike,
  type OverridesFormInput,
  type OverridesFormOutput,
} from "../utils/overrides-form";
import { toastError } from "@/lib/toast-error";

const textareaClass =
  "min-h-20 w-full rounded-md border border-input bg-transparent px-3 py-2 text-sm shadow-xs outline-none focus-visible:border-ring focus-visible:ring-[3px] focus-visible:ring-ring/50 aria-invalid:border-destructive";

export interface OverridesTarget extends ListingOverridesLike {
  id: string;
  sku: string;
  shopName: string;
  masterPrice: number;
}

/** Edits one listing's per-channel overrides; server field errors land on the same fields. */
export function ListingOverridesDialog({
  target,
  currency,
  onOpenChange,
}: {
  target: OverridesTarget | null;
  currency: string;
  onOpenChange: (open: boolean) => void;
}) {
  return (
    <Dialog open={target !== null} onOpenChange={onOpenChange}>
      <DialogContent className="sm:max-w-lg">
        {target ? (
          <OverridesForm key={target.id} target={target} currency={currency} onDone={() => onOpenChange(false)} />
        ) : null}
      </DialogContent>
    </Dialog>
  );
}

function OverridesForm({
  target,
  currency,
  onDone,
}: {
  target: OverridesTarget;
  currency: string;
  onDone: () => void;
}) {
  const utils = trpc.useUtils();
  const schema = useMemo(() => listingOverridesFormSchema(currency), [currency]);
  const form = useForm<OverridesFormInput, unknown, OverridesFormOutput>({
    resolver: zodResolver(schema),
    defaultValues: overridesFormValues(target, currency),
  });
  const { errors } = form.formState;
  const save = trpc.channels.listings.update.useMutation({
    onSuccess: async () => {
      toast.success(`Saved the ${target.shopName} listing of ${target.sku}`);
      await Promise.all([
        utils.channels.listings.forProduct.invalidate(),
        utils.channels.listings.gridPrices.invalidate(),
      ]);
      onDone();
    },
    onError: (error) => {
      const { fieldErrors } = getErrorDetails(error);
      let shown = 0;
      for (const [path, messages] of Object.entries(fieldErrors)) {
        if (path in form.getValues() && messages[0]) {
          form.setError(path as FieldPath<OverridesFormInput>, { message: messages[0] }, { shouldFocus: shown === 0 });
          shown++;
        }
      }
      if (!shown) toastError(error);
    },
  });
  const submit = form.handleSubmit((values) => save.mutate({ listingId: target.id, ...values }));

  return (
    <form noValidate onSubmit={(event) => void submit(event)} className="grid gap-4">
      <DialogHeader>
        <DialogTitle>
          {target.sku} on {target.shopName}
        </DialogTitle>
        <DialogDescription>
          Leave a field empty to use the master value ({formatMoney(target.masterPrice, currency)}). Title and
          description apply to the whole product on this shop. The stock rule is set apart (“Stock rule” in the row).
        </DialogDescription>
      </DialogHeader>
      <Field
        id="listing-price-rule"
        label="Channel price"
        error={errors.priceRule?.message}
        description='An amount (19.90) or a rule on the master price: +8%, -2.00, optionally ending .99, .90 or "whole".'
      >
        <Input
          {...fieldControlProps("listing-price-rule", errors.priceRule?.message, true)}
          placeholder="Master price"
          {...form.register("priceRule")}
        />
      </Field>
      <Field id="listing-title" label="Title on this shop" error={errors.titleOverride?.message}>
        <Input
          {...fieldControlProps("listing-title", errors.titleOverride?.message)}
          placeholder="Master title"
          {...form.register("titleOverride")}
        />
      </Field>
      <Field id="listing-description" label="Description on this shop" error={errors.descriptionOverride?.message}>
        <textarea
          {...fieldControlProps("listing-description", errors.descriptionOverride?.message)}
          className={textareaClass}
          placeholder="Master description"
          {...form.register("descriptionOverride")}
        />
      </Field>
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" className="size-4" {...form.register("enabled")} />
        Sync this listing (when off, SyncStore stops pushing to it)
      </label>
      <DialogFooter>
        <Button type="button" variant="outline" onClick={onDone}>
          Cancel
        </Button>
        <Button type="submit" disabled={save.isPending}>
          {save.isPending ? <Loader2Icon className="animate-spin" aria-hidden /> : null}
          Save overrides
        </Button>
      </DialogFooter>
    </form>
  );
}
