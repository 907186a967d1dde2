"use client";

import { AlertTriangleIcon, GitCompareIcon, StoreIcon } from "lucide-react";
import Link from "next/link";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Skeleton } from "@/components/ui/skeleton";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { trpc } from "@/lib/trpc/react";
import { formatMoney } from "@/modules/catalog/utils/format-money";
import { useCan } from "@/lib/use-me";

const platformName = (platform: string) => (platform === "tiktok" ? "TikTok Shop" : "Shopee");

/** Sales today and over 7 days by shop, listings per shop, open stock alerts and conflicts. */
export function SalesOverview() {
  const home = trpc.analytics.home.useQuery();
  const canReadConflicts = useCan("conflict:read");
  if (home.isError) return null;
  const data = home.data;
  return (
    <div className="grid gap-4 lg:grid-cols-5">
      <Card className="lg:col-span-3">
        <CardHeader>
          <CardTitle>Sales by shop</CardTitle>
          <CardDescription>
            Valid orders and revenue today and over the last 7 days, in each shop's time zone
          </CardDescription>
        </CardHeader>
        <CardContent>
          {!data ? (
            <Skeleton className="h-32 w-full" />
          ) : data.salesByShop.length === 0 ? (
            <p className="text-sm text-muted-foreground">Connect a shop to see its sales here.</p>
          ) : (
            <Table aria-label="Sales by shop">
              <TableHeader>
                <TableRow>
                  <TableHead>Shop</TableHead>
                  <TableHead className="text-right">Today</TableHead>
                  <TableHead className="text-right">Orders today</TableHead>
                  <TableHead className="text-right">7 days</TableHead>
                  <TableHead className="text-right">Orders, 7 days</TableHead>
                </TableRow>
              </TableHeader>
              <TableBody>
                {data.salesByShop.map((shop) => (
                  <TableRow key={shop.id}>
                    <TableCell>
                      {shop.name} <span className="text-xs text-muted-foreground">{platformName(shop.platform)}</span>
                    </TableCell>
                    <TableCell className="text-right tabular-nums">
                      {formatMoney(shop.todayRevenue, data.currency)}
                    </TableCell>
                    <TableCell className="text-right tabular-nums">{shop.todayOrders}</TableCell>
                    <TableCell className="text-right tabular-nums">
                      {formatMoney(shop.weekRevenue, data.currency)}
                    </TableCell>
                    <TableCell className="text-right tabular-nums">{shop.weekOrders}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          )}
        </CardContent>
      </Card>
      <Card className="lg:col-span-2">
        <CardHeader>
          <CardTitle>Listings and alerts</CardTitle>
          <CardDescription>Listings per platform and shop; what needs attention</CardDescription>
        </CardHeader>
        <CardContent className="grid gap-3">
          {!data ? (
            <Skeleton className="h-32 w-full" />
          ) : (
            <>
              <ul className="grid gap-1.5 text-sm" aria-label="Listings per shop">
                {data.listings.map((shop) => (
                  <li key={shop.id} className="flex items-center justify-between gap-2">
                    <span className="flex items-center gap-1.5">
                      <StoreIcon className="size-4 text-muted-foreground" aria-hidden />
                      {shop.name} <span className="text-xs text-muted-foreground">{platformName(shop.platform)}</span>
                    </span>
                    <span className="tabular-nums">
                      {shop.listings} listings · {shop.linked} linked
                    </span>
                  </li>
                ))}
              </ul>
              <div className="flex flex-wrap gap-2">
                <span className="flex items-center gap-1.5 rounded-md border px-2 py-1 text-sm">
                  <AlertTriangleIcon className="size-4 text-amber-600" aria-hidden /> {data.openStockAlerts} open stock
                  alerts
                </span>
                {canReadConflicts && data.openConflicts > 0 ? (
                  <Button asChild size="sm" variant="outline">
                    <Link href="/conflicts">
                      <GitCompareIcon aria-hidden /> View {data.openConflicts} conflicts
                    </Link>
                  </Button>
                ) : (
                  <span className="flex items-center gap-1.5 rounded-md border px-2 py-1 text-sm">
                    <GitCompareIcon className="size-4 text-muted-foreground" aria-hidden /> {data.openConflicts} open
                    conflicts
                  </span>
                )}
              </div>
            </>
          )}
        </CardContent>
      </Card>
    </div>
  );
}
