import {
  sqlRows,
  type ConflictResolution,
  type ConflictSource,
  type ConflictValues,
  type EntityManager,
  type ListingSnapshot,
} from "@syncstore/db";
import { normaliseStatus } from "@syncstore/domain";
import { markCatalogForSync } from "../catalog/sync";
import { markListingsForSync } from "../sync/mark";
import { OWN_OR_PRODUCT_CONFLICT } from "./conflict-scope";
import { driftOf } from "../webhooks/rules";
import type { DetectedGroup } from "./hash";

/**
 * The writes of conflict handling, shared by detection (policies) and resolution (a person):
 * every channel value is either recorded as a conflict or acted on with a recorded decision.
 */

/** The part of a listing snapshot a field group covers. */
export function snapshotOfGroup(group: DetectedGroup, values: ConflictValues): ListingSnapshot {
  switch (group) {
    case "content":
      return {
        title: values.title ?? null,
        ...(values.description !== undefined ? { description: values.description } : {}),
      };
    case "price":
      return { price: values.price ?? null };
    case "images":
      return { images: values.images ?? null };
    case "options":
      return { options: values.options ?? null };
    case "status":
      return { status: values.status ?? null };
  }
}

/** Master's product status for a channel status (active, inactive, deleted as a buyer sees it). */
export function masterStatusOf(status: string | null | undefined): "active" | "draft" | "archived" | null {
  const normal = normaliseStatus(status);
  if (normal === null) return null;
  return normal === "active" ? "active" : normal === "deleted" ? "archived" : "draft";
}

/**
 * Moves a listing's base (`last_synced`) for a field group to `values` and recomputes drift
 * against what the channel shows. Setting the base to the channel's value makes the engine push
 * master if master differs (use master, overwrite); setting it to master's makes it push nothing.
 */
export async function setBase(
  tx: EntityManager,
  listing: { id: string; lastSynced: ListingSnapshot | null; channelState: ListingSnapshot | null },
  group: DetectedGroup,
  values: ConflictValues,
  /** Images: master's images at this base (see `ListingSnapshot.masterImages`). */
  masterImages?: string[] | null,
): Promise<ListingSnapshot> {
  const base: ListingSnapshot = {
    ...(listing.lastSynced ?? {}),
    ...snapshotOfGroup(group, values),
    ...(group === "images" && masterImages !== undefined ? { masterImages } : {}),
  };
  const drift = listing.channelState ? driftOf(base, listing.channelState) : null;
  await sqlRows(tx, `update listing set last_synced = $2::jsonb, drift = $3::jsonb, updated_at = now() where id = $1`, [
    listing.id,
    JSON.stringify(base),
    drift ? JSON.stringify(drift) : null,
  ]);
  return base;
}

/** Writes a value into master (product title and description, or the variant's price) and marks every listing of it for sync. */
export async function writeMaster(
  tx: EntityManager,
  input: { organizationId: string; productId: string; variantId: string; actorId: string | null },
  group: DetectedGroup,
  values: ConflictValues,
): Promise<{ before: ConflictValues; after: ConflictValues }> {
  if (group === "content") {
    const [row] = await sqlRows<{ title: string; description: string | null }>(
      tx,
      `update product p set title = $3, description = coalesce($4, p.description), version = p.version + 1,
              updated_at = now(), updated_by_id = coalesce($5, p.updated_by_id)
         from (select id, title, description from product where id = $2 and organization_id = $1 for update) old
        where p.id = old.id
        returning old.title, old.description`,
      [input.organizationId, input.productId, values.title ?? "", values.description ?? null, input.actorId],
    );
    await markCatalogForSync(tx, input.organizationId, { productIds: [input.productId] });
    return {
      before: { title: row?.title ?? null, description: row?.description ?? null },
      after: {
        title: values.title ?? null,
        ...(values.description !== undefined ? { description: values.description } : {}),
      },
    };
  }
  if (group === "images" || group === "status") {
    const status = group === "status" ? masterStatusOf(values.status) : null;
    if (group === "status" && !status) throw new Error(`Not a status: ${values.status ?? "(none)"}`);
    const [row] = await sqlRows<{ images: string[]; status: string }>(
      tx,
      `update product p set images = case when $3::jsonb is null then p.images else $3::jsonb end,
              status = coalesce($4, p.status), version = p.version + 1,
              updated_at = now(), updated_by_id = coalesce($5, p.updated_by_id)
         from (select id, images, status from product where id = $2 and organization_id = $1 for update) old
        where p.id = old.id
        returning old.images, old.status`,
      [
        input.organizationId,
        input.productId,
        group === "images" ? JSON.stringify(values.images ?? []) : null,
        status,
        input.actorId,
      ],
    );
    await markCatalogForSync(tx, input.organizationId, { productIds: [input.productId] });
    return group === "images"
      ? { before: { images: row?.images ?? null }, after: { images: values.images ?? null } }
      : { before: { status: row?.status ?? null }, after: { status } };
  }
  if (group === "options") {
    const [row] = await sqlRows<{ options: Record<string, string> }>(
      tx,
      `update variant v set options = $3::jsonb, version = v.version + 1, updated_at = now()
         from (select id, options from variant where id = $2 and organization_id = $1 for update) old
        where v.id = old.id
        returning old.options`,
      [input.organizationId, input.variantId, JSON.stringify(values.options ?? {})],
    );
    await markCatalogForSync(tx, input.organizationId, { variantIds: [input.variantId] });
    return { before: { options: row?.options ?? null }, after: { options: values.options ?? null } };
  }
  const [row] = await sqlRows<{ price: number }>(
    tx,
    `update variant v set price = $3, version = v.version + 1, updated_at = now()
       from (select id, price from variant where id = $2 and organization_id = $1 for update) old
      where v.id = old.id
      returning old.price::float8 as price`,
    [input.organizationId, input.variantId, values.price],
  );
  await markCatalogForSync(tx, input.organizationId, { variantIds: [input.variantId] });
  return {
    before: { price: row?.price ?? null, currency: values.currency ?? null },
    after: { price: values.price ?? null, currency: values.currency ?? null },
  };
}

