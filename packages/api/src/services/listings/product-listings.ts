import {
  ListingRuleParseError,
  listingPrice,
  parseListingPriceRule,
  type ListingOverridesInput,
  DomainError,
} from "@syncstore/domain";
import { markListingsForSync } from "@syncstore/services";
import type { ListingPublishOptions } from "@syncstore/db";
import { withChange } from "../../core/change";

import { organizationCurrency } from "@syncstore/services";
import { sqlRows } from "../sql";
import type { OrgScope } from "../scope";
import {
  emitListingsChanged,
  listingAuditView,
  listingColumns,
  listingFrom,
  toListingDto,
  type ListingDbRow,
  type ListingDto,
} from "./common";

export interface ProductChannelConnection {
  id: string;
  platform: "shopee" | "tiktok";
  name: string;
  region: string | null;
  /** The shop's currency (null until the platform told us; the organization's is assumed). */
  currency: string | null;
  status: string;
  /** The last publish options used on this shop (to prefill the publish form). */
  lastPublishOptions: ListingPublishOptions | null;
}

export interface ProductChannels {
  currency: string;
  connections: ProductChannelConnection[];
  variants: { id: string; sku: string; options: Record<string, string>; price: number; available: number }[];
  listings: ListingDto[];
}

/** Every connection × variant of one product: the listings that exist, and what the channel should show. */
export async function productChannels(scope: OrgScope, productId: string): Promise<ProductChannels> {
  const organizationId = scope.actor.organizationId;
  const em = scope.em;
  const [product] = await sqlRows<{ id: string }>(em, `select id from product where organization_id = $1 and id = $2`, [
    organizationId,
    productId,
  ]);
  if (!product) throw new DomainError("NOT_FOUND", "This product was not found in this organization");
  const [currency, connections, variants, listings] = await Promise.all([
    organizationCurrency(em, organizationId),
    sqlRows<ProductChannelConnection>(
      em,
      `select c.id, c.platform, c.name, c.region, c.currency, c.status,
              (select l.publish_options from listing l
                where l.connection_id = c.id and l.publish_options is not null
                order by l.updated_at desc limit 1) as "lastPublishOptions"
         from channel_connection c
        where c.organization_id = $1
          and (c.status <> 'disconnected' or exists (select 1 from listing l where l.connection_id = c.id and l.product_id = $2))
        order by c.platform, c.name`,
      [organizationId, productId],
    ),
    sqlRows<{ id: string; sku: string; options: Record<string, string>; price: string; available: number }>(
      em,
      `select v.id, v.sku, v.options, v.price::text as price,
              greatest(coalesce(s.on_hand, 0) - coalesce(s.reserved, 0), 0) as available
         from variant v left join stock_level s on s.variant_id = v.id
        where v.organization_id = $1 and v.product_id = $2
        order by v.position, v.id`,
      [organizationId, productId],
    ),
    sqlRows<ListingDbRow>(
      em,
      `select ${listingColumns} from ${listingFrom}
        where l.organization_id = $1 and (l.product_id = $2 or v.product_id = $2)
        order by l.connection_id, v.position, l.id`,
      [organizationId, productId],
    ),
  ]);
  return {
    currency,
    connections,
    variants: variants.map((v) => ({ ...v, price: Number(v.price) })),
    listings: listings.map((row) => toListingDto(row)),
  };
}

export async function loadListing(
  scope: Pick<OrgScope, "actor">,
  em: OrgScope["em"],
  listingId: string,
  lock = false,
): Promise<ListingDbRow> {
  const [row] = await sqlRows<ListingDbRow>(
    em,
    `select ${listingColumns} from ${listingFrom}
      where l.organization_id = $1 and l.id = $2 ${lock ? "for update of l" : ""}`,
    [scope.actor.organizationId, listingId],
  );
  if (!row) throw new DomainError("NOT_FOUND", "This listing was not found (it may have been removed)");
  return row;
}

/**
 * Saves a listing's overrides. Title and description are one per channel product, so they are
 * saved on every listing of the same product on that shop. The affected published listings are
 * marked for sync in the same transaction (invariant 1).
 */
