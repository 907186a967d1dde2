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

/** The organization default's row in the editor (not a shop). */
const ORGANIZATION = "organization";

/**
 * Settings → Channels: the organization's default stock rule and each shop's own (priority listing >
 * shop > organization default; listings without their own buffer / cap follow the shop's rule).
 */
export function ShopStockRulesSettings() {
  const canEdit = useCan("inventory:write");
  const rules = trpc.inventory.shopRules.useQuery();
  const fallback = trpc.inventory.defaultRule.useQuery();
  const [editing, setEditing] = useState<string | null>(null);
  const shopName = (id: string) => rules.data?.find((shop) => shop.connectionId === id)?.name ?? "another shop";
  return (
    <Card>
      <CardHeader>
        <CardTitle>Stock rules</CardTitle>
        <CardDescription>
          What each shop is offered of the available stock: a buffer kept back, a percentage, a fixed quantity, a cap,
          and “stop selling below N” (optionally except one preferred shop). A listing&apos;s own buffer or cap wins
          over its shop&apos;s rule, which wins over the organization default.
        </CardDescription>
      </CardHeader>
      <CardContent className="grid gap-4">
        {fallback.data && rules.data ? (
          <div className="grid gap-3 rounded-md border p-3">
            <div className="flex flex-wrap items-center justify-between gap-2">
              <div>
                <span className="font-medium">Organization default</span>
                <span className="ml-2 text-xs text-muted-foreground">every shop without its own rule</span>
                <p className="text-sm text-muted-foreground" data-testid="stock-rule-organization">
                  {describeRule(fallback.data.rule, shopName, "No rule: every shop is offered all available stock")}
                </p>
              </div>
              {canEdit && editing !== ORGANIZATION ? (
                <Button variant="outline" size="sm" onClick={() => setEditing(ORGANIZATION)}>
                  Edit default rule
                </Button>
              ) : null}
            </div>
            {editing === ORGANIZATION ? (
              <RuleForm
                target={{ connectionId: null, name: "the organization default", rule: fallback.data.rule }}
                shops={rules.data}
                onDone={() => setEditing(null)}
              />
            ) : null}
          </div>
        ) : null}
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
                <RuleForm target={shop} shops={rules.data} onDone={() => setEditing(null)} />
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

/** A shop's rule, or the organization default (`connectionId` null). */
type RuleTarget = { connectionId: string | null; name: string; rule: StockRuleValue | null };

function RuleForm({ target, shops, onDone }: { target: RuleTarget; shops: Shop[]; onDone: () => void }) {
  const utils = trpc.useUtils();
  const form = useForm<StockRuleFormValues>({
    resolver: zodResolver(stockRuleFormSchema),
    defaultValues: toRuleForm(target.rule),
  });
  const handlers = {
    onSuccess: async () => {
      toast.success(`Stock rule saved for ${target.name}; its listings are queued for a push`);
      await Promise.all([
        utils.inventory.shopRules.invalidate(),
        utils.inventory.defaultRule.invalidate(),
        utils.inventory.explain.invalidate(),
      ]);
      onDone();
    },
    onError: (error: Parameters<typeof toastError>[0]) => {
      const { fieldErrors, code, message } = getErrorDetails(error);
      const entries = Object.entries(fieldErrors);
      if (entries.length === 0 && code === "BAD_REQUEST") form.setError("stopBelow", { message });
      for (const [path, messages] of entries) {
        const key = path.replace(/^rule\./, "") as keyof StockRuleFormValues;
        if (messages[0]) form.setError(key, { message: messages[0] });
      }
      if (entries.length === 0 && code !== "BAD_REQUEST") toastError(error);
    },
  };
  const saveShop = trpc.inventory.setShopRule.useMutation(handlers);
  const saveDefault = trpc.inventory.setDefaultRule.useMutation(handlers);
  const pending = saveShop.isPending || saveDefault.isPending;
  const idPrefix = `rule-${target.connectionId ?? ORGANIZATION}`;
  const { errors } = form.formState;
  return (
    <form
      noValidate
      className="grid gap-3"
      onSubmit={form.handleSubmit((values) =>
        target.connectionId
          ? saveShop.mutate({ connectionId: target.connectionId, rule: fromRuleForm(values) })
          : saveDefault.mutate({ rule: fromRuleForm(values) }),
      )}
    >
      <div className="grid gap-3 sm:grid-cols-3 lg:grid-cols-6">
        {numberFields.map(([key, label]) => {
          const id = `${idPrefix}-${key}`;
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
        <Field id={`${idPrefix}-except`} label="Preferred shop" error={errors.stopExceptConnectionId?.message}>
          <Controller
            control={form.control}
            name="stopExceptConnectionId"
            render={({ field }) => (
              <Select
                value={field.value || "none"}
                onValueChange={(value) => field.onChange(value === "none" ? "" : value)}
              >
                <SelectTrigger id={`${idPrefix}-except`} className="w-full">
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
        <Button type="submit" size="sm" disabled={pending}>
          {pending ? <Loader2Icon className="animate-spin" aria-hidden /> : null}
          Save stock rule
        </Button>
        <Button type="button" size="sm" variant="outline" onClick={onDone}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
