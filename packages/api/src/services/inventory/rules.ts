import { DomainError, isRuleSet, stockRuleSchema, storedStockRule, type StockRule } from "@syncstore/domain";
import type { EntityManager } from "@syncstore/db";
import { markListingsForSync } from "@syncstore/services";
import { withChange } from "../../core/change";
import type { OrgScope } from "../scope";
import { sqlRows } from "../sql";

export interface ShopStockRule {
  connectionId: string;
  name: string;
  platform: string;
  /** The shop's default stock rule (null: the organization default applies). */
  rule: StockRule | null;
}

const ruleOrNull = storedStockRule;

/** Each shop with its default stock rule (Settings → Channels). */
export async function listShopStockRules(scope: OrgScope): Promise<ShopStockRule[]> {
  const rows = await sqlRows<{ connectionId: string; name: string; platform: string; rule: unknown }>(
    scope.em,
    `select c.id::text as "connectionId", c.name, c.platform, r.rule
       from channel_connection c left join connection_stock_rule r on r.connection_id = c.id
      where c.organization_id = $1 order by c.name, c.id`,
    [scope.actor.organizationId],
  );
  return rows.map((row) => ({ ...row, rule: ruleOrNull(row.rule) }));
}

/**
 * Sets (or clears, with an empty rule) a shop's default stock rule; listings without their own
 * rule follow it. The preferred shop of "stop selling below" must be one of the
 * organization's shops. Every listing of the shop is queued for a push in the same transaction.
 */
export async function setShopStockRule(scope: OrgScope, input: { connectionId: string; rule: StockRule }) {
  const organizationId = scope.actor.organizationId;
  const rule = stockRuleSchema.parse(input.rule);
  const empty = Object.values(rule).every((value) => value === undefined);
  return withChange(scope.deps, scope.em, scope.actor, async (change) => {
    const tx = change.tx;
    const [shop] = await sqlRows<{ name: string; rule: unknown }>(
      tx,
      `select c.name, r.rule from channel_connection c left join connection_stock_rule r on r.connection_id = c.id
        where c.organization_id = $1 and c.id = $2 for update of c`,
      [organizationId, input.connectionId],
    );
    if (!shop) throw new DomainError("NOT_FOUND", "This shop is not connected to this organization");
    await checkPreferredShop(tx, organizationId, rule);
    if (empty) await sqlRows(tx, `delete from connection_stock_rule where connection_id = $1`, [input.connectionId]);
    else
      await sqlRows(
        tx,
        `insert into connection_stock_rule (connection_id, organization_id, rule) values ($1, $2, $3::jsonb)
         on conflict (connection_id) do update set rule = excluded.rule`,
        [input.connectionId, organizationId, JSON.stringify(rule)],
      );
    change.audit({
      action: "channel.default_stock_rule",
      entity: "channel_connection",
      entityId: input.connectionId,
      label: shop.name,
      before: { stockRule: ruleOrNull(shop.rule) },
      after: { stockRule: empty ? null : rule },
    });
    await markListingsForSync(tx, { organizationId, connectionId: input.connectionId, all: true, priority: "high" });
    return { connectionId: input.connectionId, rule: empty ? null : rule };
  });
}

/**
 * Sets (or clears, with an empty rule) one listing's own stock rule, which wins over its shop's rule
 * and the organization default. Audited; the listing is queued for a stock push in the same
 * transaction (as a shop rule change queues the shop's listings).
 */