export async function updateListingOverrides(
  scope: OrgScope,
  input: ListingOverridesInput & { listingId: string },
): Promise<ListingDto> {
  const organizationId = scope.actor.organizationId;
  return withChange(scope.deps, scope.em, scope.actor, async (change) => {
    const tx = change.tx;
    const before = await loadListing(scope, tx, input.listingId, true);
    // The rule applies after conversion, so its amounts are in the shop's currency.
    const currency = (before.shopCurrency ?? before.masterCurrency).toUpperCase();
    let rule;
    try {
      rule = parseListingPriceRule(input.priceRule, currency);
    } catch (error) {
      if (error instanceof ListingRuleParseError)
        throw DomainError.invalidFields([{ path: ["priceRule"], message: error.message }]);
      throw error;
    }
    if (rule && before.masterPrice !== null && listingPrice(Number(before.masterPrice), rule, currency) === null)
      throw DomainError.invalidFields([{ path: ["priceRule"], message: "This rule makes the channel price negative" }]);
    const titleOverride = input.titleOverride?.trim() || null;
    const descriptionOverride = input.descriptionOverride?.trim() || null;
    await sqlRows(
      tx,
      `update listing
          set price_rule = $3::jsonb, enabled = $4,
              title_override = $5, description_override = $6,
              sync_state = case
                when not $4 then 'disabled'
                when sync_state <> 'disabled' then sync_state
                when variant_id is null then 'unlinked'
                when external_product_id is null then (case when last_error is null then 'pending' else 'failed' end)
                else 'in_sync' end,
              updated_at = now()
        where organization_id = $1 and id = $2`,
      [
        organizationId,
        input.listingId,
        rule ? JSON.stringify(rule) : null,
        input.enabled,
        titleOverride,
        descriptionOverride,
      ],
    );
    const siblings =
      before.productId && (titleOverride !== before.titleOverride || descriptionOverride !== before.descriptionOverride)
        ? await sqlRows<{ id: string; variantId: string | null }>(
            tx,
            `update listing set title_override = $4, description_override = $5, updated_at = now()
              where organization_id = $1 and connection_id = $2 and product_id = $3 and id <> $6
              returning id, variant_id as "variantId"`,
            [
              organizationId,
              before.connectionId,
              before.productId,
              titleOverride,
              descriptionOverride,
              input.listingId,
            ],
          )
        : [];
    const after = await loadListing(scope, tx, input.listingId);
    await markListingsForSync(tx, {
      organizationId,
      listingIds: [input.listingId, ...siblings.map((row) => row.id)],
    });
    change.audit({
      action: "listing.update_overrides",
      entity: "listing",
      entityId: input.listingId,
      before: listingAuditView(toListingDto(before)),
      after: { ...listingAuditView(toListingDto(after)), siblingsUpdated: siblings.length },
    });
    emitListingsChanged(change, [after, ...siblings], after.connectionId, "overrides");
    return toListingDto(await loadListing(scope, tx, input.listingId));
  });
}

export interface GridChannelPrices {
  /** Each shop with the currency its prices are in. */
  connections: { id: string; platform: "shopee" | "tiktok"; name: string; currency: string }[];
  /** Channel price per variant per connection (minor units of the shop's currency); absent: not listed there. */
  prices: {
    variantId: string;
    connectionId: string;
    price: number | null;
    /** Why there is no price (no exchange rate for the shop's currency, a negative rule). */
    hold: string | null;
    syncState: string;
  }[];
}

/** Channel prices of a block of grid rows: converted, rounded, each listing's rule (joined client-side). */
export async function gridChannelPrices(scope: OrgScope, variantIds: readonly string[]): Promise<GridChannelPrices> {
  const organizationId = scope.actor.organizationId;
  const em = scope.em;
  const [connections, rows] = await Promise.all([
    sqlRows<GridChannelPrices["connections"][number]>(
      em,
      `select c.id, c.platform, c.name, coalesce(c.currency, o.currency) as currency
         from channel_connection c join organization o on o.id = c.organization_id
        where c.organization_id = $1 and c.status <> 'disconnected' order by c.platform, c.name`,
      [organizationId],
    ),
    variantIds.length
      ? sqlRows<ListingDbRow>(
          em,
          `select ${listingColumns} from ${listingFrom}
            where l.organization_id = $1 and l.variant_id = any($2::uuid[])`,
          [organizationId, variantIds],
        )
      : Promise.resolve([]),
  ]);
  return {
    connections,
    prices: rows.map((row) => {
      const dto = toListingDto(row);
      return {
        variantId: row.variantId ?? "",
        connectionId: row.connectionId,
        price: dto.channelPrice,
        hold: dto.priceHold,
        syncState: row.syncState,
      };
    }),
  };
}
