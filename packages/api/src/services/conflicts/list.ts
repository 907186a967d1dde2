import { sqlRows, type ConflictValues } from "@syncstore/db";
import type { ConflictFieldGroup } from "@syncstore/domain";
import type { OrgScope } from "../scope";

export const conflictAges = ["any", "1d", "7d", "older"] as const;
export type ConflictAge = (typeof conflictAges)[number];

export interface ConflictFilters {
  connectionId?: string | undefined;
  fieldGroup?: string | undefined;
  productId?: string | undefined;
  age?: ConflictAge | undefined;
  limit: number;
  offset: number;
}

export interface ConflictRow {
  id: string;
  fieldGroup: ConflictFieldGroup;
  status: string;
  source: string;
  detectedAt: Date;
  channelSeenAt: Date;
  resolution: string | null;
  resolvedAt: Date | null;
  resolvedByName: string | null;
  note: string | null;
  base: ConflictValues | null;
  master: ConflictValues;
  channel: ConflictValues;
  resolvedValue: ConflictValues | null;
  currency: string;
  listingId: string;
  sku: string | null;
  productId: string | null;
  productTitle: string | null;
  connectionId: string;
  connectionName: string;
  platform: "shopee" | "tiktok";
}

/** Raw SQL hands timestamps back as text. */
type ConflictDbRow = Omit<ConflictRow, "detectedAt" | "channelSeenAt" | "resolvedAt"> & {
  detectedAt: Date | string;
  channelSeenAt: Date | string;
  resolvedAt: Date | string | null;
};

function toConflictRow(row: ConflictDbRow): ConflictRow {
  return {
    ...row,
    detectedAt: new Date(row.detectedAt),
    channelSeenAt: new Date(row.channelSeenAt),
    resolvedAt: row.resolvedAt === null ? null : new Date(row.resolvedAt),
  };
}

const columns = `c.id::text as "id", c.field_group as "fieldGroup", c.status, c.source, c.detected_at as "detectedAt",
  c.channel_seen_at as "channelSeenAt", c.resolution, c.resolved_at as "resolvedAt", u.name as "resolvedByName", c.note,
  c.base, c.master, c.channel, c.resolved_value as "resolvedValue", o.currency, c.listing_id::text as "listingId",
  v.sku, c.product_id::text as "productId", p.title as "productTitle", c.connection_id::text as "connectionId",
  cc.name as "connectionName", cc.platform`;
const joins = `from conflict c
  join organization o on o.id = c.organization_id
  join channel_connection cc on cc.id = c.connection_id
  left join product p on p.id = c.product_id
  left join variant v on v.id = c.variant_id
  left join "user" u on u.id = c.resolved_by_id`;

const ageClause: Record<ConflictAge, string> = {
  any: "true",
  "1d": "c.detected_at > now() - interval '1 day'",
  "7d": "c.detected_at > now() - interval '7 days'",
  older: "c.detected_at <= now() - interval '7 days'",
};

/** Open conflicts with the page's filters, newest first, and how many match. */
export async function listConflicts(
  scope: OrgScope,
  filters: ConflictFilters,
): Promise<{ rows: ConflictRow[]; total: number }> {
  const where = `c.organization_id = $1 and c.status = 'open'
    and ($2::uuid is null or c.connection_id = $2) and ($3::text is null or c.field_group = $3)
    and ($4::uuid is null or c.product_id = $4) and ${ageClause[filters.age ?? "any"]}`;
  const params = [
    scope.actor.organizationId,
    filters.connectionId ?? null,
    filters.fieldGroup ?? null,
    filters.productId ?? null,
  ];
  const rows = await sqlRows<ConflictDbRow>(
    scope.em,
    `select ${columns} ${joins} where ${where} order by c.detected_at desc, c.id limit $5 offset $6`,
    [...params, filters.limit, filters.offset],
  );
  const [count] = await sqlRows<{ n: number }>(
    scope.em,
    `select count(*)::int as n from conflict c where ${where}`,
    params,
  );
  return { rows: rows.map(toConflictRow), total: count?.n ?? 0 };
}

/** Open conflicts of the organization (the sidebar badge). */
export async function countOpenConflicts(scope: OrgScope): Promise<number> {
  const [row] = await sqlRows<{ n: number }>(
    scope.em,
    `select count(*)::int as n from conflict where organization_id = $1 and status = 'open'`,
    [scope.actor.organizationId],
  );
  return row?.n ?? 0;
}

/** Resolved and moot conflicts of a product (its history), newest first. */
export async function productConflictHistory(scope: OrgScope, productId: string): Promise<ConflictRow[]> {
  const rows = await sqlRows<ConflictDbRow>(
    scope.em,
    `select ${columns} ${joins}
      where c.organization_id = $1 and c.product_id = $2 and c.status <> 'open'
      order by coalesce(c.resolved_at, c.detected_at) desc limit 50`,
    [scope.actor.organizationId, productId],
  );
  return rows.map(toConflictRow);
}

export interface ReviewRow {
  listingId: string;
  status: "pending" | "rejected";
  reasons: string[];
  seenAt: string;
  productId: string | null;
  productTitle: string | null;
  connectionName: string;
}

/** Listings whose content edit waits for (or was refused by) the marketplace's review. */
export async function listReviews(scope: OrgScope): Promise<ReviewRow[]> {
  return sqlRows<ReviewRow>(
    scope.em,
    `select l.id::text as "listingId", l.channel_review->>'status' as status,
            coalesce(array(select jsonb_array_elements_text(l.channel_review->'reasons')), '{}') as reasons,
            coalesce(l.channel_review->>'seenAt', '') as "seenAt", l.product_id::text as "productId", p.title as "productTitle",
            cc.name as "connectionName"
       from listing l join channel_connection cc on cc.id = l.connection_id left join product p on p.id = l.product_id
      where l.organization_id = $1 and l.channel_review is not null
      order by l.channel_review->>'seenAt' desc limit 100`,
    [scope.actor.organizationId],
  );
}
