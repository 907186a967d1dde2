import type { ListingSnapshot, SyncOutcome } from "@syncstore/db";

/** One push attempt of one listing as the sync screens show it (a `sync_log` row with names). */
export interface SyncAttempt {
  id: string;
  at: Date;
  connection: { id: string; name: string; platform: "shopee" | "tiktok" };
  listingId: string | null;
  productId: string | null;
  productTitle: string | null;
  variantId: string | null;
  sku: string | null;
  syncRunId: string | null;
  operation: string;
  outcome: SyncOutcome;
  attempt: number;
  durationMs: number;
  requestId: string | null;
  errorCode: string | null;
  error: string | null;
  before: ListingSnapshot | null;
  after: ListingSnapshot | null;
}

/** Columns of a SyncAttempt over `attemptFrom`. */
export const attemptColumns = `
  s.id, s.created_at as at, c.id as "connectionId", c.name as "connectionName", c.platform,
  s.listing_id as "listingId", coalesce(l.product_id, v.product_id) as "productId", p.title as "productTitle",
  l.variant_id as "variantId", coalesce(v.sku, l.external_sku) as sku, s.sync_run_id as "syncRunId",
  s.operation, s.outcome, s.attempt, s.duration_ms as "durationMs", s.request_id as "requestId",
  s.error_code as "errorCode", s.error, s.before, s.after`;

export const attemptFrom = `
  sync_log s
  join channel_connection c on c.id = s.connection_id
  left join listing l on l.id = s.listing_id
  left join variant v on v.id = l.variant_id
  left join product p on p.id = coalesce(l.product_id, v.product_id)`;

export type RawAttempt = Omit<SyncAttempt, "connection" | "at"> & {
  at: Date | string;
  connectionId: string;
  connectionName: string;
  platform: "shopee" | "tiktok";
};

export function toAttempt(raw: RawAttempt): SyncAttempt {
  const { connectionId, connectionName, platform, ...rest } = raw;
  return {
    ...rest,
    at: new Date(raw.at),
    connection: { id: connectionId, name: connectionName, platform },
  };
}
