"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { ArchiveIcon, ArrowLeftIcon, CopyIcon, Loader2Icon, PackageXIcon, SaveIcon } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useMemo, useState } from "react";
import { useForm, type FieldPath } from "react-hook-form";
import { toast } from "sonner";
import { EmptyState } from "@/components/common/empty-state";
import { ErrorState } from "@/components/common/error-state";
import { PageHeader } from "@/components/common/page-header";
import {
  AlertDialog,
  AlertDialogAction,
  AlertDialogCancel,
  AlertDialogContent,
  AlertDialogDescription,
  AlertDialogFooter,
  AlertDialogHeader,
  AlertDialogTitle,
} from "@/components/ui/alert-dialog";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Skeleton } from "@/components/ui/skeleton";
import { getErrorDetails } from "@/lib/errors";
import { trpc } from "@/lib/trpc/react";
import { useCan } from "@/lib/use-me";
import { ProductSyncSection } from "@/modules/sync/components/product-sync-section";
import { AttributesSection, DetailsSection, ImagesSection } from "./editor-sections";
import {
  emptyProduct,
  formPathOf,
  productFormSchema,
  toFormValues,
  toProductInput,
  type ProductDetail,
  type ProductFormValues,
} from "./product-form";
import { UNSAVED_MESSAGE, useUnsavedChanges } from "./use-unsaved-changes";
import { VariantsSection } from "./variants-section";
import { VariantThresholdsCard } from "@/modules/alerts/components/variant-thresholds-card";
import { toastError } from "@/lib/toast-error";

/** `/products/new` (no id) or `/products/[id]`: loads what the editor needs, then the form. */
export function ProductEditorPage({ productId }: { productId: string | null }) {
  const facets = trpc.catalog.facets.useQuery(undefined, { staleTime: 60_000 });
  const product = trpc.catalog.product.get.useQuery(
    { id: productId ?? "" },
    { enabled: productId !== null, retry: false },
  );
  if (facets.isError || product.isError) {
    const error = facets.error ?? product.error;
    const notFound = ["NOT_FOUND", "BAD_REQUEST"].includes(getErrorDetails(error).code ?? "");
    return (
      <div className="grid gap-4">
        <BackLink />
        {notFound ? (
          <EmptyState
            className="rounded-lg border border-dashed py-16"
            icon={PackageXIcon}
            title="Product not found"
            description="It may have been deleted, or it belongs to another organization."
          />
        ) : (
          <ErrorState
            title="Could not open the product"
            error={error}
            onRetry={() => void Promise.all([facets.refetch(), productId ? product.refetch() : null])}
          />
        )}
      </div>
    );
  }
  if (facets.isPending || (productId !== null && product.isPending)) {
    return (
      <div className="grid gap-4" aria-busy="true" aria-label="Loading product">
        <Skeleton className="h-10 w-64" />
        <Skeleton className="h-64 w-full" />
        <Skeleton className="h-48 w-full" />
      </div>
    );
  }
  return (
    <ProductEditor
      key={product.data ? `${product.data.id}:${product.data.version}` : "new"}
      product={product.data ?? null}
      currency={product.data?.currency ?? facets.data.currency}
      categories={facets.data.categories}
    />
  );
}

function BackLink() {
  return (
    <Button asChild variant="ghost" size="sm" className="w-fit">
      <Link href="/products">
        <ArrowLeftIcon aria-hidden />
        Products
      </Link>
    </Button>
  );
}

