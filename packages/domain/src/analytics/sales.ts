import { currencyExponent } from "../catalog/money";

/**
 * Sales definitions, shown word for word in the Analytics page's help:
 *
 * - valid orders = all orders − cancelled − refunded;
 * - revenue = the line price after item discounts × quantity, over valid orders; shipping excluded;
 * - an order counts on its creation date in the shop's time zone;
 * - amounts stay in the shop's currency and are converted to the organization's currency with the
 *   organization's exchange rates when shown.
 */
export const salesDefinitions = {
  validOrders: "Valid orders = all orders − cancelled − refunded.",
  revenue: "Revenue = line price after item discounts × quantity, for valid orders; shipping excluded.",
  orderDate: "An order counts on its creation date in the shop's time zone.",
  currency:
    "Amounts are kept in each shop's currency and converted to the organization's currency with the exchange rates set in Settings.",
} as const;

export type OrderClass = "valid" | "cancelled" | "refunded";

/** Normalized order statuses that take an order out of the valid ones. */
const cancelledStatuses = new Set(["cancelled", "canceled"]);
const refundedStatuses = new Set(["refunded", "returned"]);

/** Unknown statuses count as valid (an open order), as the platforms advise. */
export function orderClass(status: string): OrderClass {
  const normalized = status.trim().toLowerCase();
  if (cancelledStatuses.has(normalized)) return "cancelled";
  if (refundedStatuses.has(normalized)) return "refunded";
  return "valid";
}

/** The statuses as SQL lists, so rollups in SQL use the same definition. */
export const cancelledOrderStatuses = [...cancelledStatuses];
export const refundedOrderStatuses = [...refundedStatuses];

/** Revenue of one line in minor units: price after item discounts × quantity (no shipping). */
export function lineRevenue(line: { unitPrice: number | null; quantity: number }): number {
  return (line.unitPrice ?? 0) * line.quantity;
}

/** IANA zone of a marketplace region (the zone the shop's dates are counted in). */
const regionZones: Record<string, string> = {
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

export function shopTimeZone(region: string | null | undefined): string {
  return (region && regionZones[region.toUpperCase()]) || "UTC";
}

/** Every region zone, for SQL that maps `channel_connection.region` to a zone. */
export const regionTimeZones: Readonly<Record<string, string>> = regionZones;

/** `YYYY-MM-DD` of an instant in a zone. */
export function localDay(at: Date, zone: string): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: zone, year: "numeric", month: "2-digit", day: "2-digit" }).format(
    at,
  );
}

export function addDays(day: string, days: number): string {
  const at = new Date(`${day}T00:00:00Z`);
  at.setUTCDate(at.getUTCDate() + days);
  return at.toISOString().slice(0, 10);
}

export function daysBetween(from: string, toExclusive: string): string[] {
  const out: string[] = [];
  for (let day = from; day < toExclusive; day = addDays(day, 1)) out.push(day);
  return out;
}

/**
 * Exchange rates of an organization: `rates[c]` is how many units of `base` one unit of `c` is
 * worth. The base currency converts at 1.
 */
export interface ExchangeRates {
  base: string;
  rates: Readonly<Record<string, number>>;
}

export class MissingRateError extends Error {
  override readonly name = "MissingRateError";
  constructor(readonly currency: string) {
    super(`No exchange rate for ${currency}: add one in Settings → Organization`);
  }
}

/** Converts minor units of `currency` to minor units of the base currency (rounded half away from zero). */
export function convertToOrganizationMinor(amount: number, currency: string, rates: ExchangeRates): number {
  if (currency.toUpperCase() === rates.base.toUpperCase()) return amount;
  const rate = rates.rates[currency.toUpperCase()];
  if (rate === undefined || !(rate > 0)) throw new MissingRateError(currency);
  const major = amount / 10 ** currencyExponent(currency);
  const converted = major * rate * 10 ** currencyExponent(rates.base);
  return Math.sign(converted) * Math.round(Math.abs(converted));
}

export interface SalesOrder {
  connectionId: string;
  status: string;
  currency: string;
  placedAt: Date;
  /** The shop's time zone. */
  zone: string;
  lines: { lineKey: string; quantity: number; unitPrice: number | null }[];
}

export interface SalesDayBucket {
  connectionId: string;
  day: string;
  lineKey: string;
  currency: string;
  orders: number;
  validOrders: number;
  units: number;
  validUnits: number;
  revenue: number;
  cancelledUnits: number;
  refundedUnits: number;
}

export interface SalesHourBucket {
  connectionId: string;
  /** ISO hour in UTC, `YYYY-MM-DDTHH:00:00.000Z`. */
  hour: string;
  day: string;
  currency: string;
  orders: number;
  validOrders: number;
  cancelledOrders: number;
  refundedOrders: number;
  units: number;
  revenue: number;
}

/**
 * The direct computation of the sales rollups from orders: what `sales_daily` and `sales_hourly`
 * must hold. Orders count once per line key they contain (per variant) and once per shop hour.
 */
export function computeSalesBuckets(orders: readonly SalesOrder[]): {
  daily: SalesDayBucket[];
  hourly: SalesHourBucket[];
} {
  const daily = new Map<string, SalesDayBucket>();
  const hourly = new Map<string, SalesHourBucket>();
  for (const order of orders) {
    const kind = orderClass(order.status);
    const day = localDay(order.placedAt, order.zone);
    const hourStart = new Date(order.placedAt);
    hourStart.setUTCMinutes(0, 0, 0);
    const hour = hourStart.toISOString();
    const hourKey = `${order.connectionId}|${hour}|${order.currency}`;
    const h = hourly.get(hourKey) ?? {
      connectionId: order.connectionId,
      hour,
      day,
      currency: order.currency,
      orders: 0,
      validOrders: 0,
      cancelledOrders: 0,
      refundedOrders: 0,
      units: 0,
      revenue: 0,
    };
    h.orders += 1;
    if (kind === "valid") h.validOrders += 1;
    if (kind === "cancelled") h.cancelledOrders += 1;
    if (kind === "refunded") h.refundedOrders += 1;
    const seen = new Set<string>();
    for (const line of order.lines) {
      if (kind === "valid") {
        h.units += line.quantity;
        h.revenue += lineRevenue(line);
      }
      const key = `${order.connectionId}|${day}|${line.lineKey}|${order.currency}`;
      const d = daily.get(key) ?? {
        connectionId: order.connectionId,
        day,
        lineKey: line.lineKey,
        currency: order.currency,
        orders: 0,
        validOrders: 0,
        units: 0,
        validUnits: 0,
        revenue: 0,
        cancelledUnits: 0,
        refundedUnits: 0,
      };
      if (!seen.has(key)) {
        d.orders += 1;
        if (kind === "valid") d.validOrders += 1;
        seen.add(key);
      }
      d.units += line.quantity;
      if (kind === "valid") {
        d.validUnits += line.quantity;
        d.revenue += lineRevenue(line);
      }
      if (kind === "cancelled") d.cancelledUnits += line.quantity;
      if (kind === "refunded") d.refundedUnits += line.quantity;
      daily.set(key, d);
    }
    hourly.set(hourKey, h);
  }
  return { daily: [...daily.values()], hourly: [...hourly.values()] };
}
