import { OWN_OR_PRODUCT_CONFLICT } from "../conflicts/detect";
import { sqlRows, type ChannelPlatform, type EntityManager } from "@syncstore/db";
import { shopConnectionColumns, type ShopConnection } from "../channels/shop-session";
import type { ListingState } from "./desired";
import { addJobsSql } from "../enqueue";
import { SYNC_LISTING_TASK, syncListingJobKey } from "./mark";

/** A connection as the engine needs it (tokens stay encrypted until the push). */
export interface ConnectionRow extends ShopConnection {
  platform: ChannelPlatform;
  /** Whether the listing has something to push and no live claim, on a shop that can be pushed to. */
  claimable: boolean;
}

/** Connection states a push may go to: not paused, not disconnected, not waiting for re-authorization. */
const PUSHABLE_STATUSES = "('active', 'expiring', 'error')";

/**
 * Claims the job's own listing plus other pending listings of the same shop, up to `limit`
 * (the platform's batch limit), in one statement: rows locked by another transaction are skipped,
 * and listings another job holds a live claim on are left alone, so two jobs never push one
 * listing at once. The listing's own job ignores its backoff (it was scheduled for then); others
 * are batched only once their backoff is over. Same-product listings come first so they share
 * calls. Nothing is claimed on a paused or unreachable shop, nor when the job's own listing has
 * nothing to push or is another job's: every pending listing has its own job, so a job whose
 * listing was already pushed in someone else's batch ends after one indexed lookup.
 */
export async function claimListings(
  tx: EntityManager,
  input: { listingId: string; token: string; limit: number; ttlMs: number },
): Promise<string[]> {
  const rows = await sqlRows<{ id: string }>(
    tx,
    `with own as (
       select l.connection_id, l.product_id
         from listing l join channel_connection c on c.id = l.connection_id
        where l.id = $1 and not c.sync_paused and c.status in ${PUSHABLE_STATUSES}
          and l.sync_state in ('pending', 'syncing')
          and (l.sync_claimed_until is null or l.sync_claimed_until < clock_timestamp())
     ),
     candidates as (
       select l.id, l.product_id, l.connection_id, (l.product_id is not distinct from own.product_id) as own_product
         from listing l, own
        where l.connection_id = own.connection_id
          and l.sync_state in ('pending', 'syncing')
          and (l.sync_claimed_until is null or l.sync_claimed_until < clock_timestamp())
          and (l.id = $1 or l.sync_retry_at is null or l.sync_retry_at <= clock_timestamp())
          and l.enabled and l.variant_id is not null and l.external_product_id is not null
        order by (l.id = $1) desc, (l.product_id is not distinct from own.product_id) desc, l.product_id, l.id
        limit $2
        for update of l skip locked
     ),
     -- Products are pushed whole where possible: another product cut by the limit (or half taken
     -- by a concurrent claim) is left for a job that takes it entirely, so it costs one call.
     kept as (
       select c.id from candidates c
        where c.own_product
           or not exists (
                select 1 from listing x
                 where x.connection_id = c.connection_id and x.product_id = c.product_id
                   and x.sync_state in ('pending', 'syncing')
                   and (x.sync_claimed_until is null or x.sync_claimed_until < clock_timestamp())
                   and x.enabled and x.variant_id is not null and x.external_product_id is not null
                   and not exists (select 1 from candidates y where y.id = x.id))
     )
     update listing l
        set sync_state = 'syncing', sync_claim = $3,
            sync_claimed_until = clock_timestamp() + $4 * interval '1 millisecond'
       from kept c
      where l.id = c.id
     returning l.id::text as id`,
    [input.listingId, input.limit, input.token, input.ttlMs],
  );
  return rows.map((row) => row.id);
}

/**
 * Master data and rules of claimed listings. Runs in the claim's transaction after the claim, so
 * it sees every committed change, and no change can commit in between: `markListingsForSync`
 * waits on the claimed rows, so a version read here always matches the data read with it.
 */
export async function readListingStates(tx: EntityManager, ids: readonly string[]): Promise<ListingState[]> {
  if (ids.length === 0) return [];
  return sqlRows<ListingState>(
    tx,
    `select l.id::text as "id", l.organization_id as "organizationId", l.connection_id::text as "connectionId",
            l.product_id::text as "productId", l.variant_id::text as "variantId",
            l.external_product_id as "externalProductId", l.external_variant_id as "externalVariantId",
            l.title_override as "titleOverride", l.description_override as "descriptionOverride",
            l.price_rule as "priceRule", l.stock_rule as "stockRule",
            l.desired_version as "desiredVersion", l.last_synced as "lastSynced", l.drift as "drift", l.sync_run_id::text as "syncRunId",
            l.sync_attempts as "syncAttempts",
            v.price::float8 as "price",
            coalesce(s.available, 0)::int as "available",
            coalesce(s.promotion_reserved, 0)::int as "promotionReserved",
            cr.rule as "connectionRule", i.default_stock_rule as "organizationRule",
            p.title as "title", p.description as "description", p.status as "productStatus",
            o.currency as "currency", cc.currency as "shopCurrency",
            er.rate::text as "rate", er.rounding as "rounding", cc.default_price_rule as "defaultPriceRule",
            array(select c.field_group from conflict c where c.status = 'open' and (${OWN_OR_PRODUCT_CONFLICT})) as "pausedGroups"
       from listing l
       join variant v on v.id = l.variant_id
       join product p on p.id = v.product_id
       join organization o on o.id = l.organization_id
       join channel_connection cc on cc.id = l.connection_id
       left join exchange_rate er on er.organization_id = l.organization_id and er.currency = cc.currency
       left join stock_level s on s.variant_id = v.id
       left join connection_stock_rule cr on cr.connection_id = l.connection_id
       left join inventory_settings i on i.organization_id = l.organization_id
      where l.id = any($1::uuid[])
      order by l.product_id, l.id`,
    [ids],
  );
}

