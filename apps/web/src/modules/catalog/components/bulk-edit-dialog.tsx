"use client";

import { bulkActionLabels, productStatusValues, type BulkActionKind } from "@syncstore/domain";
import type { RouterInputs, RouterOutputs } from "@syncstore/api/types";
import { Loader2Icon } from "lucide-react";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
} from "@/components/ui/dialog";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { NativeSelect } from "@/components/ui/native-select";
import { trpc } from "@/lib/trpc/react";
import { bulkFormFields, emptyBulkActionForm, toBulkAction, type BulkActionForm } from "../utils/bulk-action-form";
import type { CategoryOption } from "../utils/catalog-types";
import { formatMoney } from "../utils/format-money";

export type BulkSelectionInput = RouterInputs["catalog"]["bulk"]["preview"]["selection"];
export type BulkOperation = RouterOutputs["catalog"]["bulk"]["start"];
type Preview = RouterOutputs["catalog"]["bulk"]["preview"];
type Values = Preview["sample"][number]["before"];

/** The column the action changes, as shown in the preview's before → after. */
function shown(kind: BulkActionKind, values: Values, currency: string, categories: Map<string, string>): string {
  switch (kind) {
    case "set_price":
    case "change_price_amount":
    case "change_price_percent":
    case "round_price":
      return formatMoney(values.price, currency);
    case "set_compare_at":
      return values.compareAtPrice === null ? "(none)" : formatMoney(values.compareAtPrice, currency);
    case "set_category":
      return values.categoryId ? (categories.get(values.categoryId) ?? values.categoryId) : "(none)";
    case "set_status":
      return values.status;
    case "add_tag":
    case "remove_tag":
      return values.tags.join(", ") || "(none)";
    case "set_stock":
      return String(values.stockOnHand);
  }
}

