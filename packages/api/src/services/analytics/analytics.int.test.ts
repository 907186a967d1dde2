import { randomUUID } from "node:crypto";
import { forOrganization } from "@syncstore/db";
import { rollupSales } from "@syncstore/services";
import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiHarness, type ApiHarness } from "../../testing/harness";
import { periodsOf, salesPeriodOf } from "./range";

let h: ApiHarness;
beforeAll(async () => {
  h = await createApiHarness();
}, 60_000);
afterAll(() => h?.close());

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

/** Two connected shops of one platform, "Shop A" and "Shop B", in Singapore. */
async function twoShops(org: string, platform: "shopee" | "tiktok"): Promise<[string, string]> {
  const shops: [string, string] = [randomUUID(), randomUUID()];
  for (const [index, id] of shops.entries())
    await h.query(
      `insert into channel_connection (id, organization_id, platform, external_shop_id, name, region, status, created_at, updated_at)
       values ($1, $2, $5, $4, $3, 'SG', 'active', now(), now())`,
      [id, org, `Shop ${"AB"[index]}`, `ext-${id}`, platform],
    );
  return shops;
}

describe("analytics API", () => {
  it("reports sales by shop in the organization's currency, names currencies without a rate, and finds inconsistent prices", async () => {
    const owner = await h.signUp("Anita");
    const org = owner.organizationId;
    const [currency] = await h.query<{ currency: string }>(`select currency from organization where id = $1`, [org]);
    const base = currency?.currency ?? "USD";
    const [shopA, shopB] = await twoShops(org, "shopee");
    const productId = randomUUID();
    const variantId = randomUUID();
    await h.query(
      `insert into product (id, organization_id, title, status, created_at, updated_at) values ($1, $2, 'Mug', 'active', now(), now())`,
      [productId, org],
    );
    await h.query(
      `insert into variant (id, organization_id, product_id, sku, price, cost, created_at, updated_at) values ($1, $2, $3, 'MUG-1', 1000, 1100, now(), now())`,
      [variantId, org, productId],
    );
    await h.query(
      `insert into listing (id, organization_id, connection_id, variant_id, product_id, enabled, sync_state, desired_version, synced_version, price_rule, channel_state, created_at, updated_at)
       values (gen_random_uuid(), $1, $2, $4, $5, true, 'in_sync', 1, 1, '{"kind":"change_percent","basisPoints":1000}', '{"price":1100}', now(), now()),
              (gen_random_uuid(), $1, $3, $4, $5, true, 'in_sync', 1, 1, null, '{"price":1200}', now(), now())`,
      [org, shopA, shopB, variantId, productId],
    );
    for (const [shop, cur, status, price] of [
      [shopA, base, "paid", 1000],
      [shopA, base, "cancelled", 1000],
      [shopB, "VND", "paid", 250000],
    ] as const) {
      const orderId = randomUUID();
      await h.query(
        `insert into channel_order (id, organization_id, connection_id, external_order_id, status, currency, placed_at, created_at, updated_at)
         values ($1, $2, $3, $6, $4, $5, now() - interval '2 days', now(), now())`,
        [orderId, org, shop, status, cur, `ext-${orderId}`],
      );
      await h.query(
        `insert into channel_order_line (id, organization_id, order_id, line_key, variant_id, sku, quantity, unit_price) values (gen_random_uuid(), $1, $2, gen_random_uuid()::text, $3, 'MUG-1', 2, $4)`,
        [org, orderId, variantId, price],
      );
    }
    await rollupSales(h.orm.em);

    const filter = { from: day(-7), to: day(-1), shops: [] };
    const sales = await owner.caller.analytics.sales(filter);
    expect(sales.current).toMatchObject({ orders: 3, validOrders: 2, units: 4, revenue: 2000 });
    expect(sales.unconverted).toEqual(["VND"]);
    expect(sales.shops.find((s) => s.id === shopA)?.current.revenue).toBe(2000);
    const onlyB = await owner.caller.analytics.sales({ ...filter, shops: [shopB] });
    expect(onlyB.current).toMatchObject({ validOrders: 1, revenue: 0 });

    const pricing = await owner.caller.analytics.pricing(filter);
    // Shop A: master 10.00 + 10 % = 11.00, shows 11.00; shop B: no rule, shows 12.00 (2.00 more).
    expect(pricing.inconsistencies.map((r) => [r.shopName, r.expectedPrice, r.shownPrice, r.difference])).toEqual([
      ["Shop A", 1100, 1100, 0],
      ["Shop B", 1000, 1200, 200],
    ]);
    expect(pricing.belowCost).toEqual([expect.objectContaining({ sku: "MUG-1", price: 1000, cost: 1100 })]);

    const stock = await owner.caller.analytics.stock(filter);
    expect(stock.rows.find((r) => r.sku === "MUG-1")).toMatchObject({ unitsSold: 4, abc: "A", outOfStock: true });
  });

  it("sums each master product's traffic from the metric rows and leaves listings that explain their price out", async () => {
    const owner = await h.signUp("Tracy");
    const org = owner.organizationId;
    const [shopA, shopB] = await twoShops(org, "tiktok");
    const productId = randomUUID();
    await h.query(
      `insert into product (id, organization_id, title, status, created_at, updated_at) values ($1, $2, 'Kettle', 'active', now(), now())`,
      [productId, org],
    );
    const [one, two] = [randomUUID(), randomUUID()];
    await h.query(
      `insert into variant (id, organization_id, product_id, sku, price, created_at, updated_at)
       values ($1, $3, $4, 'KET-1', 1000, now(), now()), ($2, $3, $4, 'KET-2', 1000, now(), now())`,
      [one, two, org, productId],
    );
    // Both variants in both shops, no rule: KET-1 shows the master price in shop A and nothing yet
    // in shop B, KET-2 nothing anywhere. The product is EP-A in shop A and EP-B in shop B.
    await h.query(
      `insert into listing (id, organization_id, connection_id, variant_id, product_id, external_product_id, external_variant_id,
                            enabled, sync_state, desired_version, synced_version, channel_state, created_at, updated_at)
       values (gen_random_uuid(), $1, $2, $4, $6, 'EP-A', 'EV-1', true, 'in_sync', 1, 1, '{"price":1000}', now(), now()),
              (gen_random_uuid(), $1, $3, $4, $6, 'EP-B', 'EV-1', true, 'in_sync', 1, 1, null, now(), now()),
              (gen_random_uuid(), $1, $2, $5, $6, 'EP-A', 'EV-2', true, 'in_sync', 1, 1, null, now(), now()),
              (gen_random_uuid(), $1, $3, $5, $6, 'EP-B', 'EV-2', true, 'in_sync', 1, 1, null, now(), now())`,
      [org, shopA, shopB, one, two, productId],
    );
    // Product rows: two days in shop A, one derived day in shop B; a product no listing knows, a
    // variant row and a day outside the range count for nothing.
    await h.query(
      `insert into product_metric_daily (id, organization_id, connection_id, external_product_id, external_variant_id, date,
                                         page_views, impressions, source, derived)
       values (gen_random_uuid(), $1, $2, 'EP-A', '', $4::date, 10, 100, 'tiktok_analytics', false),
              (gen_random_uuid(), $1, $2, 'EP-A', '', $5::date, 20, 200, 'tiktok_analytics', false),
              (gen_random_uuid(), $1, $3, 'EP-B', '', $4::date, 5, null, 'shopee_snapshot_diff', true),
              (gen_random_uuid(), $1, $2, 'EP-X', '', $4::date, 1000, 1000, 'tiktok_analytics', false),
              (gen_random_uuid(), $1, $2, 'EP-A', 'EV-1', $4::date, 1000, 1000, 'tiktok_analytics', false),
              (gen_random_uuid(), $1, $2, 'EP-A', '', $6::date, 1000, 1000, 'tiktok_analytics', false)`,
      [org, shopA, shopB, day(-2), day(-3), day(-30)],
    );
    const filter = { from: day(-7), to: day(-1), shops: [] };
    const products = await owner.caller.analytics.products(filter);
    expect(products.rows).toEqual([
      expect.objectContaining({ productId, title: "Kettle", pageViews: 35, impressions: 300, derived: true, units: 0 }),
    ]);
    expect((await owner.caller.analytics.products({ ...filter, shops: [shopA] })).rows).toEqual([
      expect.objectContaining({ productId, pageViews: 30, impressions: 300, derived: false }),
    ]);
    expect((await owner.caller.analytics.pricing(filter)).inconsistencies).toEqual([]);
  });

  it("flags margins under the threshold set in Settings (20 % until one is set)", async () => {
    const owner = await h.signUp("Marge");
    const org = owner.organizationId;
    const productId = randomUUID();
    await h.query(
      `insert into product (id, organization_id, title, status, created_at, updated_at) values ($1, $2, 'Lamp', 'active', now(), now())`,
      [productId, org],
    );
    // Margins: 10 %, 25 %, 40 %.
    for (const [sku, cost] of [
      ["LAMP-10", 900],
      ["LAMP-25", 750],
      ["LAMP-40", 600],
    ] as const)
      await h.query(
        `insert into variant (id, organization_id, product_id, sku, price, cost, created_at, updated_at) values (gen_random_uuid(), $1, $2, $3, 1000, $4, now(), now())`,
        [org, productId, sku, cost],
      );
    const filter = { from: day(-7), to: day(-1), shops: [] };
    const byDefault = await owner.caller.analytics.pricing(filter);
    expect(byDefault).toMatchObject({ marginThreshold: 0.2, marginThresholdSource: "default" });
    expect(byDefault.lowMargin.map((row) => row.sku)).toEqual(["LAMP-10"]);

    // What Settings → Organization stores for "30 %".
    await h.query(`update organization set margin_threshold_bps = 3000 where id = $1`, [org]);
    const fromSettings = await owner.caller.analytics.pricing(filter);
    expect(fromSettings).toMatchObject({ marginThreshold: 0.3, marginThresholdSource: "settings" });
    expect(fromSettings.lowMargin.map((row) => row.sku)).toEqual(["LAMP-10", "LAMP-25"]);
  });

  it("gives each category's price distribution exactly as percentile_disc over its variants", async () => {
    const owner = await h.signUp("Perla");
    const org = owner.organizationId;
    const categories = [randomUUID(), randomUUID(), randomUUID()];
    for (const [i, id] of categories.entries())
      await h.query(
        `insert into category (id, organization_id, parent_id, name, path, position) values ($1, $2, null, $3, $3, $4)`,
        [id, org, `Category ${i}`, i],
      );
    // 60 products (every seventh archived, every fifth uncategorised), 1-4 variants each, prices
    // with repeats within and across products, and costs that put a few under the margin threshold.
    await h.query(
      `insert into product (id, organization_id, title, status, category_id, created_at, updated_at)
       select gen_random_uuid(), $1, 'Product ' || i, case when i % 7 = 0 then 'archived' else 'active' end,
              case when i % 5 = 0 then null else ($2::uuid[])[1 + i % 3] end, now(), now()
         from generate_series(1, 60) i`,
      [org, categories],
    );
    await h.query(
      `insert into variant (id, organization_id, product_id, sku, price, cost, created_at, updated_at)
       select gen_random_uuid(), $1, p.id, p.title || '-' || k, 100 * ((p.n * 7 + k * 13) % 23), 100 * ((p.n + k) % 9), now(), now()
         from (select id, title, row_number() over (order by title) as n from product where organization_id = $1) p
         cross join lateral generate_series(1, 1 + p.n::int % 4) k`,
      [org],
    );
    const direct = await h.query<Record<string, unknown>>(
      `select coalesce(c.name, 'Uncategorised') as category, count(*)::int as count, min(v.price)::float8 as min,
              percentile_disc(0.25) within group (order by v.price)::float8 as p25,
              percentile_disc(0.5) within group (order by v.price)::float8 as median,
              percentile_disc(0.75) within group (order by v.price)::float8 as p75, max(v.price)::float8 as max
         from variant v join product p on p.id = v.product_id left join category c on c.id = p.category_id
        where v.organization_id = $1 and p.status <> 'archived'
        group by 1 order by count(*) desc, 1`,
      [org],
    );
    const pricing = await owner.caller.analytics.pricing({ from: day(-7), to: day(-1), shops: [] });
    expect(direct).toHaveLength(4);
    expect(pricing.distribution).toEqual(direct);
    const flagged = await h.query<{ sku: string }>(
      `select v.sku from variant v join product p on p.id = v.product_id
        where v.organization_id = $1 and p.status <> 'archived' and v.cost is not null
          and (v.price < v.cost or v.price = 0 or (v.price - v.cost)::float8 / v.price < 0.2)
          and (v.price < v.cost or v.price > 0) -- a free variant at no cost is neither list's
        order by v.sku`,
      [org],
    );
    expect(flagged.length).toBeGreaterThan(0);
    expect([...pricing.belowCost, ...pricing.lowMargin].map((row) => row.sku).sort()).toEqual(
      flagged.map((row) => row.sku),
    );
  });

  it("answers the presets from the period rollup exactly as it sums any range from the daily rollup", async () => {
    const owner = await h.signUp("Petra");
    const org = owner.organizationId;
    const [currency] = await h.query<{ currency: string }>(`select currency from organization where id = $1`, [org]);
    const base = currency?.currency ?? "USD";
    const shops = [randomUUID(), randomUUID()];
    for (const [i, id] of shops.entries())
      await h.query(
        `insert into channel_connection (id, organization_id, platform, external_shop_id, name, region, status, created_at, updated_at)
         values ($1, $2, 'shopee', $4, $3, 'SG', 'active', now(), now())`,
        [id, org, `Shop ${i}`, `ext-${id}`],
      );
    // Three products (one archived), eight variants: stock 0 … 7, prices 1000 … 1700.
    const products = [randomUUID(), randomUUID(), randomUUID()];
    for (const [i, id] of products.entries())
      await h.query(
        `insert into product (id, organization_id, title, status, created_at, updated_at) values ($1, $2, $3, $4, now(), now())`,
        [id, org, `Product ${i}`, i === 2 ? "archived" : "active"],
      );
    const variants: string[] = [];
    for (let i = 0; i < 8; i += 1) {
      const id = randomUUID();
      variants.push(id);
      await h.query(
        `insert into variant (id, organization_id, product_id, sku, price, created_at, updated_at) values ($1, $2, $3, $4, $5, now(), now())`,
        [id, org, products[i % 3], `SKU-${i}`, 1000 + i * 100],
      );
      await h.query(
        `insert into stock_level (id, organization_id, variant_id, on_hand, committed, updated_at) values (gen_random_uuid(), $1, $2, $3, 0, now())`,
        [org, id, i],
      );
    }
    // Orders 1 … 40 days ago on both shops, shop 1 in a currency without a rate; variants 6 and 7 never sell.
    for (let n = 0; n < 30; n += 1) {
      const orderId = randomUUID();
      const shop = n % 2;
      await h.query(
        `insert into channel_order (id, organization_id, connection_id, external_order_id, status, currency, placed_at, created_at, updated_at)
         values ($1, $2, $3, $7, $4, $5, now() - $6 * interval '1 day', now(), now())`,
        [
          orderId,
          org,
          shops[shop],
          n % 7 === 0 ? "cancelled" : "paid",
          shop === 0 ? base : "VND",
          1 + ((n * 3) % 40),
          `ext-${orderId}`,
        ],
      );
      const variant = n % 6;
      await h.query(
        `insert into channel_order_line (id, organization_id, order_id, line_key, variant_id, sku, quantity, unit_price)
         values (gen_random_uuid(), $1, $2, gen_random_uuid()::text, $3, $4, $5, $6)`,
        [org, orderId, variants[variant], `SKU-${variant}`, 1 + (n % 3), 1000 + variant * 100],
      );
    }
    await rollupSales(h.orm.em);

    const em = forOrganization(h.orm.em.fork(), org);
    // Each preset over all shops (scope "all") and over each shop alone (scope = the shop).
    const scopes = [
      { filterShops: [], shopIds: shops, scope: "all" },
      ...shops.map((shop) => ({ filterShops: [shop], shopIds: [shop], scope: shop })),
    ];
    for (const days of [7, 30, 90]) {
      const fromPeriod = [];
      for (const { filterShops, shopIds, scope } of scopes) {
        const filter = { from: day(-days), to: day(-1), shops: filterShops };
        expect(await salesPeriodOf(em, periodsOf(filter).current, shopIds)).toEqual({ days, scope });
        fromPeriod.push({
          stock: await owner.caller.analytics.stock(filter),
          products: await owner.caller.analytics.products(filter),
        });
      }
      expect(fromPeriod[0]?.stock.rows.length).toBe(6); // the archived product's variants are left out
      await h.query(`delete from sales_period_state where organization_id = $1 and period_days = $2`, [org, days]);
      for (const [i, { filterShops, shopIds }] of scopes.entries()) {
        const filter = { from: day(-days), to: day(-1), shops: filterShops };
        expect(await salesPeriodOf(em, periodsOf(filter).current, shopIds)).toBeNull();
        const summed = {
          stock: await owner.caller.analytics.stock(filter),
          products: await owner.caller.analytics.products(filter),
        };
        expect(fromPeriod[i]?.products).toEqual(summed.products);
        expect({ ...fromPeriod[i]?.stock, freshness: null }).toEqual({ ...summed.stock, freshness: null });
      }
    }
    // A SKU renamed (the order among equal units follows it from the next rollup on).
    await h.query(`update variant set sku = 'AAA-' || sku, updated_at = now() where id = $1`, [variants[5]]);
    await rollupSales(h.orm.em);
    const filter = { from: day(-90), to: day(-1), shops: [] };
    const renamed = await owner.caller.analytics.stock(filter);
    await h.query(`delete from sales_period_state where organization_id = $1`, [org]);
    expect({ ...renamed, freshness: null }).toEqual({
      ...(await owner.caller.analytics.stock(filter)),
      freshness: null,
    });
    // A range that is no preset, or a shop set that is neither all nor one shop, is summed from sales_daily.
    await rollupSales(h.orm.em);
    expect(await salesPeriodOf(em, periodsOf({ from: day(-6), to: day(-2), shops: [] }).current, shops)).toBeNull();
    expect(
      await salesPeriodOf(em, periodsOf({ from: day(-365), to: day(-1), shops: [] }).current, [shops[0] ?? ""]),
    ).toEqual({ days: 365, scope: shops[0] });
    expect(
      await salesPeriodOf(em, periodsOf({ from: day(-365), to: day(-1), shops: [] }).current, [
        shops[0] ?? "",
        randomUUID(),
      ]),
    ).toBeNull();
  });

  it("lists the same 500 products from the period rollup's revenue index as from the daily rollup", async () => {
    const owner = await h.signUp("Ranker");
    const org = owner.organizationId;
    const shop = randomUUID();
    await h.query(
      `insert into channel_connection (id, organization_id, platform, external_shop_id, name, region, status, created_at, updated_at)
       values ($1, $2, 'shopee', $3, 'Shop', 'SG', 'active', now(), now())`,
      [shop, org, `ext-${shop}`],
    );
    // 600 products with one variant each; revenue i mod 97 (ties at the 500th), in the organization's currency.
    await h.query(
      `insert into product (id, organization_id, title, status, created_at, updated_at)
       select gen_random_uuid(), $1, 'Product ' || i, 'active', now(), now() from generate_series(1, 600) i`,
      [org],
    );
    await h.query(
      `insert into variant (id, organization_id, product_id, sku, price, created_at, updated_at)
       select gen_random_uuid(), $1, id, 'SKU-' || title, 100, now(), now() from product where organization_id = $1`,
      [org],
    );
    await h.query(
      `with v as (select id, sku, row_number() over (order by sku) as n from variant where organization_id = $1),
            o as (insert into channel_order (id, organization_id, connection_id, external_order_id, status, currency, placed_at, created_at, updated_at)
                  select gen_random_uuid(), $1, $2, 'O' || n, 'paid', (select currency from organization where id = $1),
                         now() - (2 + n % 5) * interval '1 day', now(), now() from v returning id, external_order_id)
       insert into channel_order_line (id, organization_id, order_id, line_key, variant_id, sku, quantity, unit_price)
       select gen_random_uuid(), $1, o.id, gen_random_uuid()::text, v.id, v.sku, 1, 100 * (v.n % 97)
         from o join v on 'O' || v.n = o.external_order_id`,
      [org, shop],
    );
    await rollupSales(h.orm.em);
    const filter = { from: day(-7), to: day(-1), shops: [] };
    const fromPeriod = await owner.caller.analytics.products(filter);
    expect(fromPeriod.rows).toHaveLength(500);
    await h.query(`delete from sales_period_state where organization_id = $1`, [org]);
    expect(await owner.caller.analytics.products(filter)).toEqual(fromPeriod);
  });

  it("refuses a reversed range with a field error", async () => {
    const owner = await h.signUp("Rangel");
    const error = await owner.caller.analytics
      .sales({ from: day(-1), to: day(-7), shops: [] })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TRPCError);
    expect((error as TRPCError).code).toBe("BAD_REQUEST");
  });
});
