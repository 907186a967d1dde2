"use client";

import { formatDistanceToNow } from "date-fns";
import { RefreshCcwDotIcon } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import type { RouterOutputs } from "@/lib/trpc/types";
import { useReconcileNow } from "../hooks/use-webhook-actions";
import { platformNames } from "../utils/webhook-display";

type Summary = RouterOutputs["webhooks"]["stats"]["reconciliation"][number];

/** Per shop: when reconciliation last ran and what it found that no webhook had delivered. */
export function ReconciliationPanel({ shops, canWrite }: { shops: Summary[]; canWrite: boolean }) {
  const reconcile = useReconcileNow();
  return (
    <Card className="gap-3">
      <CardHeader>
        <CardTitle className="text-base">Reconciliation</CardTitle>
        <CardDescription>
          Every 15 minutes each shop&apos;s recent orders and listings are read back to catch what webhooks missed.
        </CardDescription>
      </CardHeader>
      <CardContent>
        {shops.length === 0 ? (
          <p className="text-sm text-muted-foreground">No connected shops.</p>
        ) : (
          <ul className="grid gap-2">
            {shops.map((shop) => {
              const run = shop.lastRun;
              const missed = run ? run.ordersMissed + run.listingChangesMissed : 0;
              return (
                <li
                  key={shop.connectionId}
                  className="flex flex-wrap items-center gap-x-3 gap-y-1 rounded-md border p-3 text-sm"
                  data-testid="reconciliation-row"
                >
                  <span className="font-medium">
                    {shop.connectionName}{" "}
                    <span className="text-muted-foreground">· {platformNames[shop.platform]}</span>
                  </span>
                  <span className="text-xs text-muted-foreground">
                    {run
                      ? run.status === "failed"
                        ? `Last pass failed: ${run.error ?? "unknown error"}`
                        : run.status === "running"
                          ? "Running now…"
                          : `${formatDistanceToNow(new Date(run.startedAt), { addSuffix: true })}: ${run.ordersChecked} orders and ${run.listingsChecked} listings checked, ${missed === 0 ? "nothing missed" : `${run.ordersMissed} orders and ${run.listingChangesMissed} listing changes missed by webhooks`}`
                      : "Not reconciled yet"}
                  </span>
                  {canWrite ? (
                    <Button
                      size="sm"
                      variant="outline"
                      className="ml-auto"
                      disabled={reconcile.isPending}
                      onClick={() => reconcile.mutate({ connectionId: shop.connectionId })}
                    >
                      <RefreshCcwDotIcon aria-hidden />
                      Reconcile now
                    </Button>
                  ) : null}
                </li>
              );
            })}
          </ul>
        )}
      </CardContent>
    </Card>
  );
}
