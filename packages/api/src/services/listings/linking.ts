import { can } from "@syncstore/auth/permissions";
import { DomainError, toMasterPrice, type CreateProductInput } from "@syncstore/domain";
import type { ConflictValues } from "@syncstore/db";
import {
  adoptIntoMaster,
  adoptListingsIntoProduct,
  applyLinkedOrderLines,
  markListingsForSync,
} from "@syncstore/services";
import { withChange, type Change } from "../../core/change";
import { createProductInChange } from "../catalog/product";
import { likeContains, sqlRows } from "../sql";
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
import { loadListing } from "./product-listings";

export const UNMATCHED_PAGE = 50;

/** The listings the Unmatched screen shows for a search: `where` over `listing l`, parameters $1–$4. */
export function unmatchedWhere(
  organizationId: string,
  input: { connectionId: string; search?: string | undefined },
): { where: string; params: unknown[] } {
  const search = input.search?.trim() ? likeContains(input.search.trim()) : null;
  return {
    where: `l.organization_id = $1 and l.connection_id = $2 and l.variant_id is null
    and ($3::text is null or l.external_sku ilike $3 or l.external_title ilike $3 or l.external_product_id = $4)`,
    params: [organizationId, input.connectionId, search, input.search?.trim() ?? ""],
  };
}

/** Unlinked listings of one shop, searchable by external SKU or title, a page at a time. */
export async function listUnmatched(
  scope: OrgScope,
  input: { connectionId: string; search?: string | undefined; offset: number },
): Promise<{ rows: ListingDto[]; total: number }> {
  const { where, params } = unmatchedWhere(scope.actor.organizationId, input);
  const [rows, count] = await Promise.all([
    sqlRows<ListingDbRow>(
      scope.em,
      `select ${listingColumns} from ${listingFrom} where ${where}
        order by l.external_title, l.external_product_id, l.external_sku, l.id
        limit ${UNMATCHED_PAGE} offset $5`,
      [...params, input.offset],
    ),
    sqlRows<{ total: number }>(scope.em, `select count(*)::int as total from listing l where ${where}`, params),
  ]);
  return { rows: rows.map((row) => toListingDto(row)), total: count[0]?.total ?? 0 };
}

export interface LinkCandidate {
  variantId: string;
  productId: string;
  sku: string;
  productTitle: string;
  options: Record<string, string>;
  price: number;
  /** Already linked to another listing of this shop (a variant takes one listing per shop). */
  linkedHere: boolean;
}

/** Master variants to link a listing to, by SKU or product title. */
export async function searchLinkCandidates(
  scope: OrgScope,
  input: { connectionId: string; query: string },
): Promise<LinkCandidate[]> {
  const text = input.query.trim();
  if (!text) return [];
  const rows = await sqlRows<Omit<LinkCandidate, "price"> & { price: string }>(
    scope.em,
    `select v.id as "variantId", v.product_id as "productId", v.sku, p.title as "productTitle", v.options,
            v.price::text as price,
            exists (select 1 from listing l where l.connection_id = $3 and l.variant_id = v.id) as "linkedHere"
       from variant v join product p on p.id = v.product_id
      where v.organization_id = $1 and (v.sku ilike $2 or p.title ilike $2)
      order by (lower(v.sku) = lower($4)) desc, v.sku
      limit 20`,
    [scope.actor.organizationId, likeContains(text), input.connectionId, text],
  );
  return rows.map((row) => ({ ...row, price: Number(row.price) }));
}

/**
 * Links an unmatched listing to a master variant. It starts `in_sync` with the channel's state as
 * `last_synced`, then is marked for sync so the master's values reach the shop.
 */
export interface LinkListingInput {
  listingId: string;
  variantId: string;
  take?: { content?: "master" | "channel"; price?: "master" | "channel" } | undefined;
}

export async function linkListing(scope: OrgScope, input: LinkListingInput): Promise<ListingDto> {
  return withChange(scope.deps, scope.em, scope.actor, (change) => linkListingInChange(scope, change, input));
}