function ProductEditor({
  product,
  currency,
  categories,
}: {
  product: ProductDetail | null;
  currency: string;
  categories: { id: string; path: string }[];
}) {
  const router = useRouter();
  const utils = trpc.useUtils();
  const canEdit = useCan("catalog:write");
  const schema = useMemo(() => productFormSchema(currency), [currency]);
  const form = useForm<ProductFormValues>({
    resolver: zodResolver(schema),
    defaultValues: product ? toFormValues(product) : emptyProduct(),
    mode: "onSubmit",
    reValidateMode: "onChange",
  });
  const [removedVariantIds, setRemovedVariantIds] = useState<string[]>([]);
  const [archiveOpen, setArchiveOpen] = useState(false);
  const dirty = form.formState.isDirty || removedVariantIds.length > 0;
  useUnsavedChanges(dirty);

  const afterWrite = async (saved: { id: string }) => {
    await Promise.all([utils.catalog.listVariants.invalidate(), utils.catalog.facets.invalidate()]);
    await utils.catalog.product.get.invalidate({ id: saved.id });
  };
  const onError = (error: unknown) => {
    const { fieldErrors, code, message } = getErrorDetails(error);
    let shown = 0;
    for (const [path, messages] of Object.entries(fieldErrors)) {
      const target = formPathOf(path);
      if (target && messages[0]) {
        form.setError(target as FieldPath<ProductFormValues>, { message: messages[0] }, { shouldFocus: shown === 0 });
        shown++;
      }
    }
    if (code === "CONFLICT") {
      toast.error(message, {
        duration: 15_000,
        action: { label: "Reload", onClick: () => void utils.catalog.product.get.invalidate() },
      });
    } else if (!shown) toastError(error);
    else toast.error("Some fields are invalid");
  };

  const create = trpc.catalog.product.create.useMutation({
    onSuccess: async (saved) => {
      form.reset(toFormValues(saved));
      toast.success("Product created");
      utils.catalog.product.get.setData({ id: saved.id }, saved);
      await afterWrite(saved);
      router.replace(`/products/${saved.id}`);
    },
    onError,
  });
  const update = trpc.catalog.product.update.useMutation({
    onSuccess: async (saved) => {
      form.reset(toFormValues(saved));
      setRemovedVariantIds([]);
      utils.catalog.product.get.setData({ id: saved.id }, saved);
      toast.success("Product saved");
      await afterWrite(saved);
    },
    onError,
  });
  const archive = trpc.catalog.product.archive.useMutation({
    onSuccess: async (result) => {
      toast.success("Product archived");
      setArchiveOpen(false);
      await afterWrite(result);
    },
    onError: (error) => {
      setArchiveOpen(false);
      onError(error);
    },
  });
  const duplicate = trpc.catalog.product.duplicate.useMutation({
    onSuccess: async (copy) => {
      toast.success("Product duplicated", { description: copy.title });
      utils.catalog.product.get.setData({ id: copy.id }, copy);
      await afterWrite(copy);
      router.push(`/products/${copy.id}`);
    },
    onError,
  });
  const busy = create.isPending || update.isPending || archive.isPending || duplicate.isPending;
  const disabled = !canEdit || busy;

  const submit = form.handleSubmit(
    (values) => {
      const input = toProductInput(values, currency);
      if (product) update.mutate({ ...input, id: product.id, productVersion: product.version, removedVariantIds });
      else create.mutate(input);
    },
    () => toast.error("Some fields are invalid"),
  );

  return (
    <form noValidate onSubmit={(event) => void submit(event)} className="grid gap-6 pb-16">
      <BackLink />
      <PageHeader
        title={product ? product.title : "New product"}
        description={
          product
            ? `Version ${product.version} · updated ${product.updatedAt.toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" })}`
            : "Details, images, attributes and variants. Nothing is saved until you press Save."
        }
        actions={
          <div className="flex flex-wrap items-center gap-2">
            {product ? (
              <Badge variant={product.status === "archived" ? "secondary" : "outline"} className="capitalize">
                {product.status}
              </Badge>
            ) : null}
            {dirty ? <span className="text-xs text-muted-foreground">Unsaved changes</span> : null}
            {product && canEdit ? (
              <>
                <Button
                  type="button"
                  variant="outline"
                  disabled={busy}
                  onClick={() => {
                    if (!dirty || window.confirm(UNSAVED_MESSAGE)) duplicate.mutate({ id: product.id });
                  }}
                >
                  <CopyIcon aria-hidden />
                  Duplicate
                </Button>
                <Button
                  type="button"
                  variant="outline"
                  disabled={busy || product.status === "archived"}
                  onClick={() => setArchiveOpen(true)}
                >
                  <ArchiveIcon aria-hidden />
                  Archive
                </Button>
              </>
            ) : null}
            {canEdit ? (
              <Button type="submit" disabled={busy}>
                {create.isPending || update.isPending ? (
                  <Loader2Icon className="animate-spin" aria-hidden />
                ) : (
                  <SaveIcon aria-hidden />
                )}
                Save
              </Button>
            ) : null}
          </div>
        }
      />
      {!canEdit ? (
        <p className="rounded-md border bg-muted/40 p-3 text-sm">Your role can view this product but not change it.</p>
      ) : null}
      <DetailsSection form={form} categories={categories} disabled={disabled} />
      <VariantsSection
        form={form}
        currency={currency}
        disabled={disabled}
        onRemoveVariant={(id) => setRemovedVariantIds((ids) => [...ids, id])}
      />
      {product ? <VariantThresholdsCard productId={product.id} /> : null}
      <div className="grid gap-6 lg:grid-cols-2">
        <ImagesSection form={form} disabled={disabled} />
        <AttributesSection form={form} disabled={disabled} />
      </div>
      {product ? <ProductSyncSection productId={product.id} currency={currency} /> : null}
      <AlertDialog open={archiveOpen} onOpenChange={setArchiveOpen}>
        <AlertDialogContent>
          <AlertDialogHeader>
            <AlertDialogTitle>Archive this product?</AlertDialogTitle>
            <AlertDialogDescription>
              {product?.title} and its {product?.variants.length} variants stop being sold. You can set the status back
              to active later.
              {dirty ? " Unsaved edits in this form are not saved by archiving." : ""}
            </AlertDialogDescription>
          </AlertDialogHeader>
          <AlertDialogFooter>
            <AlertDialogCancel>Cancel</AlertDialogCancel>
            <AlertDialogAction
              onClick={(event) => {
                event.preventDefault();
                if (product) archive.mutate({ id: product.id, productVersion: product.version });
              }}
              disabled={archive.isPending}
            >
              Archive
            </AlertDialogAction>
          </AlertDialogFooter>
        </AlertDialogContent>
      </AlertDialog>
    </form>
  );
}
