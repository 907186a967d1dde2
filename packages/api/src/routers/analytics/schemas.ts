import { text } from "@syncstore/domain";
import { z } from "zod";

const num = z.number();
const nullableNum = z.number().nullable();
const totals = z.object({ orders: num, validOrders: num, units: num, revenue: num });
const shop = z.object({
  id: text(),
  name: text(),
  platform: z.enum(["shopee", "tiktok"]),
  region: text().nullable(),
});

export const salesOutput = z.object({
  currency: text(),
  shops: z.array(shop.extend({ current: totals, previous: totals })),
  days: z.array(z.object({ day: text(), revenue: num, validOrders: num, byShop: z.record(text(), num) })),
  current: totals,
  previous: totals,
  unconverted: z.array(text()),
  freshness: z.object({ ordersUpTo: text().nullable(), rolledUpAt: text().nullable() }),
});

export const productsOutput = z.object({
  currency: text(),
  rows: z.array(
    z.object({
      productId: text(),
      title: text(),
      revenue: num,
      units: num,
      pageViews: num,
      impressions: num,
      clickThroughRate: nullableNum,
      conversion: nullableNum,
      derived: z.boolean(),
    }),
  ),
  unconverted: z.array(text()),
  freshness: z.object({ tiktokUpTo: text().nullable(), shopeeUpTo: text().nullable() }),
});

const variantRef = { variantId: text(), sku: text(), title: text() };
export const pricingOutput = z.object({
  currency: text(),
  distribution: z.array(
    z.object({ category: text(), count: num, min: num, p25: num, median: num, p75: num, max: num }),
  ),
  inconsistencies: z.array(
    z.object({
      ...variantRef,
      shopId: text(),
      shopName: text(),
      masterPrice: num,
      rule: text(),
      expectedPrice: nullableNum,
      shownPrice: nullableNum,
      difference: nullableNum,
    }),
  ),
  belowCost: z.array(z.object({ ...variantRef, price: num, cost: num })),
  lowMargin: z.array(z.object({ ...variantRef, price: num, cost: num, margin: num })),
  marginThreshold: num,
  marginThresholdSource: z.enum(["settings", "default"]),
  freshness: z.object({ pricesAt: text() }),
});

export const stockOutput = z.object({
  currency: text(),
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
  freshness: z.object({ stockAt: text(), rolledUpAt: text().nullable() }),
});

export const syncHealthOutput = z.object({
  shops: z.array(
    z.object({
      id: text(),
      name: text(),
      platform: text(),
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
  days: z.array(z.object({ day: text(), attempts: num, successes: num, failures: num })),
  reasons: z.array(z.object({ reason: text(), count: num })),
  freshness: z.object({ rolledUpAt: text().nullable() }),
});
