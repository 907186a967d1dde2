import {
  allocateStock,
  DomainError,
  storedStockRule,
  type Allocation,
  type RuleLevel,
  type StockRule,
} from "@syncstore/domain";
import type { OrgScope } from "../scope";
import { sqlRows } from "../sql";

export interface StockExplanation {
  variantId: string;
  sku: string;
  listingId: string;
  connection: { id: string; name: string; platform: string };
  buckets: { onHand: number; committed: number; promotionReserved: number; unavailable: number };
  available: number;
  /** Every rule that is set, and which one decided. */
  rules: { listing: StockRule | null; connection: StockRule | null; organization: StockRule | null };
  decidedBy: RuleLevel;
  rule: StockRule;
  terms: string[];
  stopped: boolean;
  /** Our allocation for the shop. */
  quantity: number;
  /** What is sent (the allocation plus the shop's promotion stock where the platform counts it). */
  pushed: number;
  /** What the engine last pushed and what the shop last reported. */
  lastPushed: number | null;
  reported: number | null;
  archived: boolean;
}

interface Row {
  sku: string;
  listingId: string;
  connectionId: string;
  connectionName: string;
  platform: "shopee" | "tiktok";
  listingRule: unknown;
  onHand: number;
  committed: number;
  promotionReserved: number;
  unavailable: number;
  connectionRule: unknown;
  organizationRule: unknown;
  productStatus: string;
  lastPushed: number | null;
  reported: number | null;
}

/**
 * Why a shop is offered the number it is: the same pure `allocateStock` the sync engine runs, fed
 * the same rules (listing rule > shop default > organization default), the variant's buckets
 * and the platform's semantics (Shopee counts its promotion stock in the number we set).
 */
export async function explainStock(
  scope: OrgScope,
  variantId: string,
  connectionId: string,
): Promise<StockExplanation> {
  const organizationId = scope.actor.organizationId;
  const [row] = await sqlRows<Row>(
    scope.em,
    `select v.sku, l.id::text as "listingId", c.id::text as "connectionId", c.name as "connectionName", c.platform,
            l.stock_rule as "listingRule",
            coalesce(s.on_hand, 0)::int as "onHand", coalesce(s.committed, 0)::int as committed,
            coalesce(s.promotion_reserved, 0)::int as "promotionReserved", coalesce(s.unavailable, 0)::int as unavailable,
            cr.rule as "connectionRule", i.default_stock_rule as "organizationRule", p.status as "productStatus",
            (l.last_synced ->> 'stock')::int as "lastPushed", (l.channel_state ->> 'stock')::int as reported
       from listing l
       join variant v on v.id = l.variant_id
       join product p on p.id = v.product_id
       join channel_connection c on c.id = l.connection_id
       left join stock_level s on s.variant_id = v.id
       left join connection_stock_rule cr on cr.connection_id = l.connection_id
       left join inventory_settings i on i.organization_id = l.organization_id
      where l.organization_id = $1 and l.variant_id = $2 and l.connection_id = $3`,
    [organizationId, variantId, connectionId],
  );
  if (!row) throw new DomainError("NOT_FOUND", "This variant is not listed on that shop");
  const archived = row.productStatus === "archived";
  const buckets = archived
    ? { onHand: 0, committed: 0, promotionReserved: 0, unavailable: 0 }
    : {
        onHand: row.onHand,
        committed: row.committed,
        promotionReserved: row.promotionReserved,
        unavailable: row.unavailable,
      };
  const semantics = scope.deps.channels.adapters.get(row.platform).stockSemantics;
  const rules = {
    listing: storedStockRule(row.listingRule),
    connection: storedStockRule(row.connectionRule),
    organization: storedStockRule(row.organizationRule),
  };
  const allocation: Allocation = allocateStock({
    buckets,
    listingRule: rules.listing,
    connectionRule: rules.connection,
    organizationRule: rules.organization,
    connectionId: row.connectionId,
    platformPromotionReserved: semantics.setIncludesPromotionReserved && !archived ? row.promotionReserved : 0,
  });
  return {
    variantId,
    sku: row.sku,
    listingId: row.listingId,
    connection: { id: row.connectionId, name: row.connectionName, platform: row.platform },
    buckets: {
      onHand: row.onHand,
      committed: row.committed,
      promotionReserved: row.promotionReserved,
      unavailable: row.unavailable,
    },
    available: allocation.available,
    rules,
    decidedBy: allocation.decidedBy,
    rule: allocation.rule,
    terms: archived ? ["the product is archived: every shop is offered 0", ...allocation.terms] : allocation.terms,
    stopped: allocation.stopped,
    quantity: allocation.quantity,
    pushed: allocation.pushed,
    lastPushed: row.lastPushed,
    reported: row.reported,
    archived,
  };
}
