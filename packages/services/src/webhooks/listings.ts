import type { ChannelProduct, Platform } from "@syncstore/channels";
import {
  sqlRows,
  type ConflictSource,
  type EntityManager,
  type ListingChannelReview,
  type ListingSnapshot,
} from "@syncstore/db";
import { detectConflicts, type DetectResult } from "../conflicts/detect";
import { markListingsForSync } from "../sync/mark";
import {
  changedFields,
  channelBlockCodes,
  channelSnapshot,
  driftOf,
  isNewerOrSame,
  withFirstSeenBase,
  listingStatusEffect,
} from "./rules";

export interface ListingConnection {
  id: string;
  organizationId: string;
  platform: Platform;
}

interface HeldListing {
  id: string;
  variant_id: string | null;
  external_variant_id: string | null;
  external_sku: string | null;
  channel_state: ListingSnapshot | null;
  channel_state_at: Date | string | null;
  last_synced: ListingSnapshot | null;
  master_images: string[] | null;
  sync_state: string;
  last_error_code: string | null;
}

export interface ListingsResult {
  /** Listings of the product we hold on this connection. */
  matched: number;
  /** Listings whose channel state changed (fields that differ from what we held before). */
  changed: { listingId: string; fields: string[] }[];
  /** Listings now carrying drift (channel differs from what we last pushed). */
  drifted: number;
  /** Listings an active product status made pushable again (re-queued). */
  resumed: number;
  listingIds: string[];
  variantIds: string[];
  /** What three-way detection did with the recorded channel state. */
  conflicts: DetectResult;
}

/**
 * Where the state came from, for conflict detection; `echo` skips it (our own API write
 * announced); `batch` leaves it to the caller, which runs one detection over a whole pass.
 */
export interface DetectionSource {
  source: ConflictSource | "echo" | "batch";
}

const emptyResult = (): ListingsResult => ({
  matched: 0,
  changed: [],
  drifted: 0,
  resumed: 0,
  listingIds: [],
  variantIds: [],
  conflicts: { opened: [], closed: [], decided: [] },
});

/** TikTok's review of the product's latest content edit as we keep it on the listing. */
function reviewOf(product: ChannelProduct, observedAt: Date): ListingChannelReview | null {
  const review = product.review;
  if (!review || review.status === "approved") return null;
  return { status: review.status, reasons: review.reasons, seenAt: observedAt.toISOString() };
}

async function lockListings(tx: EntityManager, connectionId: string, productId: string): Promise<HeldListing[]> {
  return sqlRows<HeldListing>(
    tx,
    `select l.id::text as id, l.variant_id::text as variant_id, l.external_variant_id, l.external_sku, l.channel_state,
            l.channel_state_at, l.last_synced, l.sync_state, l.last_error_code,
            (select p.images from variant v join product p on p.id = v.product_id where v.id = l.variant_id) as master_images
       from listing l where l.connection_id = $1 and l.external_product_id = $2
      order by l.id for update of l`,
    [connectionId, productId],
  );
}

/**
 * Records what the marketplace shows for a product on our listings of it: channel state and time,
 * drift against the last pushed snapshot, and the platform status (deleted or banned products
 * block pushes; an active status lifts that block and re-queues the push). A state observed
 * earlier than the one held is ignored (invariant 2).
 */