/** `linkListing` inside a change that is already open (linking an order line links its listing too). */
export async function linkListingInChange(
  scope: OrgScope,
  change: Change,
  input: LinkListingInput,
): Promise<ListingDto> {
  const organizationId = scope.actor.organizationId;
  const tx = change.tx;
  const before = await loadListing(scope, tx, input.listingId, true);
  const currency = before.masterCurrency;
  if (before.variantId)
    throw new DomainError("CONFLICT", "This listing is already linked; unlink it first to link it elsewhere");
  const [variant] = await sqlRows<{ id: string; productId: string; sku: string; taken: string | null }>(
    tx,
    `select v.id, v.product_id as "productId", v.sku,
            (select l.external_sku from listing l where l.connection_id = $3 and l.variant_id = v.id limit 1) as taken
       from variant v where v.organization_id = $1 and v.id = $2`,
    [organizationId, input.variantId, before.connectionId],
  );
  if (!variant) throw DomainError.invalidFields([{ path: ["variantId"], message: "This variant does not exist" }]);
  if (variant.taken !== null)
    throw DomainError.invalidFields([
      {
        path: ["variantId"],
        message: `${variant.sku} is already linked to ${variant.taken ? `listing ${variant.taken}` : "another listing"} on this shop`,
      },
    ]);
  await sqlRows(
    tx,
    `update listing
        set variant_id = $3, product_id = $4, sync_state = 'in_sync', last_synced = channel_state,
            last_synced_at = now(), synced_version = desired_version, last_error = null, last_error_code = null,
            updated_at = now()
      where organization_id = $1 and id = $2`,
    [organizationId, input.listingId, variant.id, variant.productId],
  );
  // Link-time choice: groups where the person takes the shop's values go into master first (and
  // from there to the other shops); the rest is pushed from master as usual.
  const taken: Record<string, unknown> = {};
  for (const group of ["content", "price"] as const) {
    if (input.take?.[group] !== "channel") continue;
    const channel = before.channelState ?? {};
    if (group === "price" && (channel.currency ?? currency) !== currency)
      throw DomainError.invalidFields([
        {
          path: ["take", "price"],
          message: `The shop's price is in ${channel.currency ?? "?"}; master uses ${currency}`,
        },
      ]);
    const values: ConflictValues =
      group === "content"
        ? {
            title: channel.title ?? null,
            ...(channel.description !== undefined ? { description: channel.description } : {}),
          }
        : { price: channel.price ?? null, currency };
    if (group === "content" ? !values.title : values.price === null)
      throw DomainError.invalidFields([{ path: ["take", group], message: "The shop shows no value to take" }]);
    const written = await adoptIntoMaster(
      tx,
      { organizationId, productId: variant.productId, variantId: variant.id, actorId: scope.actor.userId },
      group,
      values,
    );
    taken[group] = written;
  }
  // Stock is reconciled at once: our allocation goes out first, and the shop's orders that
  // waited for this link take effect.
  await markListingsForSync(tx, { organizationId, listingIds: [input.listingId], priority: "high" });
  await applyLinkedOrderLines(tx, organizationId, [input.listingId]);
  const after = await loadListing(scope, tx, input.listingId);
  change.audit({
    action: "listing.link",
    entity: "listing",
    entityId: input.listingId,
    before: { ...listingAuditView(toListingDto(before)), sku: null },
    after: { ...listingAuditView(toListingDto(after)), sku: variant.sku, takenFromChannel: taken },
  });
  emitListingsChanged(change, [after], after.connectionId, "import");
  return toListingDto(after);
}

/** Detaches a listing from its master variant (it becomes unmatched again; nothing is sent). */
export async function unlinkListing(scope: OrgScope, listingId: string): Promise<ListingDto> {
  const organizationId = scope.actor.organizationId;
  return withChange(scope.deps, scope.em, scope.actor, async (change) => {
    const tx = change.tx;
    const before = await loadListing(scope, tx, listingId, true);
    if (!before.variantId) throw new DomainError("CONFLICT", "This listing is not linked");
    if (!before.externalProductId)
      throw new DomainError("CONFLICT", "This listing is not on the shop yet; disable it instead of unlinking");
    await sqlRows(
      tx,
      `update listing set variant_id = null, product_id = null, sync_state = 'unlinked', sync_run_id = null,
              updated_at = now()
        where organization_id = $1 and id = $2`,
      [organizationId, listingId],
    );
    const after = await loadListing(scope, tx, listingId);
    change.audit({
      action: "listing.unlink",
      entity: "listing",
      entityId: listingId,
      before: listingAuditView(toListingDto(before)),
      after: listingAuditView(toListingDto(after)),
    });
    emitListingsChanged(change, [{ id: listingId, variantId: before.variantId }], after.connectionId, "import");
    return toListingDto(after);
  });
}

