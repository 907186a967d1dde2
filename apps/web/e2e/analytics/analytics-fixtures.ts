import pg from "pg";
import { e2eEnvironment } from "../support/environment";

async function withClient<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const { databaseUrl } = await e2eEnvironment();
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export interface SeededShops {
  shopee: { id: string; name: string };
  tiktok: { id: string; name: string };
}

/**
 * Two shops of the account's organization (no tokens: analytics only reads our tables), listings
 * of the seeded variants on both, one shop showing a price its rule does not explain, and orders
 * over the last days: then the rollup job runs on the worker under test.
 */
export async function seedShopsAndOrders(email: string): Promise<SeededShops> {
  const unique = Date.now().toString(36);
  const shops: SeededShops = {
    shopee: { id: crypto.randomUUID(), name: `E2E Shopee ${unique}` },
    tiktok: { id: crypto.randomUUID(), name: `E2E TikTok ${unique}` },
  };
  await withClient(async (client) => {
    const { rows } = await client.query<{ organization_id: string; currency: string }>(
      `select m.organization_id, o.currency from member m join "user" u on u.id = m.user_id
         join organization o on o.id = m.organization_id where u.email = $1`,
      [email],
    );
    const org = rows[0]?.organization_id;
    const currency = rows[0]?.currency ?? "USD";
    if (!org) throw new Error(`no organization for ${email}`);
    for (const [platform, shop] of Object.entries(shops))
      await client.query(
        `insert into channel_connection (id, organization_id, platform, external_shop_id, name, region, status, created_at, updated_at)
         values ($1, $2, $3, $4, $5, 'SG', 'active', now(), now())`,
        [shop.id, org, platform, `ext-${shop.id}`, shop.name],
      );
    const variants = await client.query<{ id: string; product_id: string; sku: string; price: string }>(
      `select id, product_id, sku, price::text from variant where organization_id = $1 order by sku`,
      [org],
    );
    for (const [index, variant] of variants.rows.entries()) {
      const price = Number(variant.price);
      // On Shopee the first variant shows 2.50 more than its master price: an inconsistency.
      const shown = index === 0 ? price + 250 : price;
      await client.query(
        `insert into listing (id, organization_id, connection_id, variant_id, product_id, external_product_id, external_variant_id,
                              enabled, sync_state, desired_version, synced_version, channel_state, created_at, updated_at)
         values (gen_random_uuid(), $1, $2, $3, $4, $5, $6, true, 'in_sync', 1, 1, $7, now(), now()),
                (gen_random_uuid(), $1, $8, $3, $4, $5, $6, true, 'in_sync', 1, 1, $9, now(), now())`,
        [
          org,
          shops.shopee.id,
          variant.id,
          variant.product_id,
          `p-${index}`,
          `v-${index}`,
          { price: shown },
          shops.tiktok.id,
          { price },
        ],
      );
    }
    // Orders: Shopee sells on days 1–3 ago, TikTok on day 10 ago only (outside "Last 7 days").
    // Each is placed at noon, Singapore time, of the UTC calendar day N days back: the shops' days
    // are Singapore days and the presets end at yesterday's UTC date, so an order placed "24 hours
    // ago" would fall on today's Singapore date whenever the run starts after 16:00 UTC.
    const orders: { shop: string; daysAgo: number; quantity: number; status: string }[] = [
      { shop: shops.shopee.id, daysAgo: 1, quantity: 2, status: "paid" },
      { shop: shops.shopee.id, daysAgo: 2, quantity: 1, status: "completed" },
      { shop: shops.shopee.id, daysAgo: 3, quantity: 1, status: "cancelled" },
      { shop: shops.tiktok.id, daysAgo: 10, quantity: 3, status: "paid" },
    ];
    const first = variants.rows[0];
    if (!first) throw new Error("no seeded variant");
    for (const [index, order] of orders.entries()) {
      const { rows: created } = await client.query<{ id: string }>(
        `insert into channel_order (id, organization_id, connection_id, external_order_id, status, currency, placed_at, created_at, updated_at)
         values (gen_random_uuid(), $1, $2, $3, $4, $6, ((now() at time zone 'UTC')::date - $5::int + time '12:00') at time zone 'Asia/Singapore', now(), now()) returning id`,
        [org, order.shop, `E2E-ORDER-${unique}-${index}`, order.status, order.daysAgo, currency],
      );
      await client.query(
        `insert into channel_order_line (id, organization_id, order_id, line_key, variant_id, sku, quantity, unit_price)
         values (gen_random_uuid(), $1, $2, gen_random_uuid()::text, $3, $4, $5, $6)`,
        [org, created[0]?.id, first.id, first.sku, order.quantity, Number(first.price)],
      );
    }
    await client.query(`select graphile_worker.add_job('rollup-analytics', '{}'::json)`);
  });
  return shops;
}

/** Whether the rollup job has rolled up this shop's orders. */
export async function rolledUp(shopId: string): Promise<number> {
  return withClient(async (client) => {
    const { rows } = await client.query<{ n: string }>(
      `select count(*)::text as n from sales_hourly where connection_id = $1`,
      [shopId],
    );
    return Number(rows[0]?.n ?? 0);
  });
}

/** Runs the scheduled-reports job now (cron is off in end-to-end runs). */
export async function runScheduledReports(): Promise<void> {
  await withClient((client) =>
    client.query(
      `update report_schedule set next_run_at = now() - interval '1 second' where next_run_at > now();
       select graphile_worker.add_job('send-scheduled-reports', '{}'::json)`,
    ),
  );
}