/**
 * Keeps the channel's value as this listing's override (title/description override, or a set
 * price). Images, options and status have no per-listing override and are not pushed by the engine:
 * the channel's value simply stays (its base moves), recorded by the caller.
 */
export async function writeOverride(
  tx: EntityManager,
  listingId: string,
  group: DetectedGroup,
  values: ConflictValues,
): Promise<void> {
  if (group === "images" || group === "options" || group === "status") return;
  if (group === "content") {
    await sqlRows(
      tx,
      `update listing set title_override = $2, description_override = coalesce($3, description_override), updated_at = now() where id = $1`,
      [listingId, values.title ?? null, values.description ?? null],
    );
    return;
  }
  await sqlRows(tx, `update listing set price_rule = $2::jsonb, updated_at = now() where id = $1`, [
    listingId,
    JSON.stringify({ kind: "set", amount: values.price }),
  ]);
}

export interface OpenConflictInput {
  organizationId: string;
  listingId: string;
  connectionId: string;
  productId: string | null;
  variantId: string | null;
  group: DetectedGroup;
  source: ConflictSource;
  base: ConflictValues | null;
  master: ConflictValues;
  channel: ConflictValues;
  seenAt: Date;
}

/**
 * Opens a conflict, or refreshes the open one of that listing and field group with the latest
 * master and channel values (one open conflict per listing and group). `opened` is false for a refresh.
 */
export async function openConflict(
  tx: EntityManager,
  input: OpenConflictInput,
): Promise<{ id: string; opened: boolean }> {
  const [row] = await sqlRows<{ id: string; opened: boolean }>(
    tx,
    `insert into conflict (id, organization_id, listing_id, connection_id, product_id, variant_id, field_group, status,
                           source, base, master, channel, channel_seen_at, detected_at)
     values (gen_random_uuid(), $1, $2, $3, $4, $5, $6, 'open', $7, $8::jsonb, $9::jsonb, $10::jsonb, $11, now())
     on conflict (listing_id, field_group) where status = 'open'
     do update set master = excluded.master, channel = excluded.channel, channel_seen_at = excluded.channel_seen_at
     returning id::text as id, (xmax = 0) as opened`,
    [
      input.organizationId,
      input.listingId,
      input.connectionId,
      input.productId,
      input.variantId,
      input.group,
      input.source,
      input.base ? JSON.stringify(input.base) : null,
      JSON.stringify(input.master),
      JSON.stringify(input.channel),
      input.seenAt,
    ],
  );
  if (!row) throw new Error(`conflict for listing ${input.listingId} was not written`);
  return row;
}

/** Brings an open conflict's master and channel values up to date (another variant of its product saw it). */
export async function refreshConflict(tx: EntityManager, conflictId: string, input: OpenConflictInput): Promise<void> {
  await sqlRows(
    tx,
    `update conflict set master = $2::jsonb, channel = $3::jsonb, channel_seen_at = $4 where id = $1 and status = 'open'`,
    [conflictId, JSON.stringify(input.master), JSON.stringify(input.channel), input.seenAt],
  );
}

