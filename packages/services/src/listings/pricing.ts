import { sqlRows, type EntityManager } from "@syncstore/db";
import { DomainError, shopPrice, type ListingPriceRule, type RoundingRule, type ShopPrice } from "@syncstore/domain";

/**
 * What it takes to price a listing on one shop: the organization's currency, the shop's, the
 * organization's rate and rounding for it, and the shop's default rule. One read per connection.
 */
export interface ConnectionPricing {
  masterCurrency: string;
  shopCurrency: string | null;
  rate: string | null;
  rounding: RoundingRule | null;
  defaultPriceRule: ListingPriceRule | null;
}

export async function loadConnectionPricing(em: EntityManager, connectionId: string): Promise<ConnectionPricing> {
  const [row] = await sqlRows<ConnectionPricing>(
    em,
    `select o.currency as "masterCurrency", c.currency as "shopCurrency", er.rate::text as "rate",
            er.rounding as "rounding", c.default_price_rule as "defaultPriceRule"
       from channel_connection c
       join organization o on o.id = c.organization_id
       left join exchange_rate er on er.organization_id = c.organization_id and er.currency = c.currency
      where c.id = $1`,
    [connectionId],
  );
  if (!row) throw new DomainError("NOT_FOUND", `Connection ${connectionId} not found`);
  return row;
}

/** The currency prices on this shop are in. */
export function pricingCurrency(pricing: ConnectionPricing): string {
  return (pricing.shopCurrency ?? pricing.masterCurrency).toUpperCase();
}

/** A master price (minor units of the organization's currency) as the shop should show it. */
export function channelPrice(
  pricing: ConnectionPricing,
  masterPrice: number,
  rule: ListingPriceRule | null,
): ShopPrice {
  return shopPrice({
    masterPrice,
    masterCurrency: pricing.masterCurrency,
    shopCurrency: pricing.shopCurrency,
    rate: pricing.rate,
    rounding: pricing.rounding,
    rule: rule ?? pricing.defaultPriceRule,
  });
}