export async function setListingStockRule(scope: OrgScope, input: { listingId: string; rule: StockRule }) {
  const organizationId = scope.actor.organizationId;
  const rule = stockRuleSchema.parse(input.rule);
  const empty = !isRuleSet(rule);
  return withChange(scope.deps, scope.em, scope.actor, async (change) => {
    const tx = change.tx;
    const [listing] = await sqlRows<{ rule: unknown; label: string | null; variantId: string | null }>(
      tx,
      `select l.stock_rule as rule, coalesce(v.sku, l.external_sku, l.external_title) as label,
              l.variant_id::text as "variantId"
         from listing l left join variant v on v.id = l.variant_id
        where l.organization_id = $1 and l.id = $2 for update of l`,
      [organizationId, input.listingId],
    );
    if (!listing) throw new DomainError("NOT_FOUND", "This listing was not found (it may have been removed)");
    await checkPreferredShop(tx, organizationId, rule);
    await sqlRows(
      tx,
      `update listing set stock_rule = $3::jsonb, updated_at = now() where organization_id = $1 and id = $2`,
      [organizationId, input.listingId, empty ? null : JSON.stringify(rule)],
    );
    change.audit({
      action: "listing.stock_rule",
      entity: "listing",
      entityId: input.listingId,
      label: listing.label,
      before: { stockRule: ruleOrNull(listing.rule) },
      after: { stockRule: empty ? null : rule },
    });
    await markListingsForSync(tx, { organizationId, listingIds: [input.listingId], priority: "high" });
    change.emit("listings.changed", {
      listingIds: [input.listingId],
      variantIds: listing.variantId ? [listing.variantId] : [],
      connectionId: null,
      reason: "overrides",
    });
    return { listingId: input.listingId, rule: empty ? null : rule };
  });
}

/** The organization's default stock rule (shops and listings without their own rule follow it). */
export async function getDefaultStockRule(scope: OrgScope): Promise<{ rule: StockRule | null }> {
  const [row] = await sqlRows<{ rule: unknown }>(
    scope.em,
    `select default_stock_rule as rule from inventory_settings where organization_id = $1`,
    [scope.actor.organizationId],
  );
  return { rule: ruleOrNull(row?.rule) };
}

/**
 * Sets (or clears, with an empty rule) the organization's default stock rule, audited; every listing
 * is queued for a push in the same transaction (those with their own or their shop's rule keep it).
 */
export async function setDefaultStockRule(scope: OrgScope, input: { rule: StockRule }) {
  const organizationId = scope.actor.organizationId;
  const rule = stockRuleSchema.parse(input.rule);
  const empty = Object.values(rule).every((value) => value === undefined);
  return withChange(scope.deps, scope.em, scope.actor, async (change) => {
    const tx = change.tx;
    await checkPreferredShop(tx, organizationId, rule);
    const [before] = await sqlRows<{ rule: unknown }>(
      tx,
      `select default_stock_rule as rule from inventory_settings where organization_id = $1 for update`,
      [organizationId],
    );
    await sqlRows(
      tx,
      `insert into inventory_settings (organization_id, default_stock_rule, updated_at) values ($1, $2::jsonb, now())
       on conflict (organization_id) do update set default_stock_rule = excluded.default_stock_rule, updated_at = now()`,
      [organizationId, empty ? null : JSON.stringify(rule)],
    );
    change.audit({
      action: "settings.default_stock_rule",
      entity: "organization",
      entityId: organizationId,
      before: { stockRule: ruleOrNull(before?.rule) },
      after: { stockRule: empty ? null : rule },
    });
    await markListingsForSync(tx, { organizationId, all: true, priority: "high" });
    return { rule: empty ? null : rule };
  });
}

/** A rule's preferred shop must be one of the organization's, and only means something with "stop selling below". */
async function checkPreferredShop(tx: EntityManager, organizationId: string, rule: StockRule): Promise<void> {
  if (!rule.stopExceptConnectionId) return;
  const [preferred] = await sqlRows<{ id: string }>(
    tx,
    `select id::text as id from channel_connection where organization_id = $1 and id::text = $2`,
    [organizationId, rule.stopExceptConnectionId],
  );
  if (!preferred)
    throw DomainError.invalidFields([
      { path: ["rule", "stopExceptConnectionId"], message: "The preferred shop is not one of your shops" },
    ]);
  if (rule.stopBelow === undefined)
    throw DomainError.invalidFields([
      { path: ["rule", "stopBelow"], message: "A preferred shop needs a “stop selling below” quantity" },
    ]);
}
