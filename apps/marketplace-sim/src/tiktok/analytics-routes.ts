import express, { type Router } from "express";
import { z } from "zod";
import { addDays, datesBetween, type DayFigures, emptyFigures, localDate, shopZone } from "../analytics/traffic";
import { type SimContext } from "../context";
import { type Order, type Product, type Shop } from "../store/types";
import { tiktokApi } from "./api";
import { invalid, TikTokError, tiktokCodes } from "./errors";
import { nextToken, offsetOf, pageSizeOf } from "./product-routes";

/**
 * TikTok Shop analytics (scope `data.shop_analytics.public.read`): shop, product and SKU
 * performance by shop-local date. Data is available up to yesterday in the shop's zone
 * (`latest_available_date`); a range reaching past it is cut there.
 */
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date YYYY-MM-DD");
const querySchema = z.object({
  start_date_ge: isoDate,
  end_date_lt: isoDate,
  granularity: z.enum(["ALL", "1D"]).default("ALL"),
  currency: z.enum(["LOCAL", "USD"]).default("LOCAL"),
  with_comparison: z.enum(["true", "false"]).default("false"),
});
type AnalyticsQuery = z.infer<typeof querySchema>;

interface Window {
  query: AnalyticsQuery;
  latest: string;
  /** Dates answered: [start, min(end, latest + 1)). */
  dates: string[];
}

function windowOf(ctx: SimContext, shop: Shop, params: URLSearchParams): Window {
  const parsed = querySchema.safeParse(Object.fromEntries(params));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw invalid(`Invalid ${String(issue?.path[0] ?? "query")}: ${issue?.message ?? "malformed"}.`);
  }
  const query = parsed.data;
  if (query.end_date_lt <= query.start_date_ge) throw invalid("end_date_lt must be after start_date_ge.");
  if (datesBetween(query.start_date_ge, query.end_date_lt).length > 366)
    throw invalid("The date range may span at most 366 days.");
  if (query.currency === "USD" && shop.currency !== "USD")
    throw invalid(`The simulator reports ${shop.currency} shops in LOCAL currency only.`);
  const latest = addDays(localDate(ctx.store.now(), shopZone(shop)), -1);
  const end = query.end_date_lt < addDays(latest, 1) ? query.end_date_lt : addDays(latest, 1);
  return { query, latest, dates: query.start_date_ge < end ? datesBetween(query.start_date_ge, end) : [] };
}

function money(shop: Shop, amount: number) {
  return { amount: amount.toFixed(2), currency: shop.currency };
}

function sum(days: DayFigures[]): DayFigures {
  const total = emptyFigures();
  for (const day of days) {
    total.units += day.units;
    total.orders += day.orders;
    total.gmv += day.gmv;
    total.pageViews += day.pageViews;
    total.impressions += day.impressions;
  }
  total.gmv = Math.round(total.gmv * 100) / 100;
  return total;
}

/** Groups dates into the requested intervals: one per day (`1D`) or one for the range (`ALL`). */
function intervals(window: Window): { start: string; end: string; dates: string[] }[] {
  if (window.dates.length === 0) return [];
  if (window.query.granularity === "1D")
    return window.dates.map((date) => ({ start: date, end: addDays(date, 1), dates: [date] }));
  const last = window.dates[window.dates.length - 1] ?? window.query.start_date_ge;
  return [{ start: window.query.start_date_ge, end: addDays(last, 1), dates: window.dates }];
}

/**
 * The period compared with (`with_comparison=true`): the same intervals moved back by the length
 * of the requested range, so the comparison ends where the range starts.
 */
function comparisonIntervals(window: Window): { start: string; end: string; dates: string[] }[] {
  if (window.query.with_comparison !== "true") return [];
  const back = -datesBetween(window.query.start_date_ge, window.query.end_date_lt).length;
  return intervals(window).map((interval) => ({
    start: addDays(interval.start, back),
    end: addDays(interval.end, back),
    dates: interval.dates.map((date) => addDays(date, back)),
  }));
}