/** Pick an action, preview the count and a sample before → after, then apply it as a bulk operation. */
export function BulkEditDialog({
  open,
  onOpenChange,
  selection,
  currency,
  categories,
  onStarted,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  selection: BulkSelectionInput;
  currency: string;
  categories: CategoryOption[];
  onStarted: (operation: BulkOperation) => void;
}) {
  const [form, setForm] = useState<BulkActionForm>(emptyBulkActionForm);
  const [preview, setPreview] = useState<{ key: string; data: Preview } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [previewing, setPreviewing] = useState(false);
  const utils = trpc.useUtils();
  const start = trpc.catalog.bulk.start.useMutation();
  const categoryPaths = new Map(categories.map((category) => [category.id, category.path]));

  const parsed = toBulkAction(form, currency);
  const key = JSON.stringify({ selection, action: parsed.ok ? parsed.action : null });
  const current = preview?.key === key ? preview.data : null;
  const patch = (next: Partial<BulkActionForm>) => {
    setForm((value) => ({ ...value, ...next }));
    setError(null);
  };
  const fields = bulkFormFields(form.kind);

  const handlePreview = async () => {
    if (!parsed.ok) return setError(parsed.error);
    setPreviewing(true);
    try {
      const data = await utils.client.catalog.bulk.preview.query({ selection, action: parsed.action });
      setPreview({ key, data });
      setError(null);
    } catch (err) {
      setError(err instanceof Error ? err.message : "The preview failed");
    } finally {
      setPreviewing(false);
    }
  };

  const handleApply = async () => {
    if (!parsed.ok) return setError(parsed.error);
    try {
      const operation = await start.mutateAsync({ selection, action: parsed.action });
      onStarted(operation);
      setPreview(null);
      onOpenChange(false);
    } catch (err) {
      setError(err instanceof Error ? err.message : "The bulk edit failed");
    }
  };

  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent className="sm:max-w-2xl">
        <DialogHeader>
          <DialogTitle>Bulk edit</DialogTitle>
          <DialogDescription>
            {selection.mode === "ids"
              ? `Change ${selection.variantIds.length.toLocaleString()} selected ${selection.variantIds.length === 1 ? "row" : "rows"}.`
              : "Change every row matching the current filter and search."}{" "}
            Preview first: nothing changes until you apply.
          </DialogDescription>
        </DialogHeader>
        <div className="grid gap-3 sm:grid-cols-2">
          <div className="grid gap-2 sm:col-span-2">
            <Label htmlFor="bulk-kind">Action</Label>
            <NativeSelect
              id="bulk-kind"
              value={form.kind}
              onChange={(event) => patch({ kind: event.target.value as BulkActionKind })}
            >
              {(Object.keys(bulkActionLabels) as BulkActionKind[]).map((kind) => (
                <option key={kind} value={kind}>
                  {bulkActionLabels[kind]}
                </option>
              ))}
            </NativeSelect>
          </div>
          {fields.includes("amount") ? (
            <div className="grid gap-2">
              <Label htmlFor="bulk-amount">Amount ({currency})</Label>
              <Input
                id="bulk-amount"
                inputMode="decimal"
                value={form.amount}
                placeholder={form.kind === "set_compare_at" ? "empty clears it" : "12.50"}
                onChange={(event) => patch({ amount: event.target.value })}
              />
            </div>
          ) : null}
          {fields.includes("percent") ? (
            <div className="grid gap-2">
              <Label htmlFor="bulk-percent">Percent</Label>
              <Input
                id="bulk-percent"
                inputMode="decimal"
                value={form.percent}
                placeholder="10 raises by 10%, -5 lowers by 5%"
                onChange={(event) => patch({ percent: event.target.value })}
              />
            </div>
          ) : null}
          {fields.includes("ending") ? (
            <div className="grid gap-2">
              <Label htmlFor="bulk-ending">Price ending</Label>
              <NativeSelect
                id="bulk-ending"
                value={form.ending}
                onChange={(event) => patch({ ending: event.target.value as BulkActionForm["ending"] })}
              >
                {form.kind === "round_price" ? null : <option value="none">Keep as computed</option>}
                <option value="99">.99</option>
                <option value="90">.90</option>
                <option value="whole">Whole units</option>
              </NativeSelect>
            </div>
          ) : null}
          {fields.includes("categoryId") ? (
            <div className="grid gap-2 sm:col-span-2">
              <Label htmlFor="bulk-category">Category</Label>
              <NativeSelect
                id="bulk-category"
                value={form.categoryId}
                onChange={(event) => patch({ categoryId: event.target.value })}
              >
                <option value="">(no category)</option>
                {categories.map((category) => (
                  <option key={category.id} value={category.id}>
                    {category.path}
                  </option>
                ))}
              </NativeSelect>
            </div>
          ) : null}
          {fields.includes("status") ? (
            <div className="grid gap-2">
              <Label htmlFor="bulk-status">Status</Label>
              <NativeSelect
                id="bulk-status"
                value={form.status}
                onChange={(event) => patch({ status: event.target.value as BulkActionForm["status"] })}
              >
                {productStatusValues.map((status) => (
                  <option key={status} value={status}>
                    {status}
                  </option>
                ))}
              </NativeSelect>
            </div>
          ) : null}
          {fields.includes("tag") ? (
            <div className="grid gap-2">
              <Label htmlFor="bulk-tag">Tag</Label>
              <Input id="bulk-tag" value={form.tag} onChange={(event) => patch({ tag: event.target.value })} />
            </div>
          ) : null}
          {fields.includes("quantity") ? (
            <div className="grid gap-2">
              <Label htmlFor="bulk-quantity">On hand</Label>
              <Input
                id="bulk-quantity"
                inputMode="numeric"
                value={form.quantity}
                onChange={(event) => patch({ quantity: event.target.value })}
              />
            </div>
          ) : null}
        </div>
        {error ? (
          <p role="alert" className="text-sm text-destructive">
            {error}
          </p>
        ) : null}
        {current ? (
          <div className="grid gap-2" data-testid="bulk-preview">
            <p className="text-sm">
              <span className="font-medium" data-testid="bulk-preview-count">
                {current.count.toLocaleString()} {current.count === 1 ? "row" : "rows"}
              </span>{" "}
              will change{current.count > current.sample.length ? `; the first ${current.sample.length} are shown` : ""}
              .
            </p>
            <div className="max-h-[40vh] overflow-y-auto rounded-md border">
              <table className="w-full text-sm">
                <thead className="sticky top-0 bg-muted text-left text-xs text-muted-foreground">
                  <tr>
                    <th className="px-3 py-2 font-medium">Product</th>
                    <th className="px-3 py-2 font-medium">SKU</th>
                    <th className="px-3 py-2 font-medium">Before</th>
                    <th className="px-3 py-2 font-medium">After</th>
                  </tr>
                </thead>
                <tbody>
                  {current.sample.map((row) => (
                    <tr key={row.variantId} className="border-t">
                      <td className="px-3 py-1.5">{row.productTitle}</td>
                      <td className="px-3 py-1.5 font-mono text-xs">{row.sku}</td>
                      <td className="px-3 py-1.5">{shown(form.kind, row.before, currency, categoryPaths)}</td>
                      <td className="px-3 py-1.5">
                        {row.after ? (
                          shown(form.kind, row.after, currency, categoryPaths)
                        ) : (
                          <span className="text-destructive">{row.error}</span>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </div>
        ) : null}
        <DialogFooter>
          <Button variant="outline" onClick={() => onOpenChange(false)}>
            Cancel
          </Button>
          <Button variant="secondary" onClick={() => void handlePreview()} disabled={previewing}>
            {previewing ? <Loader2Icon className="animate-spin" aria-hidden /> : null}
            Preview
          </Button>
          <Button onClick={() => void handleApply()} disabled={!current || current.count === 0 || start.isPending}>
            {start.isPending ? <Loader2Icon className="animate-spin" aria-hidden /> : null}
            Apply to {current ? current.count.toLocaleString() : "…"} rows
          </Button>
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}
