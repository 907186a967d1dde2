import { type Money, type ShopSession } from "./types";

/**
 * Marketplace performance data. The two platforms differ in kind, so the adapter says which it
 * offers: Shopee gives cumulative counters per item (`get_item_extra_info`, no dates: daily
 * figures are differences of snapshots), TikTok Shop gives daily figures by shop-local date with
 * the latest date it has data for (`latest_available_date`).
 */

/** Shopee item counters as of the call. */
export interface ItemCounters {
  productId: string;
  /** Units sold since the item was listed. */
  sales: number;
  views: number;
  likes: number;
  ratingStar: number;
  commentCount: number;
}

/** Dates are `YYYY-MM-DD` in the shop's time zone; `to` is exclusive. */
export interface DateRange {
  from: string;
  to: string;
}

/** One shop-local day of figures (null where the platform does not report the figure). */
export interface DailyFigures {
  date: string;
  gmv: Money | null;
  orders: number | null;
  unitsSold: number | null;
  pageViews: number | null;
  impressions: number | null;
  /** Decimal string as the platform gives it ("0.1250"). */
  clickThroughRate: string | null;
}

export interface DailySeries {
  days: DailyFigures[];
  /** The last date the platform has data for; later dates in the range are absent. */
  latestAvailableDate: string | null;
}

export interface SkuFigures {
  productId: string;
  variantId: string;
  gmv: Money | null;
  orders: number | null;
  unitsSold: number | null;
}

export interface SkuPage {
  skus: SkuFigures[];
  nextPageToken: string | null;
  latestAvailableDate: string | null;
}

export interface CumulativePerformance {
  kind: "cumulative";
  /** Items per `getItemCounters` call. */
  readonly itemsPerCall: number;
  /** Rate-limit bucket name of the call (one per API). */
  readonly api: string;
  getItemCounters(session: ShopSession, productIds: readonly string[]): Promise<ItemCounters[]>;
}

export interface DailyPerformance {
  kind: "daily";
  readonly apis: { shop: string; product: string; skus: string };
  /** Whole-shop figures per day. */
  getShopDaily(session: ShopSession, range: DateRange): Promise<DailySeries>;
  /** One product's figures per day (traffic: page views, impressions, click-through rate). */
  getProductDaily(session: ShopSession, productId: string, range: DateRange): Promise<DailySeries>;
  /** Every SKU's totals over the range (ask one day at a time for daily figures), a page at a time. */
  listSkus(
    session: ShopSession,
    range: DateRange,
    page?: { pageToken?: string | null; pageSize?: number },
  ): Promise<SkuPage>;
}

export type PerformanceApi = CumulativePerformance | DailyPerformance;
