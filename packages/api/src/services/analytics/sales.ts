import { sqlRows, type EntityManager } from "@syncstore/db";
import { daysBetween } from "@syncstore/domain";
import { organizationOf } from "../sql";
import {
  converter,
  exchangeRatesOf,
  periodsOf,
  rollupFreshness,
  shopsOf,
  type AnalyticsFilter,
  type ShopRow,
} from "./range";

export interface SalesTotals {
  orders: number;
  validOrders: number;
  units: number;
  /** Minor units of the organization's currency. */
  revenue: number;
}

export interface SalesOverview {
  currency: string;
  shops: (ShopRow & { current: SalesTotals; previous: SalesTotals })[];
  days: { day: string; revenue: number; validOrders: number; byShop: Record<string, number> }[];
  current: SalesTotals;
  previous: SalesTotals;
  /** Shop currencies without an exchange rate (their amounts are left out of the totals). */
  unconverted: string[];
  freshness: { ordersUpTo: string | null; rolledUpAt: string | null };
}

const zero = (): SalesTotals => ({ orders: 0, validOrders: 0, units: 0, revenue: 0 });

/** Sales by shop and day from `sales_hourly` (orders counted on their shop-local creation date). */
export async function salesOverview(em: EntityManager, filter: AnalyticsFilter): Promise<SalesOverview> {
  const { current, previous } = periodsOf(filter);
  const [shops, rates] = await Promise.all([shopsOf(em, filter), exchangeRatesOf(em)]);
  const ids = shops.map((shop) => shop.id);
  const rows = await sqlRows<{
    connection_id: string;
    day: string;
    currency: string;
    orders: number;
    valid_orders: number;
    units: number;
    revenue: string;
  }>(
    em,
    `select connection_id::text, day::text, currency, sum(orders)::int as orders, sum(valid_orders)::int as valid_orders,
            sum(units)::int as units, sum(revenue)::text as revenue
       from sales_hourly
      where organization_id = $1 and connection_id = any($2::uuid[]) and day >= $3::date and day < $4::date
      group by 1, 2, 3`,
    [organizationOf(em), ids, previous.from, current.to],
  );
  const money = converter(rates);
  const byShop = new Map(shops.map((shop) => [shop.id, { ...shop, current: zero(), previous: zero() }]));
  const days = new Map(
    daysBetween(current.from, current.to).map((day) => [
      day,
      {
        day,
        revenue: 0,
        validOrders: 0,
        byShop: Object.fromEntries(ids.map((id) => [id, 0])) as Record<string, number>,
      },
    ]),
  );
  const totals = { current: zero(), previous: zero() };
  for (const row of rows) {
    const revenue = money.convert(Number(row.revenue), row.currency);
    const which = row.day >= current.from ? "current" : "previous";
    for (const target of [totals[which], byShop.get(row.connection_id)?.[which]]) {
      if (!target) continue;
      target.orders += row.orders;
      target.validOrders += row.valid_orders;
      target.units += row.units;
      target.revenue += revenue;
    }
    const day = days.get(row.day);
    if (day) {
      day.revenue += revenue;
      day.validOrders += row.valid_orders;
      day.byShop[row.connection_id] = (day.byShop[row.connection_id] ?? 0) + revenue;
    }
  }
  const [latest] = await sqlRows<{ at: Date | null }>(
    em,
    // The newest order of each shop off the (connection, placed) index: max() over `= any(...)`
    // read every order of the shops (a second of a year's million orders).
    // (The shop is the organization's; a second condition inside would let the planner pick a worse index.)
    `select max(latest.at) as at from channel_connection c
       cross join lateral (select coalesce(placed_at, created_at) as at from channel_order
                            where connection_id = c.id order by coalesce(placed_at, created_at) desc limit 1) latest
      where c.organization_id = $1 and c.id = any($2::uuid[])`,
    [organizationOf(em), ids],
  );
  return {
    currency: rates.base,
    shops: [...byShop.values()],
    days: [...days.values()],
    ...totals,
    unconverted: money.missing(),
    freshness: {
      ordersUpTo: latest?.at ? new Date(latest.at).toISOString() : null,
      rolledUpAt: await rollupFreshness(em, "sales"),
    },
  };
}
