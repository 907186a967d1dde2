import { z } from "zod";
import { ChannelError } from "../errors";
import { type DailyFigures, type DailyPerformance, type DateRange } from "../types";
import { type ShopSession } from "../types";
import { type TikTokClient } from "./client";

const id = z.union([z.string().min(1), z.number()]).transform((value) => String(value));
const money = z.looseObject({ amount: z.string(), currency: z.string() });
const interval = z.looseObject({
  start_date: z.string(),
  gmv: money.optional(),
  orders: z.number().optional(),
  sku_orders: z.number().optional(),
  units_sold: z.number().optional(),
  product_page_views: z.number().optional(),
  product_impressions: z.number().optional(),
  page_views: z.number().optional(),
  impressions: z.number().optional(),
  click_through_rate: z.string().optional(),
});
const seriesSchema = z.looseObject({
  latest_available_date: z.string().optional(),
  performance: z.looseObject({ intervals: z.array(interval).default([]) }).optional(),
});
const skuListSchema = z.looseObject({
  latest_available_date: z.string().optional(),
  next_page_token: z.string().optional(),
  skus: z
    .array(
      z.looseObject({
        id,
        product_id: id,
        gmv: money.optional(),
        sku_orders: z.number().optional(),
        units_sold: z.number().optional(),
      }),
    )
    .default([]),
});

const MAX_PAGE_SIZE = 100;

function toDay(entry: z.infer<typeof interval>): DailyFigures {
  return {
    date: entry.start_date,
    gmv: entry.gmv ? { amount: entry.gmv.amount, currency: entry.gmv.currency } : null,
    orders: entry.orders ?? entry.sku_orders ?? null,
    unitsSold: entry.units_sold ?? null,
    pageViews: entry.page_views ?? entry.product_page_views ?? null,
    impressions: entry.impressions ?? entry.product_impressions ?? null,
    clickThroughRate: entry.click_through_rate ?? null,
  };
}

function shopOf(session: ShopSession) {
  if (!session.shopCipher)
    throw new ChannelError("VALIDATION", `TikTok shop ${session.shopId} has no shop_cipher; reconnect the shop`);
  return { accessToken: session.accessToken, shopCipher: session.shopCipher };
}

const dates = (range: DateRange) => ({ start_date_ge: range.from, end_date_lt: range.to, currency: "LOCAL" });

/** TikTok Shop analytics: daily shop and product series, SKU lists per range. */
export function tiktokPerformance(client: TikTokClient): DailyPerformance {
  const series = async (session: ShopSession, path: string, range: DateRange) => {
    const { data } = await client.call(
      { method: "GET", path, query: { ...dates(range), granularity: "1D" }, ...shopOf(session) },
      seriesSchema,
    );
    return {
      days: (data.performance?.intervals ?? []).map(toDay),
      latestAvailableDate: data.latest_available_date ?? null,
    };
  };
  return {
    kind: "daily",
    apis: {
      shop: "analytics.shop_performance",
      product: "analytics.shop_product_performance",
      skus: "analytics.shop_skus_performance",
    },
    getShopDaily: (session, range) => series(session, "/analytics/202405/shop/performance", range),
    getProductDaily: (session, productId, range) =>
      series(session, `/analytics/202405/shop_products/${encodeURIComponent(productId)}/performance`, range),
    async listSkus(session, range, page = {}) {
      const { data } = await client.call(
        {
          method: "GET",
          path: "/analytics/202406/shop_skus/performance",
          query: {
            ...dates(range),
            page_size: Math.min(MAX_PAGE_SIZE, Math.max(1, page.pageSize ?? MAX_PAGE_SIZE)),
            page_token: page.pageToken ?? undefined,
          },
          ...shopOf(session),
        },
        skuListSchema,
      );
      return {
        skus: data.skus.map((sku) => ({
          productId: sku.product_id,
          variantId: sku.id,
          gmv: sku.gmv ? { amount: sku.gmv.amount, currency: sku.gmv.currency } : null,
          orders: sku.sku_orders ?? null,
          unitsSold: sku.units_sold ?? null,
        })),
        nextPageToken: data.next_page_token ? data.next_page_token : null,
        latestAvailableDate: data.latest_available_date ?? null,
      };
    },
  };
}