export async function applyProductState(
  tx: EntityManager,
  connection: ListingConnection,
  product: ChannelProduct,
  observedAt: Date,
  reason: string | null = null,
  detection: DetectionSource = { source: "webhook" },
): Promise<ListingsResult> {
  const result = emptyResult();
  const held = await lockListings(tx, connection.id, product.productId);
  const effect = listingStatusEffect(connection.platform, product.status, reason);
  const review = reviewOf(product, observedAt);
  const resume: string[] = [];
  for (const listing of held) {
    const variant =
      product.variants.find((candidate) => candidate.variantId === listing.external_variant_id) ??
      product.variants.find((candidate) => candidate.sku !== null && candidate.sku === listing.external_sku);
    if (!variant) continue;
    result.matched += 1;
    if (!isNewerOrSame(observedAt, listing.channel_state_at)) continue;
    const snapshot = channelSnapshot(product, variant);
    const fields = changedFields(listing.channel_state, snapshot);
    const base = listing.variant_id
      ? withFirstSeenBase(listing.last_synced, snapshot, listing.master_images)
      : listing.last_synced;
    const drift = driftOf(base, snapshot);
    let syncState = listing.sync_state;
    let errorCode = listing.last_error_code;
    let error: string | undefined;
    if (effect.kind === "blocked" && listing.sync_state !== "unlinked" && listing.sync_state !== "disabled") {
      syncState = effect.syncState;
      errorCode = effect.errorCode;
      error = effect.error;
    } else if (effect.kind === "active" && errorCode !== null && channelBlockCodes.includes(errorCode)) {
      resume.push(listing.id);
    }
    await sqlRows(
      tx,
      `update listing
          set channel_state = $2::jsonb, channel_state_at = $3, drift = $4::jsonb, channel_status = $5,
              sync_state = $6, last_error_code = $7, last_error = case when $8::text is null then last_error else $8 end,
              channel_review = $9::jsonb, last_synced = $10::jsonb, updated_at = now()
        where id = $1`,
      [
        listing.id,
        JSON.stringify(snapshot),
        observedAt,
        drift ? JSON.stringify(drift) : null,
        product.status,
        syncState,
        errorCode,
        error ?? null,
        review ? JSON.stringify(review) : null,
        base ? JSON.stringify(base) : null,
      ],
    );
    if (fields.length > 0) result.changed.push({ listingId: listing.id, fields });
    if (drift) result.drifted += 1;
    result.listingIds.push(listing.id);
    if (listing.variant_id) result.variantIds.push(listing.variant_id);
  }
  if (resume.length > 0) {
    await sqlRows(tx, `update listing set last_error_code = null, last_error = null where id = any($1::uuid[])`, [
      resume,
    ]);
    result.resumed = await markListingsForSync(tx, { organizationId: connection.organizationId, listingIds: resume });
  }
  if (detection.source !== "echo" && detection.source !== "batch")
    result.conflicts = await detectConflicts(tx, {
      listingIds: result.listingIds,
      source: detection.source,
      observedAt,
    });
  return result;
}

/**
 * A product the platform no longer returns (deleted) or only announced a status for: record the
 * status on our listings of it without a full channel state.
 */
export async function applyProductStatus(
  tx: EntityManager,
  connection: ListingConnection,
  productId: string,
  status: string,
  observedAt: Date,
  reason: string | null,
): Promise<ListingsResult> {
  const result = emptyResult();
  const held = await lockListings(tx, connection.id, productId);
  const effect = listingStatusEffect(connection.platform, status, reason);
  for (const listing of held) {
    result.matched += 1;
    if (!isNewerOrSame(observedAt, listing.channel_state_at)) continue;
    const blocked = effect.kind === "blocked" && listing.sync_state !== "unlinked" && listing.sync_state !== "disabled";
    const snapshot: ListingSnapshot = { ...(listing.channel_state ?? {}), status };
    await sqlRows(
      tx,
      `update listing
          set channel_status = $2, channel_state = $3::jsonb, channel_state_at = $4,
              sync_state = case when $5 then $6 else sync_state end,
              last_error_code = case when $5 then $7 else last_error_code end,
              last_error = case when $5 then $8 else last_error end,
              updated_at = now()
        where id = $1`,
      [
        listing.id,
        status,
        JSON.stringify(snapshot),
        observedAt,
        blocked,
        blocked && effect.kind === "blocked" ? effect.syncState : null,
        blocked && effect.kind === "blocked" ? effect.errorCode : null,
        blocked && effect.kind === "blocked" ? effect.error : null,
      ],
    );
    if (listing.channel_state?.status !== status) result.changed.push({ listingId: listing.id, fields: ["status"] });
    result.listingIds.push(listing.id);
    if (listing.variant_id) result.variantIds.push(listing.variant_id);
  }
  return result;
}
