"use client";

import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { trpc } from "@/lib/trpc/react";
import { useCan } from "@/modules/shell/hooks/use-me";
import { contentText, formatPrice, groupLabel, platformNames } from "../utils/display";

const resolutionLabels: Record<string, string> = {
  master: "Used master",
  channel: "Used the channel's value",
  manual: "Merged manually",
  adopted: "Adopted by policy",
  overridden: "Kept as override by policy",
  overwritten: "Overwritten by policy",
};

/** Resolved and self-closed conflicts of a product: what the shops had, and what was decided. */
export function ConflictHistory({ productId }: { productId: string }) {
  const canRead = useCan("conflict:read");
  const history = trpc.conflicts.productHistory.useQuery({ productId }, { enabled: canRead });
  if (!canRead || !history.data || history.data.length === 0) return null;
  return (
    <Card>
      <CardHeader>
        <CardTitle className="text-base">Conflict history</CardTitle>
        <CardDescription>Edits made on marketplaces and how they were settled.</CardDescription>
      </CardHeader>
      <CardContent>
        <ul className="grid gap-3">
          {history.data.map((row) => {
            const value = row.resolvedValue ?? row.channel;
            const shown =
              row.fieldGroup === "price"
                ? formatPrice(value, row.currency)
                : contentText(value).title || groupLabel(row.fieldGroup);
            return (
              <li key={row.id} className="grid gap-1 text-sm">
                <span className="flex flex-wrap items-center gap-2">
                  <Badge variant="secondary">{groupLabel(row.fieldGroup)}</Badge>
                  <span className="font-medium">
                    {row.status === "moot"
                      ? "Closed by itself"
                      : (resolutionLabels[row.resolution ?? ""] ?? "Resolved")}
                  </span>
                  <span className="text-muted-foreground">
                    {platformNames[row.platform]} · {row.connectionName} ·{" "}
                    {(row.resolvedAt ?? row.detectedAt).toLocaleString()}
                    {row.resolvedByName ? ` · ${row.resolvedByName}` : ""}
                  </span>
                </span>
                <span className="text-muted-foreground">{row.note ?? `Value: ${shown}`}</span>
              </li>
            );
          })}
        </ul>
      </CardContent>
    </Card>
  );
}
