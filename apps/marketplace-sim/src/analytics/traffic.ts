import { createHash } from "node:crypto";
import { type Order, type Product, type Shop } from "../store/types";

/**
 * Marketplace traffic of the simulator: deterministic from the simulator's seed and following
 * its own orders, so tests can compute the expected analytics. Per product and shop-local day:
 *
 * - units, orders and GMV come from the orders created that day (cancelled orders excluded);
 * - page views = a seeded base of 20–49 + 8 × units; impressions = page views × (4–8, seeded);
 * - click-through rate = page views ÷ impressions.
 *
 * Shopee's cumulative counters (`get_item_extra_info`) add the days since the product was created,
 * with today's views counted pro rata to the hour so two snapshots a day apart differ by a day.
 */

/** IANA zone of a shop's region (the zone its analytics dates are counted in). */
const zones: Record<string, string> = {
  SG: "Asia/Singapore",
  MY: "Asia/Kuala_Lumpur",
  ID: "Asia/Jakarta",
  TH: "Asia/Bangkok",
  VN: "Asia/Ho_Chi_Minh",
  PH: "Asia/Manila",
  TW: "Asia/Taipei",
  BR: "America/Sao_Paulo",
  MX: "America/Mexico_City",
  CO: "America/Bogota",
  CL: "America/Santiago",
  AR: "America/Argentina/Buenos_Aires",
  PL: "Europe/Warsaw",
  ES: "Europe/Madrid",
  GB: "Europe/London",
  US: "America/Los_Angeles",
};

export function shopZone(shop: Shop): string {
  return zones[shop.region] ?? "UTC";
}

/** `YYYY-MM-DD` of an instant (seconds) in a zone. */
export function localDate(seconds: number, zone: string): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: zone, year: "numeric", month: "2-digit", day: "2-digit" }).format(
    new Date(seconds * 1000),
  );
}

export function addDays(date: string, days: number): string {
  const at = new Date(`${date}T00:00:00Z`);
  at.setUTCDate(at.getUTCDate() + days);
  return at.toISOString().slice(0, 10);
}

export function datesBetween(from: string, toExclusive: string): string[] {
  const out: string[] = [];
  for (let day = from; day < toExclusive; day = addDays(day, 1)) out.push(day);
  return out;
}

export interface DayFigures {
  units: number;
  orders: number;
  /** Major units of the shop currency. */
  gmv: number;
  pageViews: number;
  impressions: number;
}

export const emptyFigures = (): DayFigures => ({ units: 0, orders: 0, gmv: 0, pageViews: 0, impressions: 0 });

export class TrafficModel {
  constructor(private readonly seed: number) {}

  private unit(...parts: string[]): number {
    const digest = createHash("sha256")
      .update(`${this.seed}:${parts.join(":")}`)
      .digest();
    return digest.readUInt32BE(0) / 2 ** 32;
  }

  baseViews(productId: string, date: string): number {
    return 20 + Math.floor(this.unit("views", productId, date) * 30);
  }

  impressionFactor(productId: string, date: string): number {
    return 4 + Math.floor(this.unit("impressions", productId, date) * 5);
  }

  /** Figures of one product (or one variant with `variantId`) on one shop-local date. */
  day(shop: Shop, orders: readonly Order[], product: Product, date: string, variantId?: string): DayFigures {
    const zone = shopZone(shop);
    const figures = emptyFigures();
    for (const order of orders) {
      if (isCancelled(order) || localDate(order.createTime, zone) !== date) continue;
      const lines = order.lines.filter(
        (line) => line.productId === product.id && (variantId === undefined || line.variantId === variantId),
      );
      if (lines.length === 0) continue;
      figures.orders += 1;
      for (const line of lines) {
        figures.units += line.quantity;
        figures.gmv += line.quantity * line.price;
      }
    }
    if (variantId === undefined) {
      figures.pageViews = this.baseViews(product.id, date) + 8 * figures.units;
      figures.impressions = figures.pageViews * this.impressionFactor(product.id, date);
    }
    figures.gmv = Math.round(figures.gmv * 100) / 100;
    return figures;
  }

  /** Shopee's cumulative counters of an item at `nowSeconds`. */
  cumulative(
    shop: Shop,
    orders: readonly Order[],
    product: Product,
    nowSeconds: number,
  ): { sale: number; views: number; likes: number; ratingStar: number; commentCount: number } {
    const zone = shopZone(shop);
    const today = localDate(nowSeconds, zone);
    let views = 0;
    for (const date of datesBetween(localDate(product.createTime, zone), today))
      views += this.baseViews(product.id, date);
    const hour = Number(
      new Intl.DateTimeFormat("en-GB", { timeZone: zone, hour: "2-digit", hourCycle: "h23" }).format(
        new Date(nowSeconds * 1000),
      ),
    );
    views += Math.floor((this.baseViews(product.id, today) * hour) / 24);
    let sale = 0;
    for (const order of orders) {
      if (isCancelled(order)) continue;
      for (const line of order.lines) if (line.productId === product.id) sale += line.quantity;
    }
    views += 8 * sale;
    return {
      sale,
      views,
      likes: Math.floor(views / 20),
      ratingStar: Math.round((4 + this.unit("rating", product.id)) * 10) / 10,
      commentCount: Math.floor(sale / 3),
    };
  }
}

function isCancelled(order: Order): boolean {
  return order.status === "CANCELLED" || order.status === "CANCEL";
}
