import { formatMinor } from "./money";

/** Above this many times the previous price, a new price is probably a typo (an extra digit). */
export const PRICE_JUMP_FACTOR = 10;

export interface PriceWarningInput {
  /** The new price, in minor units. */
  price: number;
  /** The variant's cost, if known. */
  cost: number | null;
  /** The price before this edit (null for a new variant). */
  previous: number | null;
  currency: string;
}

/**
 * A price that is allowed but probably not meant: free, below cost, or a jump of more than ten
 * times the previous price. Null when nothing looks wrong. These warn; they never block a save.
 */
export function priceWarning({ price, cost, previous, currency }: PriceWarningInput): string | null {
  if (price === 0) return "A price of 0 gives the item away";
  if (cost !== null && price < cost) return `Below cost (${currency} ${formatMinor(cost, currency)})`;
  if (previous !== null && previous > 0 && price > previous * PRICE_JUMP_FACTOR)
    return `More than ${PRICE_JUMP_FACTOR}× the previous price (${currency} ${formatMinor(previous, currency)})`;
  return null;
}