/** Records what a policy did on its own as a closed conflict (history: never silent). */
export async function recordPolicyDecision(
  tx: EntityManager,
  input: OpenConflictInput & { resolution: ConflictResolution; note: string; value: ConflictValues },
): Promise<string> {
  const [row] = await sqlRows<{ id: string }>(
    tx,
    `insert into conflict (id, organization_id, listing_id, connection_id, product_id, variant_id, field_group, status,
                           source, base, master, channel, channel_seen_at, detected_at, resolution, resolved_value,
                           resolved_at, note)
     values (gen_random_uuid(), $1, $2, $3, $4, $5, $6, 'resolved', $7, $8::jsonb, $9::jsonb, $10::jsonb, $11, now(),
             $12, $13::jsonb, now(), $14)
     returning id::text as id`,
    [
      input.organizationId,
      input.listingId,
      input.connectionId,
      input.productId,
      input.variantId,
      input.group,
      input.source,
      input.base ? JSON.stringify(input.base) : null,
      JSON.stringify(input.master),
      JSON.stringify(input.channel),
      input.seenAt,
      input.resolution,
      JSON.stringify(input.value),
      input.note,
    ],
  );
  await audit(tx, {
    organizationId: input.organizationId,
    actorId: null,
    action: `conflict.${input.resolution}`,
    entityId: row?.id ?? null,
    diff: { [input.group]: { before: input.channel, after: input.value } },
  });
  return row?.id ?? "";
}

/** Closes open conflicts that a later change made moot, with the reason. Returns their ids. */
export async function closeMoot(tx: EntityManager, conflictIds: readonly string[], note: string): Promise<string[]> {
  if (conflictIds.length === 0) return [];
  const rows = await sqlRows<{ id: string }>(
    tx,
    `update conflict set status = 'moot', resolved_at = now(), note = $2
      where id = any($1::uuid[]) and status = 'open' returning id::text as id`,
    [[...conflictIds], note],
  );
  return rows.map((row) => row.id);
}

export async function audit(
  tx: EntityManager,
  input: {
    organizationId: string;
    actorId: string | null;
    action: string;
    entityId: string | null;
    diff: Record<string, { before: unknown; after: unknown }>;
    requestId?: string | null;
  },
): Promise<void> {
  await sqlRows(
    tx,
    `insert into audit_log (id, organization_id, actor_id, action, entity, entity_id, diff, request_id, created_at)
     values (gen_random_uuid(), $1, $2, $3, 'conflict', $4, $5::jsonb, $6, now())`,
    [
      input.organizationId,
      input.actorId,
      input.action,
      input.entityId,
      JSON.stringify(input.diff),
      input.requestId ?? null,
    ],
  );
}

/** Re-queues listings whose paused field group is free again. */
export async function resumeListings(
  tx: EntityManager,
  organizationId: string,
  listingIds: readonly string[],
): Promise<number> {
  if (listingIds.length === 0) return 0;
  return markListingsForSync(tx, { organizationId, listingIds: [...listingIds] });
}

/**
 * Keeps `listing.sync_state = 'conflict'` true: a listing otherwise in sync shows `conflict` while it
 * (or, for title and description, its channel product) has an open conflict whose fields sync
 * holds, and goes back to `in_sync` once none is open. Pending, failed and other states are left
 * to the engine, which lands on `conflict` instead of `in_sync` after a push (see sync/record).
 * Covers every listing of the given listings' channel products. Returns the listings changed.
 */
export async function refreshConflictStates(tx: EntityManager, listingIds: readonly string[]): Promise<number> {
  if (listingIds.length === 0) return 0;
  const rows = await sqlRows<{ id: string }>(
    tx,
    `with target as (
       select l.id,
              exists (select 1 from conflict c where c.status = 'open' and (${OWN_OR_PRODUCT_CONFLICT})) as has_open
         from listing l
        where l.sync_state in ('in_sync', 'conflict')
          and (l.id = any($1::uuid[])
               or (l.connection_id, l.external_product_id) in (
                    select s.connection_id, s.external_product_id from listing s where s.id = any($1::uuid[])))
     )
     update listing l set sync_state = case when t.has_open then 'conflict' else 'in_sync' end, updated_at = now()
       from target t
      where l.id = t.id and l.sync_state <> case when t.has_open then 'conflict' else 'in_sync' end
     returning l.id::text as id`,
    [[...listingIds]],
  );
  return rows.length;
}
