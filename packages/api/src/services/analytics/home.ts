import { sqlRows, type EntityManager } from "@syncstore/db";
import { addDays, localDay, shopTimeZone } from "@syncstore/domain";
import { organizationOf } from "../sql";
import { converter, exchangeRatesOf } from "./range";

export interface HomeAnalytics {
  currency: string;
  /** Today and the last 7 days (today included), each shop in its own time zone. */
  salesByShop: {
    id: string;
    name: string;
    platform: string;
    todayRevenue: number;
    todayOrders: number;
    weekRevenue: number;
    weekOrders: number;
  }[];
  listings: { id: string; name: string; platform: string; listings: number; linked: number }[];
  openStockAlerts: number;
  openConflicts: number;
  unconverted: string[];
}

/** Home's additions: sales today and over 7 days by shop, listings per shop, open stock and conflict alerts. */
export async function homeAnalytics(em: EntityManager): Promise<HomeAnalytics> {
  const organizationId = organizationOf(em);
  const [rates, shops] = await Promise.all([
    exchangeRatesOf(em),
    sqlRows<{ id: string; name: string; platform: string; region: string | null; listings: number; linked: number }>(
      em,
      `select c.id::text, c.name, c.platform, c.region, count(l.id)::int as listings, count(l.variant_id)::int as linked
         from channel_connection c left join listing l on l.connection_id = c.id
        where c.organization_id = $1 and c.status <> 'disconnected'
        group by c.id order by c.platform, c.name`,
      [organizationId],
    ),
  ]);
  const sales = await sqlRows<{
    connection_id: string;
    day: string;
    currency: string;
    revenue: string;
    orders: number;
  }>(
    em,
    `select connection_id::text, day::text, currency, sum(revenue)::text as revenue, sum(valid_orders)::int as orders
       from sales_hourly where organization_id = $1 and day >= current_date - 8 group by 1, 2, 3`,
    [organizationId],
  );
  const money = converter(rates);
  const now = new Date();
  const salesByShop = shops.map((shop) => {
    const today = localDay(now, shopTimeZone(shop.region));
    const weekStart = addDays(today, -6);
    const entry = {
      id: shop.id,
      name: shop.name,
      platform: shop.platform,
      todayRevenue: 0,
      todayOrders: 0,
      weekRevenue: 0,
      weekOrders: 0,
    };
    for (const row of sales) {
      if (row.connection_id !== shop.id || row.day < weekStart || row.day > today) continue;
      const revenue = money.convert(Number(row.revenue), row.currency);
      entry.weekRevenue += revenue;
      entry.weekOrders += row.orders;
      if (row.day === today) {
        entry.todayRevenue += revenue;
        entry.todayOrders += row.orders;
      }
    }
    return entry;
  });
  const [alerts] = await sqlRows<{ stock: number; conflicts: number }>(
    em,
    `select (select count(*) from alert where organization_id = $1 and status = 'open'
               and (kind like 'stock.%' or kind like 'inventory.%' or kind like '%oversold%'))::int as stock,
            (case when to_regclass('conflict') is null then 0
                  else (select count(*) from conflict where organization_id = $1 and status = 'open') end)::int as conflicts`,
    [organizationId],
  );
  return {
    currency: rates.base,
    salesByShop,
    listings: shops.map(({ id, name, platform, listings, linked }) => ({ id, name, platform, listings, linked })),
    openStockAlerts: alerts?.stock ?? 0,
    openConflicts: alerts?.conflicts ?? 0,
    unconverted: money.missing(),
  };
}
