import { z } from "zod";

const num = z.number();
const nullableNum = z.number().nullable();
const totals = z.object({ orders: num, validOrders: num, units: num, revenue: num });
const shop = z.object({
  id: z.string(),
  name: z.string(),
  platform: z.enum(["shopee", "tiktok"]),
  region: z.string().nullable(),
});

export const salesOutput = z.object({
  currency: z.string(),
  shops: z.array(shop.extend({ current: totals, previous: totals })),
  days: z.array(z.object({ day: z.string(), revenue: num, validOrders: num, byShop: z.record(z.string(), num) })),
  current: totals,
  previous: totals,
  unconverted: z.array(z.string()),
  freshness: z.object({ ordersUpTo: z.string().nullable(), rolledUpAt: z.string().nullable() }),
});

export const productsOutput = z.object({
  currency: z.string(),
  rows: z.array(
    z.object({
      productId: z.string(),
      title: z.string(),
      revenue: num,
      units: num,
      pageViews: num,
      impressions: num,
      clickThroughRate: nullableNum,
      conversion: nullableNum,
      derived: z.boolean(),
    }),
  ),
  unconverted: z.array(z.string()),
  freshness: z.object({ tiktokUpTo: z.string().nullable(), shopeeUpTo: z.string().nullable() }),
});

const variantRef = { variantId: z.string(), sku: z.string(), title: z.string() };
export const pricingOutput = z.object({
  currency: z.string(),
  distribution: z.array(
    z.object({ category: z.string(), count: num, min: num, p25: num, median: num, p75: num, max: num }),
  ),
  inconsistencies: z.array(
    z.object({
      ...variantRef,
      shopId: z.string(),
      shopName: z.string(),
      masterPrice: num,
      rule: z.string(),
      expectedPrice: nullableNum,
      shownPrice: nullableNum,
      difference: nullableNum,
    }),
  ),
  belowCost: z.array(z.object({ ...variantRef, price: num, cost: num })),
  lowMargin: z.array(z.object({ ...variantRef, price: num, cost: num, margin: num })),
  marginThreshold: num,
  freshness: z.object({ pricesAt: z.string() }),
});

export const stockOutput = z.object({
  currency: z.string(),
  rows: z.array(
    z.object({
      ...variantRef,
      available: num,
      unitsSold: num,
      revenue: num,
      sellThrough: nullableNum,
      daysOfCover: nullableNum,
      abc: z.enum(["A", "B", "C"]),
      outOfStock: z.boolean(),
      overstock: z.boolean(),
    }),
  ),
  summary: z.object({ A: num, B: num, C: num, outOfStock: num, overstock: num, oversold: num }),
  freshness: z.object({ stockAt: z.string(), rolledUpAt: z.string().nullable() }),
});

export const syncHealthOutput = z.object({
  shops: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      platform: z.string(),
      attempts: num,
      successes: num,
      failures: num,
      successRate: nullableNum,
      p50: nullableNum,
      p95: nullableNum,
      webhooks: num,
      webhookFailures: num,
      drift: num,
    }),
  ),
  days: z.array(z.object({ day: z.string(), attempts: num, successes: num, failures: num })),
  reasons: z.array(z.object({ reason: z.string(), count: num })),
  freshness: z.object({ rolledUpAt: z.string().nullable() }),
});
