const whole = new Intl.NumberFormat("en", { maximumFractionDigits: 0 });
const signed = new Intl.NumberFormat("en", { maximumFractionDigits: 0, signDisplay: "exceptZero" });
const decimal = new Intl.NumberFormat("en", { maximumFractionDigits: 1 });

/** Units, grouped (12,480). */
export function formatQuantity(value: number | null | undefined): string {
  return value === null || value === undefined ? "—" : whole.format(value);
}

/** A change of units with its sign (+5, −3, 0). */
export function formatDelta(value: number | null | undefined): string {
  return value === null || value === undefined ? "—" : signed.format(value).replace("-", "−");
}

/** Days of cover ("12.5 days", "—" without sales). */
export function formatDays(value: number | null): string {
  if (value === null) return "—";
  return `${decimal.format(value)} ${value === 1 ? "day" : "days"}`;
}

export const reasonLabels: Record<string, string> = {
  manual: "Correction",
  count: "Stock count",
  bulk: "Bulk edit",
  import: "Import",
  order_committed: "Order placed",
  order_released: "Order cancelled",
  order_shipped: "Order shipped",
  return_restocked: "Return restocked",
  promotion: "Promotion",
  reconciliation: "Reconciliation",
};

export const bucketLabels: Record<string, string> = {
  on_hand: "On hand",
  committed: "Committed",
  promotion_reserved: "Promotion reserved",
  unavailable: "Unavailable",
};
