"use client";

import { BoxesIcon } from "lucide-react";
import { useState } from "react";
import { toast } from "sonner";
import { EmptyState } from "@/components/common/empty-state";
import { ErrorState } from "@/components/common/error-state";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Skeleton } from "@/components/ui/skeleton";
import { trpc } from "@/lib/trpc/react";
import { useCan } from "@/lib/use-me";
import { describeRule, type StockRuleValue } from "../utils/stock-rule-form";
import { StockRuleEditor } from "./stock-rule-editor";

type Shop = { connectionId: string; name: string; platform: string; rule: StockRuleValue | null };

/** The organization default's row in the editor (not a shop). */
const ORGANIZATION = "organization";

/**
 * Settings → Channels: the organization's default stock rule and each shop's own (priority listing >
 * shop > organization default; listings without their own rule follow the shop's rule).
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
          and “stop selling below N” (optionally except one preferred shop). A listing&apos;s own rule (set on the
          product page) wins over its shop&apos;s rule, which wins over the organization default.
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

/** A shop's rule, or the organization default (`connectionId` null). */
type RuleTarget = { connectionId: string | null; name: string; rule: StockRuleValue | null };

function RuleForm({ target, shops, onDone }: { target: RuleTarget; shops: Shop[]; onDone: () => void }) {
  const utils = trpc.useUtils();
  const saveShop = trpc.inventory.setShopRule.useMutation();
  const saveDefault = trpc.inventory.setDefaultRule.useMutation();
  const handleSave = async (rule: StockRuleValue) => {
    if (target.connectionId) await saveShop.mutateAsync({ connectionId: target.connectionId, rule });
    else await saveDefault.mutateAsync({ rule });
    toast.success(`Stock rule saved for ${target.name}; its listings are queued for a push`);
    await Promise.all([
      utils.inventory.shopRules.invalidate(),
      utils.inventory.defaultRule.invalidate(),
      utils.inventory.explain.invalidate(),
    ]);
  };
  return (
    <StockRuleEditor
      idPrefix={`rule-${target.connectionId ?? ORGANIZATION}`}
      rule={target.rule}
      shops={shops}
      onSave={handleSave}
      onDone={onDone}
    />
  );
}