/**
 * TikTok splits figures by where the buyer came from (LIVE, VIDEO, PRODUCT_CARD). The simulated
 * shops have no live streams or videos: all of their traffic and sales come through product cards.
 */
function breakdowns<T>(total: T, none: T): { type: string; amount: T }[] {
  return [
    { type: "LIVE", amount: none },
    { type: "VIDEO", amount: none },
    { type: "PRODUCT_CARD", amount: total },
  ];
}

function moneyBreakdowns(shop: Shop, amount: number) {
  return breakdowns(amount.toFixed(2), "0.00").map((entry) => ({ ...entry, currency: shop.currency }));
}

const ctr = (figures: DayFigures) =>
  figures.impressions === 0 ? "0" : (figures.pageViews / figures.impressions).toFixed(4);

function liveProducts(ctx: SimContext, shop: Shop): Product[] {
  return ctx.store
    .productsOf(shop)
    .filter((product) => product.status !== "DELETED")
    .sort((a, b) => a.id.localeCompare(b.id));
}

function productOf(ctx: SimContext, shop: Shop, id: string): Product {
  const product = ctx.store.findProduct(shop, id);
  if (!product || product.status === "DELETED")
    throw new TikTokError(tiktokCodes.productNotFound, `Product ${id} not found in this shop.`);
  return product;
}

