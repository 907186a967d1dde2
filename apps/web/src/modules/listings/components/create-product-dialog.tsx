"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { skuField, titleField } from "@syncstore/domain";
import { Loader2Icon, PackagePlusIcon } from "lucide-react";
import { useRouter } from "next/navigation";
import { useFieldArray, useForm, type FieldPath } from "react-hook-form";
import { toast } from "sonner";
import { z } from "zod";
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
import { Skeleton } from "@/components/ui/skeleton";
import { formatErrorForToast, getErrorDetails } from "@/lib/errors";
import { trpc } from "@/lib/trpc/react";
import type { RouterOutputs } from "@/lib/trpc/types";
import { formatMoney } from "@/modules/catalog/utils/format-money";
import { optionsText } from "../utils/listing-display";
import { toastError } from "@/lib/toast-error";

type Listing = RouterOutputs["channels"]["listings"]["listUnmatched"]["rows"][number];

const schema = z.object({
  title: titleField,
  variants: z
    .array(z.object({ listingId: z.string(), include: z.boolean(), sku: z.string() }))
    .superRefine((rows, ctx) => {
      const seen = new Set<string>();
      rows.forEach((row, index) => {
        if (!row.include) return;
        const sku = skuField.safeParse(row.sku);
        if (!sku.success)
          ctx.addIssue({
            code: "custom",
            path: [index, "sku"],
            message: sku.error.issues[0]?.message ?? "Invalid SKU",
          });
        else if (seen.has(sku.data.toLowerCase()))
          ctx.addIssue({ code: "custom", path: [index, "sku"], message: "This SKU is used twice" });
        else seen.add(sku.data.toLowerCase());
      });
      if (!rows.some((row) => row.include))
        ctx.addIssue({ code: "custom", path: [], message: "Pick at least one listing" });
    }),
});
type Values = z.infer<typeof schema>;

/** Creates a master product from an unmatched channel product (all its unmatched variants) and links them. */
export function CreateProductDialog({
  listing,
  onOpenChange,
}: {
  listing: Listing | null;
  onOpenChange: (open: boolean) => void;
}) {
  return (
    <Dialog open={listing !== null} onOpenChange={onOpenChange}>
      <DialogContent className="sm:max-w-xl">
        {listing ? <Loader key={listing.id} listing={listing} onDone={() => onOpenChange(false)} /> : null}
      </DialogContent>
    </Dialog>
  );
}

function Loader({ listing, onDone }: { listing: Listing; onDone: () => void }) {
  const siblings = trpc.channels.listings.listUnmatched.useQuery({
    connectionId: listing.connectionId,
    search: listing.externalProductId ?? "",
  });
  if (siblings.isError) return <p className="text-sm text-destructive">{formatErrorForToast(siblings.error)}</p>;
  if (!siblings.data)
    return (
      <div className="grid gap-2" aria-busy="true">
        <Skeleton className="h-8 w-full" />
        <Skeleton className="h-24 w-full" />
      </div>
    );
  const rows = siblings.data.rows.filter((row) => row.externalProductId === listing.externalProductId);
  return <CreateForm listing={listing} rows={rows.length ? rows : [listing]} onDone={onDone} />;
}

function CreateForm({ listing, rows, onDone }: { listing: Listing; rows: Listing[]; onDone: () => void }) {
  const router = useRouter();
  const utils = trpc.useUtils();
  const form = useForm<Values>({
    resolver: zodResolver(schema),
    defaultValues: {
      title: listing.externalTitle ?? "",
      variants: rows.map((row) => ({ listingId: row.id, include: true, sku: row.externalSku?.trim() ?? "" })),
    },
  });
  const { fields } = useFieldArray({ control: form.control, name: "variants" });
  const { errors } = form.formState;
  const create = trpc.channels.listings.createProduct.useMutation({
    onSuccess: async (created) => {
      toast.success("Product created and linked", {
        action: { label: "Open", onClick: () => router.push(`/products/${created.productId}`) },
      });
      await Promise.all([
        utils.channels.listings.listUnmatched.invalidate(),
        utils.channels.list.invalidate(),
        utils.catalog.listVariants.invalidate(),
      ]);
      onDone();
    },
    onError: (error) => {
      const { fieldErrors } = getErrorDetails(error);
      const included = form.getValues("variants").flatMap((row, index) => (row.include ? [index] : []));
      let shown = 0;
      for (const [path, messages] of Object.entries(fieldErrors)) {
        // Server paths count only the included rows; map them back to the form's rows.
        const match = /^variants\.(\d+)\.(\w+)$/.exec(path);
        const target = match ? `variants.${included[Number(match[1])] ?? 0}.sku` : path === "title" ? "title" : null;
        if (target && messages[0]) {
          form.setError(target as FieldPath<Values>, { message: messages[0] }, { shouldFocus: shown === 0 });
          shown++;
        }
      }
      if (!shown) toastError(error);
    },
  });
  const submit = form.handleSubmit((values) =>
    create.mutate({
      connectionId: listing.connectionId,
      externalProductId: listing.externalProductId ?? "",
      title: values.title,
      variants: values.variants.filter((row) => row.include).map((row) => ({ listingId: row.listingId, sku: row.sku })),
    }),
  );

  return (
    <form noValidate onSubmit={(event) => void submit(event)} className="grid gap-4">
      <DialogHeader>
        <DialogTitle>Create a master product</DialogTitle>
        <DialogDescription>
          One variant per channel variant, with the channel&apos;s price, stock and options. They are linked right away.
        </DialogDescription>
      </DialogHeader>
      <Field id="create-title" label="Title" error={errors.title?.message}>
        <Input {...fieldControlProps("create-title", errors.title?.message)} {...form.register("title")} />
      </Field>
      <fieldset className="grid gap-2">
        <legend className="mb-1 text-sm font-medium">Variants</legend>
        {fields.map((field, index) => {
          const row = rows[index];
          const error = errors.variants?.[index]?.sku?.message;
          const id = `create-sku-${index}`;
          return (
            <div key={field.id} className="grid grid-cols-[auto_1fr] items-start gap-3 rounded-md border p-2">
              <input
                type="checkbox"
                className="mt-2.5 size-4"
                aria-label={`Include variant ${index + 1}`}
                {...form.register(`variants.${index}.include`)}
              />
              <Field
                id={id}
                label={`Variant ${index + 1} SKU`}
                error={error}
                description={`${optionsText(row?.channelState?.options) || "No options"} · price ${
                  row?.channelState?.price != null ? formatMoney(row.channelState.price, row.channelCurrency) : "—"
                } · stock ${row?.channelState?.stock ?? 0}`}
              >
                <Input {...fieldControlProps(id, error, true)} {...form.register(`variants.${index}.sku`)} />
              </Field>
            </div>
          );
        })}
        {errors.variants?.root?.message || errors.variants?.message ? (
          <p role="alert" className="text-sm text-destructive">
            {errors.variants?.root?.message ?? errors.variants?.message}
          </p>
        ) : null}
      </fieldset>
      <DialogFooter>
        <Button type="button" variant="outline" onClick={onDone}>
          Cancel
        </Button>
        <Button type="submit" disabled={create.isPending}>
          {create.isPending ? <Loader2Icon className="animate-spin" aria-hidden /> : <PackagePlusIcon aria-hidden />}
          Create and link
        </Button>
      </DialogFooter>
    </form>
  );
}
