"use client";

import { Loader2Icon, UploadIcon } from "lucide-react";
import { useState } from "react";
import { useForm } from "react-hook-form";
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
import { platformLabels } from "@/modules/channels/utils/connection-display";
import { splitPublishErrors, type PublishFormField } from "../utils/publish-errors";
import { toastError } from "@/lib/toast-error";

export interface PublishTarget {
  id: string;
  platform: "shopee" | "tiktok";
  name: string;
  lastPublishOptions: {
    categoryId: string;
    brandId?: string | null;
    logisticsChannelId?: string | null;
    warehouseId?: string | null;
  } | null;
  /** Variants the shop's existing product lacks (0: the shop does not have the product). */
  adding: number;
}

type Values = Record<PublishFormField, string>;

/** "Publish to <shop>": the platform fields SyncStore cannot derive, checked by the server before anything is sent. */
export function PublishDialog({
  productId,
  connection,
  onOpenChange,
}: {
  productId: string;
  connection: PublishTarget | null;
  onOpenChange: (open: boolean) => void;
}) {
  return (
    <Dialog open={connection !== null} onOpenChange={onOpenChange}>
      <DialogContent className="sm:max-w-lg">
        {connection ? (
          <PublishForm
            key={connection.id}
            productId={productId}
            connection={connection}
            onDone={() => onOpenChange(false)}
          />
        ) : null}
      </DialogContent>
    </Dialog>
  );
}

function PublishForm({
  productId,
  connection,
  onDone,
}: {
  productId: string;
  connection: PublishTarget;
  onDone: () => void;
}) {
  const utils = trpc.useUtils();
  const last = connection.lastPublishOptions;
  const adding = connection.adding;
  const form = useForm<Values>({
    defaultValues: {
      categoryId: last?.categoryId ?? "",
      brandId: last?.brandId ?? "",
      logisticsChannelId: last?.logisticsChannelId ?? "",
      warehouseId: last?.warehouseId ?? "",
    },
  });
  const { errors } = form.formState;
  const [productProblems, setProductProblems] = useState<{ path: string; label: string; message: string }[]>([]);
  const publish = trpc.channels.listings.publish.useMutation({
    onSuccess: async () => {
      toast.success(adding ? `Adding variants to ${connection.name}` : `Publishing to ${connection.name}`, {
        description: adding
          ? "The new listings turn “In sync” once the shop has added them to its product."
          : "The listings turn “In sync” once the shop has created the product.",
      });
      await utils.channels.listings.forProduct.invalidate({ productId });
      onDone();
    },
    onError: (error) => {
      const split = splitPublishErrors(getErrorDetails(error).fieldErrors);
      setProductProblems(split.product);
      let shown = 0;
      for (const [field, message] of Object.entries(split.form)) {
        form.setError(field as PublishFormField, { message }, { shouldFocus: shown === 0 });
        shown++;
      }
      if (!shown && split.product.length === 0) toastError(error);
    },
  });
  const submit = form.handleSubmit((values) => {
    setProductProblems([]);
    const text = (value: string) => value.trim() || null;
    publish.mutate({
      productId,
      connectionId: connection.id,
      categoryId: values.categoryId.trim(),
      brandId: text(values.brandId),
      logisticsChannelId: connection.platform === "shopee" ? text(values.logisticsChannelId) : null,
      warehouseId: connection.platform === "tiktok" ? text(values.warehouseId) : null,
    });
  });
  const input = (name: PublishFormField, label: string, description: string, placeholder: string) => (
    <Field id={`publish-${name}`} label={label} error={errors[name]?.message} description={description}>
      <Input
        {...fieldControlProps(`publish-${name}`, errors[name]?.message, true)}
        placeholder={placeholder}
        {...form.register(name)}
      />
    </Field>
  );

  return (
    <form noValidate onSubmit={(event) => void submit(event)} className="grid gap-4">
      <DialogHeader>
        <DialogTitle>{adding ? `Add variants to ${connection.name}` : `Publish to ${connection.name}`}</DialogTitle>
        <DialogDescription>
          {adding
            ? `${connection.name} has this product already: the ${adding} ${adding === 1 ? "variant" : "variants"} it lacks are added to it with their channel price and stock.`
            : `Creates this product on ${platformLabels[connection.platform]} with every variant, its channel price and stock.`}{" "}
          Nothing is sent until everything the platform requires is there.
        </DialogDescription>
      </DialogHeader>
      {input(
        "categoryId",
        "Marketplace category id",
        `The ${platformLabels[connection.platform]} category the product is listed in.`,
        connection.platform === "shopee" ? "100017" : "600001",
      )}
      {connection.platform === "shopee"
        ? input(
            "logisticsChannelId",
            "Logistics channel id",
            "An enabled shipping channel of the shop (Seller Centre → Shipping).",
            "10001",
          )
        : input("warehouseId", "Warehouse id", "The shop warehouse that holds the stock.", "7300001")}
      {input("brandId", "Brand id (optional)", "Leave empty for no brand.", "")}
      {productProblems.length ? (
        <div role="alert" className="rounded-md border border-destructive/40 bg-destructive/5 p-3 text-sm">
          <p className="font-medium text-destructive">Fix these on the product first:</p>
          <ul className="mt-1 list-disc space-y-0.5 pl-5" aria-label="Product fields to fix">
            {productProblems.map((problem) => (
              <li key={problem.path} data-field={problem.path}>
                <span className="font-medium">{problem.label}:</span> {problem.message}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <DialogFooter>
        <Button type="button" variant="outline" onClick={onDone}>
          Cancel
        </Button>
        <Button type="submit" disabled={publish.isPending}>
          {publish.isPending ? <Loader2Icon className="animate-spin" aria-hidden /> : <UploadIcon aria-hidden />}
          {adding ? "Add variants" : "Publish"}
        </Button>
      </DialogFooter>
    </form>
  );
}
