"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { BoxesIcon, Loader2Icon } from "lucide-react";
import { useState } from "react";
import { Controller, useForm } from "react-hook-form";
import { toast } from "sonner";
import { EmptyState } from "@/components/common/empty-state";
import { ErrorState } from "@/components/common/error-state";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Field, fieldControlProps } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { Skeleton } from "@/components/ui/skeleton";
import { getErrorDetails } from "@/lib/errors";
import { toastError } from "@/lib/toast-error";
import { trpc } from "@/lib/trpc/react";
import { useCan } from "@/lib/use-me";
import {
  describeRule,
  fromRuleForm,
  stockRuleFormSchema,
  toRuleForm,
  type StockRuleFormValues,
  type StockRuleValue,
} from "../utils/stock-rule-form";

type Shop = { connectionId: string; name: string; platform: string; rule: StockRuleValue | null };

/** Settings → Channels: the default stock rule per shop (listings without their own buffer / cap follow it). */
export function ShopStockRulesSettings() {
  const canEdit = useCan("inventory:write");
  const rules = trpc.inventory.shopRules.useQuery();
  const [editing, setEditing] = useState<string | null>(null);
  const shopName = (id: string) => rules.data?.find((shop) => shop.connectionId === id)?.name ?? "another shop";
  return (
    <Card>
      <CardHeader>
        <CardTitle>Default stock rule per shop</CardTitle>
        <CardDescription>
          What each shop is offered of the available stock, unless a listing has its own buffer or cap: a buffer kept
          back, a percentage, a fixed quantity, a cap, and “stop selling below N” (optionally except one preferred
          shop).
        </CardDescription>
      </CardHeader>
      <CardContent className="grid gap-4">
        {rules.isError ? (
          <ErrorState title="Could not load the stock rules" error={rules.error} onRetry={() => void rules.refetch()} />
        ) : !rules.data ? (
          <Skeleton className="h-24 w-full" />
        ) : rules.data.length === 0 ? (
          <EmptyState
            icon={BoxesIcon}
            title="No shops connected"
            description="Connect a shop on the Channels page first."
          />
        ) : (
          rules.data.map((shop) => (
            <div key={shop.connectionId} className="grid gap-3 rounded-md border p-3">
              <div className="flex flex-wrap items-center justify-between gap-2">
                <div>
                  <span className="font-medium">{shop.name}</span>
                  <span className="ml-2 text-xs text-muted-foreground capitalize">{shop.platform}</span>
                  <p className="text-sm text-muted-foreground" data-testid={`stock-rule-${shop.connectionId}`}>
                    {describeRule(shop.rule, shopName)}
                  </p>
                </div>
                {canEdit && editing !== shop.connectionId ? (
                  <Button variant="outline" size="sm" onClick={() => setEditing(shop.connectionId)}>
                    Edit stock rule
                  </Button>
                ) : null}
              </div>
              {editing === shop.connectionId ? (
                <RuleForm shop={shop} shops={rules.data} onDone={() => setEditing(null)} />
              ) : null}
            </div>
          ))
        )}
      </CardContent>
    </Card>
  );
}

const numberFields = [
  ["buffer", "Buffer (units kept back)"],
  ["percent", "Percentage of available"],
  ["fixed", "Fixed quantity"],
  ["max", "Cap"],
  ["stopBelow", "Stop selling below"],
] as const;

function RuleForm({ shop, shops, onDone }: { shop: Shop; shops: Shop[]; onDone: () => void }) {
  const utils = trpc.useUtils();
  const form = useForm<StockRuleFormValues>({
    resolver: zodResolver(stockRuleFormSchema),
    defaultValues: toRuleForm(shop.rule),
  });
  const save = trpc.inventory.setShopRule.useMutation({
    onSuccess: async () => {
      toast.success(`Stock rule saved for ${shop.name}; its listings are queued for a push`);
      await utils.inventory.shopRules.invalidate();
      await utils.inventory.explain.invalidate();
      onDone();
    },
    onError: (error) => {
      const { fieldErrors, code, message } = getErrorDetails(error);
      const entries = Object.entries(fieldErrors);
      if (entries.length === 0 && code === "BAD_REQUEST") form.setError("stopBelow", { message });
      for (const [path, messages] of entries) {
        const key = path.replace(/^rule\./, "") as keyof StockRuleFormValues;
        if (messages[0]) form.setError(key, { message: messages[0] });
      }
      if (entries.length === 0 && code !== "BAD_REQUEST") toastError(error);
    },
  });
  const { errors } = form.formState;
  return (
    <form
      noValidate
      className="grid gap-3"
      onSubmit={form.handleSubmit((values) =>
        save.mutate({ connectionId: shop.connectionId, rule: fromRuleForm(values) }),
      )}
    >
      <div className="grid gap-3 sm:grid-cols-3 lg:grid-cols-6">
        {numberFields.map(([key, label]) => {
          const id = `rule-${shop.connectionId}-${key}`;
          return (
            <Field key={key} id={id} label={label} error={errors[key]?.message}>
              <Input
                {...fieldControlProps(id, errors[key]?.message)}
                inputMode="numeric"
                placeholder="Not set"
                {...form.register(key)}
              />
            </Field>
          );
        })}
        <Field
          id={`rule-${shop.connectionId}-except`}
          label="Preferred shop"
          error={errors.stopExceptConnectionId?.message}
        >
          <Controller
            control={form.control}
            name="stopExceptConnectionId"
            render={({ field }) => (
              <Select
                value={field.value || "none"}
                onValueChange={(value) => field.onChange(value === "none" ? "" : value)}
              >
                <SelectTrigger id={`rule-${shop.connectionId}-except`} className="w-full">
                  <SelectValue />
                </SelectTrigger>
                <SelectContent>
                  <SelectItem value="none">None</SelectItem>
                  {shops.map((other) => (
                    <SelectItem key={other.connectionId} value={other.connectionId}>
                      {other.name}
                    </SelectItem>
                  ))}
                </SelectContent>
              </Select>
            )}
          />
        </Field>
      </div>
      <div className="flex gap-2">
        <Button type="submit" size="sm" disabled={save.isPending}>
          {save.isPending ? <Loader2Icon className="animate-spin" aria-hidden /> : null}
          Save stock rule
        </Button>
        <Button type="button" size="sm" variant="outline" onClick={onDone}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