export async function readConnection(tx: EntityManager, listingId: string): Promise<ConnectionRow | undefined> {
  const rows = await sqlRows<ConnectionRow>(
    tx,
    `select ${shopConnectionColumns("c")},
            (not c.sync_paused and c.status in ${PUSHABLE_STATUSES} and l.sync_state in ('pending', 'syncing')
             and (l.sync_claimed_until is null or l.sync_claimed_until < clock_timestamp())) as "claimable"
       from listing l join channel_connection c on c.id = l.connection_id where l.id = $1`,
    [listingId],
  );
  return rows[0];
}

/** Extends this job's claims (called before platform calls once half the claim time has passed). */
export async function renewClaims(em: EntityManager, token: string, ttlMs: number): Promise<number> {
  const rows = await sqlRows<{ n: number }>(
    em,
    `with renewed as (
       update listing set sync_claimed_until = clock_timestamp() + $2 * interval '1 millisecond'
        where sync_claim = $1 returning 1
     ) select count(*)::int as n from renewed`,
    [token, ttlMs],
  );
  return rows[0]?.n ?? 0;
}

/**
 * Watchdog: claims whose job died (process killed, connection lost) expire; their listings go back
 * to pending with a fresh job, so a crash delays a push by about the claim time, never forever.
 * Returns how many listings were released.
 */
export async function releaseExpiredClaims(em: EntityManager, graceMs = 2_000): Promise<number> {
  const rows = await sqlRows<{ n: number }>(
    em,
    `with released as (
       update listing
          set sync_state = case when sync_state = 'syncing' then 'pending' else sync_state end,
              sync_claim = null, sync_claimed_until = null
        where sync_claimed_until < clock_timestamp() - $1 * interval '1 millisecond'
        returning id, sync_state
     ),
     jobs as (
       select ${addJobsSql({
         task: SYNC_LISTING_TASK,
         from: "released r where r.sync_state = 'pending'",
         payload: { listingId: "r.id" },
         jobKey: { prefix: syncListingJobKey(""), id: "r.id" },
         jobKeyMode: "preserve_run_at",
         priority: "normal",
       })}
     )
     select (select count(*) from released)::int as n, (select count(*) from jobs)::int as jobs`,
    [graceMs],
  );
  return rows[0]?.n ?? 0;
}

/**
 * Gives every pending listing of a connection a job again without bumping versions: for a shop
 * that was connected again after its token was revoked (its pushes stopped and left listings
 * pending). Call it in the transaction that stores the new tokens. Returns the number queued.
 */
export async function requeuePendingListings(
  tx: EntityManager,
  input: { organizationId: string; connectionId: string },
): Promise<number> {
  const rows = await sqlRows<{ n: number }>(
    tx,
    `with pending as (
       select id from listing
        where organization_id = $1 and connection_id = $2 and sync_state in ('pending', 'syncing')
          and enabled and variant_id is not null and external_product_id is not null
     ),
     jobs as (
       select ${addJobsSql({
         task: SYNC_LISTING_TASK,
         from: "pending p",
         payload: { listingId: "p.id" },
         jobKey: { prefix: syncListingJobKey(""), id: "p.id" },
         jobKeyMode: "preserve_run_at",
         priority: "normal",
       })}
     )
     select (select count(*) from pending)::int as n, (select count(*) from jobs)::int as jobs`,
    [input.organizationId, input.connectionId],
  );
  return rows[0]?.n ?? 0;
}

/**
 * The next listing of a connection a drain can claim (same conditions as `claimListings`, backoff
 * respected); undefined when the shop has nothing left to push. Longest waiting first: marking
 * sets `updated_at`, so a listing edited again and again cannot keep another one waiting.
 */
export async function nextClaimableListing(em: EntityManager, connectionId: string): Promise<string | undefined> {
  const rows = await sqlRows<{ id: string }>(
    em,
    `select l.id::text as id
       from listing l join channel_connection c on c.id = l.connection_id
      where l.connection_id = $1 and not c.sync_paused and c.status in ${PUSHABLE_STATUSES}
        and l.sync_state in ('pending', 'syncing')
        and (l.sync_claimed_until is null or l.sync_claimed_until < clock_timestamp())
        and (l.sync_retry_at is null or l.sync_retry_at <= clock_timestamp())
        and l.enabled and l.variant_id is not null and l.external_product_id is not null
      order by l.updated_at, l.id
      limit 1`,
    [connectionId],
  );
  return rows[0]?.id;
}

/**
 * A job that handed its listing to a running drain leaves a late job behind in case that process
 * dies before the drain reaches the listing; by then it normally finds the listing pushed. It has
 * a key of its own: under the listing's key, a later edit's job would keep this late run time.
 */
export async function recheckListingLater(em: EntityManager, listingId: string, delayMs: number): Promise<void> {
  await sqlRows(
    em,
    `select graphile_worker.add_job($1, json_build_object('listingId', $2::text), job_key => $3,
                                    run_at => now() + $4 * interval '1 millisecond')`,
    [SYNC_LISTING_TASK, listingId, `sync-listing-handover:${listingId}`, delayMs],
  );
}
