"use client";

import { AlertTriangleIcon, LinkIcon } from "lucide-react";
import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { formatOrderMoney } from "../utils/format-order-money";
import { platformNames, type OrderItem } from "../utils/order-display";
import { PhaseBadge } from "./phase-badge";
import { When } from "./when";

/** One row per order; the order number opens its detail. */
export function OrdersTable({ items }: { items: OrderItem[] }) {
  return (
    <div className="overflow-x-auto rounded-md border">
      <Table aria-label="Orders">
        <TableHeader>
          <TableRow>
            <TableHead>Order</TableHead>
            <TableHead>Placed</TableHead>
            <TableHead>Shop</TableHead>
            <TableHead>Status</TableHead>
            <TableHead>Items</TableHead>
            <TableHead className="text-right">Units</TableHead>
            <TableHead className="text-right">Total</TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {items.map((item) => (
            <TableRow key={item.id} data-testid="order-row" data-order={item.externalOrderId}>
              <TableCell>
                <Link
                  href={`/orders/${item.id}`}
                  className="font-medium tabular-nums underline-offset-4 hover:underline"
                >
                  {item.externalOrderId}
                </Link>
              </TableCell>
              <TableCell className="whitespace-nowrap">
                <When at={item.placedAt} />
              </TableCell>
              <TableCell>
                <div className="whitespace-nowrap">{platformNames[item.platform]}</div>
                <div className="max-w-48 truncate text-xs text-muted-foreground" title={item.connection.name}>
                  {item.connection.name}
                </div>
              </TableCell>
              <TableCell>
                <div className="flex flex-wrap items-center gap-1">
                  <PhaseBadge phase={item.phase} platformStatus={item.platformStatus} />
                  {item.oversoldUnits > 0 ? (
                    <Badge
                      variant="outline"
                      className="border-destructive/40 bg-destructive/10 text-destructive"
                      title="Units sold without stock: cancel the order or restock"
                    >
                      <AlertTriangleIcon aria-hidden />
                      {item.oversoldUnits} oversold
                    </Badge>
                  ) : null}
                  {item.unmatchedLines > 0 ? (
                    <Badge
                      variant="outline"
                      className="border-warning/40 bg-warning/10"
                      title="Lines whose item matches no product yet: link them to apply their stock"
                    >
                      <LinkIcon aria-hidden />
                      {item.unmatchedLines} unmatched
                    </Badge>
                  ) : null}
                </div>
              </TableCell>
              <TableCell className="max-w-48 truncate text-muted-foreground" title={item.skus.join(", ")}>
                {item.skus.length ? item.skus.join(", ") : "—"}
                {item.lineCount > item.skus.length ? ` +${item.lineCount - item.skus.length}` : ""}
              </TableCell>
              <TableCell className="text-right tabular-nums">{item.units}</TableCell>
              <TableCell className="text-right whitespace-nowrap tabular-nums">
                {formatOrderMoney(item.total, item.currency)}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </div>
  );
}