export interface CreateFromListingsInput {
  connectionId: string;
  externalProductId: string;
  title: string;
  variants: { listingId: string; sku: string }[];
}

/**
 * Creates a master product from the unmatched listings of one channel product: title as given,
 * one variant per listing with the channel's SKU (as corrected), price, stock and options; then
 * links them. The master now equals what the channel shows, so the first sync has nothing to send
 * but the corrected fields.
 */
export async function createProductFromListings(
  scope: OrgScope,
  input: CreateFromListingsInput,
): Promise<{ productId: string; listings: ListingDto[] }> {
  if (!can(scope.role, "catalog:write"))
    throw new DomainError("FORBIDDEN", "Creating products needs catalog write access");
  const organizationId = scope.actor.organizationId;
  return withChange(scope.deps, scope.em, scope.actor, async (change) => {
    const tx = change.tx;
    const ids = input.variants.map((v) => v.listingId);
    const rows = await sqlRows<ListingDbRow>(
      tx,
      `select ${listingColumns} from ${listingFrom}
        where l.organization_id = $1 and l.id = any($2::uuid[]) for update of l`,
      [organizationId, ids],
    );
    const byId = new Map(rows.map((row) => [row.id, row]));
    const issues = input.variants.flatMap((variant, index) => {
      const row = byId.get(variant.listingId);
      if (!row) return [{ path: ["variants", index, "listingId"], message: "This listing does not exist" }];
      if (row.connectionId !== input.connectionId || row.externalProductId !== input.externalProductId)
        return [{ path: ["variants", index, "listingId"], message: "This listing belongs to another channel product" }];
      if (row.variantId) return [{ path: ["variants", index, "listingId"], message: "This listing is already linked" }];
      return [];
    });
    if (issues.length) throw DomainError.invalidFields(issues);
    const masterPrices = new Map(
      input.variants.map((variant) => {
        const row = byId.get(variant.listingId);
        const price = Math.max(0, row?.channelState?.price ?? 0);
        return [variant.listingId, row ? toMasterPrice(price, row.shopCurrency, row.masterCurrency, row.rate) : price];
      }),
    );
    const unconverted = rows.find((row) => masterPrices.get(row.id) === null);
    if (unconverted)
      throw new DomainError(
        "INVALID",
        `This shop sells in ${unconverted.shopCurrency}: set a ${unconverted.shopCurrency} rate in Settings → Organization so its prices can become master prices in ${unconverted.masterCurrency}`,
      );
    const product: CreateProductInput = {
      title: input.title,
      description: null,
      brand: null,
      categoryId: null,
      status: "active",
      tags: [],
      images: [],
      attributes: [],
      variants: input.variants.map((variant) => {
        const state = byId.get(variant.listingId)?.channelState;
        return {
          sku: variant.sku,
          options: state?.options ?? {},
          price: masterPrices.get(variant.listingId) ?? 0,
          compareAtPrice: null,
          cost: null,
          barcode: null,
          weightGrams: null,
          stockOnHand: Math.max(0, state?.stock ?? 0),
        };
      }),
    };
    const created = await createProductInChange(change, product);
    const variantBySku = new Map(created.variants.map((v) => [v.sku, v.id]));
    const links = input.variants.map((variant) => ({
      id: variant.listingId,
      variant_id: variantBySku.get(variant.sku.trim()) ?? null,
    }));
    await adoptListingsIntoProduct(tx, organizationId, created.id, links);
    change.audit({
      action: "listing.create_product",
      entity: "product",
      entityId: created.id,
      before: null,
      after: {
        connectionId: input.connectionId,
        externalProductId: input.externalProductId,
        listings: ids,
        skus: input.variants.map((v) => v.sku),
      },
    });
    const after = await sqlRows<ListingDbRow>(
      tx,
      `select ${listingColumns} from ${listingFrom} where l.organization_id = $1 and l.id = any($2::uuid[])`,
      [organizationId, ids],
    );
    emitListingsChanged(change, after, input.connectionId, "import");
    return { productId: created.id, listings: after.map((row) => toListingDto(row)) };
  });
}
