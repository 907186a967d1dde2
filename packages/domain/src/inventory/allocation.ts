import { text } from "../text";
import { z } from "zod";

/**
 * Stock allocation to channels (pure). A rule can come from the listing, the connection or the
 * organization default; the most specific one that is set decides (listing > connection >
 * organization). The result explains every term, so the Inventory page can show why a shop was
 * offered the number it was.
 */

export const stockRuleSchema = z
  .object({
    /** Units kept back from this channel. */
    buffer: z.number().int().min(0).max(1_000_000).optional(),
    /** Offer this share of available (0–100), rounded down. */
    percent: z.number().int().min(0).max(100).optional(),
    /** Offer exactly this many (never more than available). */
    fixed: z.number().int().min(0).max(1_000_000).optional(),
    /** Never offer more than this. */
    max: z.number().int().min(0).max(1_000_000).optional(),
    /** Offer 0 while available is below this… */
    stopBelow: z.number().int().min(0).max(1_000_000).optional(),
    /** …except on this connection, which keeps selling the last units. */
    stopExceptConnectionId: text().min(1).max(64).optional(),
  })
  .strict();
export type StockRule = z.infer<typeof stockRuleSchema>;

/**
 * A rule as stored (listing `stock_rule`, `connection_stock_rule.rule`, the organization default),
 * read back through the schema: null when absent, empty or unreadable (the next level then applies).
 */
export function storedStockRule(value: unknown): StockRule | null {
  if (value === null || value === undefined) return null;
  const parsed = stockRuleSchema.safeParse(value);
  return parsed.success && isRuleSet(parsed.data) ? parsed.data : null;
}

/** Whether any term of the rule is set (an empty object is no rule). */
export function isRuleSet(rule: StockRule | null | undefined): rule is StockRule {
  return !!rule && Object.values(rule).some((value) => value !== undefined);
}

export type RuleLevel = "listing" | "connection" | "organization" | "none";

export interface StockBuckets {
  onHand: number;
  committed: number;
  promotionReserved: number;
  unavailable: number;
}

export interface AllocationInput {
  buckets: StockBuckets;
  listingRule?: StockRule | null;
  connectionRule?: StockRule | null;
  organizationRule?: StockRule | null;
  connectionId: string;
  /** Units the platform itself holds for a promotion and counts in the number we set (Shopee). */
  platformPromotionReserved?: number;
}

export interface Allocation {
  /** What the shop should offer (our allocation). */
  quantity: number;
  /** What to send: the allocation plus what the platform counts in its own number (Shopee promotions). */
  pushed: number;
  available: number;
  decidedBy: RuleLevel;
  rule: StockRule;
  /** Human-readable steps, in order ("available 12", "buffer −2 → 10", "cap 8 → 8"). */
  terms: string[];
  stopped: boolean;
}

/** The most specific rule that is set (an empty object counts as not set). */
export function effectiveRule(input: Pick<AllocationInput, "listingRule" | "connectionRule" | "organizationRule">): {
  rule: StockRule;
  level: RuleLevel;
} {
  if (isRuleSet(input.listingRule)) return { rule: input.listingRule, level: "listing" };
  if (isRuleSet(input.connectionRule)) return { rule: input.connectionRule, level: "connection" };
  if (isRuleSet(input.organizationRule)) return { rule: input.organizationRule, level: "organization" };
  return { rule: {}, level: "none" };
}

export function availableOf(buckets: StockBuckets): number {
  return buckets.onHand - buckets.committed - buckets.promotionReserved - buckets.unavailable;
}

/** The number one shop should offer for a variant, with the terms that produced it. */
export function allocateStock(input: AllocationInput): Allocation {
  const available = Math.max(0, availableOf(input.buckets));
  const { rule, level } = effectiveRule(input);
  const { onHand, committed, promotionReserved, unavailable } = input.buckets;
  const terms = [
    `on hand ${onHand} − committed ${committed} − promotion reserved ${promotionReserved} − unavailable ${unavailable} = available ${available}`,
  ];
  let quantity = available;
  let stopped = false;
  if (rule.stopBelow !== undefined && available < rule.stopBelow) {
    if (rule.stopExceptConnectionId && rule.stopExceptConnectionId === input.connectionId) {
      terms.push(`below ${rule.stopBelow} but this is the preferred shop: keeps selling`);
    } else {
      stopped = true;
      quantity = 0;
      terms.push(`available below ${rule.stopBelow}: stop selling → 0`);
    }
  }
  if (!stopped) {
    if (rule.fixed !== undefined) {
      quantity = Math.min(rule.fixed, quantity);
      terms.push(`fixed ${rule.fixed} → ${quantity}`);
    }
    if (rule.percent !== undefined) {
      quantity = Math.floor((quantity * rule.percent) / 100);
      terms.push(`${rule.percent}% → ${quantity}`);
    }
    if (rule.buffer !== undefined && rule.buffer > 0) {
      quantity = Math.max(0, quantity - rule.buffer);
      terms.push(`buffer −${rule.buffer} → ${quantity}`);
    }
    if (rule.max !== undefined) {
      quantity = Math.min(quantity, rule.max);
      terms.push(`cap ${rule.max} → ${quantity}`);
    }
  }
  const extra = Math.max(0, input.platformPromotionReserved ?? 0);
  if (extra > 0) terms.push(`+ promotion reserved on the shop ${extra} → push ${quantity + extra}`);
  return { quantity, pushed: quantity + extra, available, decidedBy: level, rule, terms, stopped };
}

/** The rules of one listing as read from the database (any level may be absent or unreadable). */
export interface StoredRules {
  listingRule: unknown;
  connectionRule: unknown;
  organizationRule: unknown;
}

/**
 * What a shop is offered of `available` under the stored rules (listing > connection >
 * organization): the number the product page shows and a first publish sends.
 */
export function offeredStock(available: number, rules: StoredRules, connectionId: string): number {
  return allocateStock({
    buckets: { onHand: Math.max(0, available), committed: 0, promotionReserved: 0, unavailable: 0 },
    listingRule: storedStockRule(rules.listingRule),
    connectionRule: storedStockRule(rules.connectionRule),
    organizationRule: storedStockRule(rules.organizationRule),
    connectionId,
  }).quantity;
}
