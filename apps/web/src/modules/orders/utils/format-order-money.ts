import { formatMoney } from "@/modules/catalog/utils/format-money";

/** Minor units with the order's currency; an amount without a known currency is not shown as money. */
export function formatOrderMoney(minor: number | null, currency: string | null): string {
  if (minor === null) return "—";
  if (!currency) return `${minor} (currency unknown)`;
  return formatMoney(minor, currency);
}
