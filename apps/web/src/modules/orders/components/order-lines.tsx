"use client";

import { LinkIcon } from "lucide-react";
import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { formatOrderMoney } from "../utils/format-order-money";
import { effectLabels, type OrderDetail } from "../utils/order-display";

type Line = OrderDetail["lines"][number];

/** The order's lines: what the marketplace sent, the product it matched, and what it did to stock. */
export function OrderLines({
  order,
  canLink,
  onLink,
}: {
  order: OrderDetail;
  canLink: boolean;
  onLink: (line: Line) => void;
}) {
  return (
    <div className="overflow-x-auto rounded-md border">
      <Table aria-label="Order lines">
        <TableHeader>
          <TableRow>
            <TableHead>Marketplace item</TableHead>
            <TableHead>Product</TableHead>
            <TableHead className="text-right">Qty</TableHead>
            <TableHead className="text-right">Unit price</TableHead>
            <TableHead>Stock effect</TableHead>
            <TableHead className="text-right">Committed</TableHead>
            <TableHead className="text-right">Oversold</TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {order.lines.map((line) => (
            <TableRow key={line.id} data-testid="order-line" data-sku={line.sku ?? ""}>
              <TableCell>
                <p className="font-medium">{line.sku ?? "No SKU"}</p>
                <p className="text-xs text-muted-foreground tabular-nums">
                  {line.externalProductId ?? "—"}
                  {line.externalVariantId && line.externalVariantId !== "0" ? ` / ${line.externalVariantId}` : ""}
                </p>
              </TableCell>
              <TableCell>
                {line.variant ? (
                  <Link href={`/products/${line.variant.productId}`} className="underline-offset-4 hover:underline">
                    <span className="font-medium">{line.variant.sku}</span>
                    <span className="block text-xs text-muted-foreground">{line.variant.productTitle}</span>
                  </Link>
                ) : (
                  <div className="flex flex-wrap items-center gap-2">
                    <Badge variant="outline" className="border-warning/40 bg-warning/10">
                      Unmatched
                    </Badge>
                    {canLink ? (
                      <Button size="sm" variant="outline" onClick={() => onLink(line)}>
                        <LinkIcon aria-hidden />
                        Link to a product
                      </Button>
                    ) : null}
                  </div>
                )}
              </TableCell>
              <TableCell className="text-right tabular-nums">{line.quantity}</TableCell>
              <TableCell className="text-right whitespace-nowrap tabular-nums">
                {formatOrderMoney(line.unitPrice, order.currency)}
              </TableCell>
              <TableCell>
                {effectLabels[line.effect]}
                {line.restockedQuantity > 0 ? (
                  <span className="block text-xs text-muted-foreground">{line.restockedQuantity} restocked</span>
                ) : null}
              </TableCell>
              <TableCell className="text-right tabular-nums">{line.committedQuantity}</TableCell>
              <TableCell className="text-right tabular-nums">
                {line.oversoldQuantity > 0 ? (
                  <span className="font-medium text-destructive">{line.oversoldQuantity}</span>
                ) : (
                  0
                )}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </div>
  );
}