export function tiktokAnalyticsRoutes(ctx: SimContext): Router {
  const router = express.Router();
  const traffic = ctx.traffic;
  const figures = (shop: Shop, orders: Order[], product: Product, dates: string[], variantId?: string) =>
    sum(dates.map((date) => traffic.day(shop, orders, product, date, variantId)));

  router.get(
    "/analytics/202405/shop/performance",
    tiktokApi(ctx, { api: "analytics.shop_performance", shopScoped: true }, ({ params, shop }) => {
      const window = windowOf(ctx, shop, params);
      const orders = ctx.store.ordersOf(shop);
      const products = liveProducts(ctx, shop);
      const shopInterval = (interval: { start: string; end: string; dates: string[] }) => {
        const total = sum(products.map((product) => figures(shop, orders, product, interval.dates)));
        const inInterval = (order: Order) => interval.dates.includes(localDate(order.createTime, shopZone(shop)));
        const shopOrders = orders.filter((order) => order.status !== "CANCEL" && inInterval(order));
        const cancelled = orders.filter((order) => order.status === "CANCELLED" && inInterval(order)).length;
        const visitors = Math.round(total.pageViews / Math.max(1, interval.dates.length));
        return {
          start_date: interval.start,
          end_date: interval.end,
          gmv: money(shop, total.gmv),
          gmv_breakdowns: moneyBreakdowns(shop, total.gmv),
          orders: shopOrders.length,
          sku_orders: total.orders,
          avg_order_value: money(shop, shopOrders.length ? total.gmv / shopOrders.length : 0),
          units_sold: total.units,
          buyers: shopOrders.length,
          buyer_breakdowns: breakdowns(shopOrders.length, 0),
          product_impressions: total.impressions,
          product_impression_breakdowns: breakdowns(total.impressions, 0),
          product_page_views: total.pageViews,
          product_page_view_breakdowns: breakdowns(total.pageViews, 0),
          avg_product_page_visitors: visitors,
          avg_product_page_visitor_breakdowns: breakdowns(visitors, 0),
          // The simulator has no refunds; cancelled orders are its cancellations.
          refunds: money(shop, 0),
          cancellations_and_returns: cancelled,
        };
      };
      return {
        latest_available_date: window.latest,
        performance: {
          intervals: intervals(window).map(shopInterval),
          comparison_intervals: comparisonIntervals(window).map(shopInterval),
        },
      };
    }),
  );

  router.get(
    "/analytics/202405/shop_products/performance",
    tiktokApi(ctx, { api: "analytics.shop_products_performance", shopScoped: true }, ({ params, shop }) => {
      const window = windowOf(ctx, shop, params);
      const size = pageSizeOf(params);
      const offset = offsetOf(params);
      const orders = ctx.store.ordersOf(shop);
      const products = liveProducts(ctx, shop);
      return {
        latest_available_date: window.latest,
        total_count: products.length,
        next_page_token: nextToken(offset, size, products.length),
        products: products.slice(offset, offset + size).map((product) => {
          const total = figures(shop, orders, product, window.dates);
          return {
            id: product.id,
            gmv: money(shop, total.gmv),
            orders: total.orders,
            units_sold: total.units,
            click_through_rate: ctr(total),
          };
        }),
      };
    }),
  );

  router.get(
    "/analytics/202405/shop_products/:productId/performance",
    tiktokApi(ctx, { api: "analytics.shop_product_performance", shopScoped: true }, ({ req, params, shop }) => {
      const window = windowOf(ctx, shop, params);
      const product = productOf(ctx, shop, String(req.params.productId));
      const orders = ctx.store.ordersOf(shop);
      const productInterval = (interval: { start: string; end: string; dates: string[] }) => {
        const total = figures(shop, orders, product, interval.dates);
        const visitors = Math.round(total.pageViews / Math.max(1, interval.dates.length));
        return {
          start_date: interval.start,
          end_date: interval.end,
          gmv: money(shop, total.gmv),
          gmv_breakdowns: moneyBreakdowns(shop, total.gmv),
          orders: total.orders,
          units_sold: total.units,
          unit_sold_breakdowns: breakdowns(total.units, 0),
          impressions: total.impressions,
          impression_breakdowns: breakdowns(total.impressions, 0),
          page_views: total.pageViews,
          page_view_breakdowns: breakdowns(total.pageViews, 0),
          avg_page_visitors: visitors,
          avg_page_visitor_breakdowns: breakdowns(visitors, 0),
          click_through_rate: ctr(total),
          click_through_rate_breakdowns: breakdowns(ctr(total), "0"),
        };
      };
      return {
        latest_available_date: window.latest,
        performance: {
          intervals: intervals(window).map(productInterval),
          comparison_intervals: comparisonIntervals(window).map(productInterval),
        },
      };
    }),
  );

  router.get(
    "/analytics/202406/shop_skus/performance",
    tiktokApi(ctx, { api: "analytics.shop_skus_performance", shopScoped: true }, ({ params, shop }) => {
      const window = windowOf(ctx, shop, params);
      const size = pageSizeOf(params);
      const offset = offsetOf(params);
      const orders = ctx.store.ordersOf(shop);
      const only = params.get("product_id");
      const skus = liveProducts(ctx, shop)
        .filter((product) => !only || product.id === only)
        .flatMap((product) => product.variants.map((variant) => ({ product, variant })));
      return {
        latest_available_date: window.latest,
        total_count: skus.length,
        next_page_token: nextToken(offset, size, skus.length),
        skus: skus.slice(offset, offset + size).map(({ product, variant }) => {
          const total = figures(shop, orders, product, window.dates, variant.id);
          return {
            id: variant.id,
            product_id: product.id,
            gmv: money(shop, total.gmv),
            sku_orders: total.orders,
            units_sold: total.units,
          };
        }),
      };
    }),
  );

  router.get(
    "/analytics/202406/shop_skus/:skuId/performance",
    tiktokApi(ctx, { api: "analytics.shop_sku_performance", shopScoped: true }, ({ req, params, shop }) => {
      const window = windowOf(ctx, shop, params);
      const skuId = String(req.params.skuId);
      const product = liveProducts(ctx, shop).find((p) => p.variants.some((v) => v.id === skuId));
      if (!product) throw new TikTokError(tiktokCodes.productNotFound, `SKU ${skuId} not found in this shop.`);
      const orders = ctx.store.ordersOf(shop);
      return {
        latest_available_date: window.latest,
        performance: {
          product_id: product.id,
          intervals: intervals(window).map((interval) => {
            const total = figures(shop, orders, product, interval.dates, skuId);
            return {
              start_date: interval.start,
              end_date: interval.end,
              gmv: money(shop, total.gmv),
              units_sold: total.units,
              sku_orders: total.orders,
            };
          }),
        },
      };
    }),
  );

  return router;
}
