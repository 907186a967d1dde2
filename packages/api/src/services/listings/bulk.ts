import { can } from "@syncstore/auth/permissions";
import { DomainError, type FieldIssue } from "@syncstore/domain";
import {
  BULK_KIND_LISTING_CREATE,
  BULK_KIND_LISTING_LINK,
  CATALOG_BULK_MAX_ATTEMPTS,
  enqueue,
  listingBulkParametersSchema,
  planProductCreation,
  planSkuLinks,
  rowsChangedChunks,
  runListingBatch,
  type CreatePlanGroup,
  type LinkPlanRow,
  type ListingBulkParameters,
  type ListingBulkResult,
} from "@syncstore/services";
import type { BulkProgressPayload } from "@syncstore/realtime/events";
import type { EntityManager } from "@syncstore/db";
import { withChange } from "../../core/change";
import type { OrgScope } from "../scope";
import { sqlRows } from "../sql";
import { unmatchedWhere } from "./linking";

/** The most listings one bulk action may take. */
export const LISTING_BULK_MAX = 2000;
/** Up to this many listings the action runs in the request; above, the bulk job does it with progress. */
export const LISTING_BULK_INLINE_LIMIT = 20;

/** Which unmatched listings: explicit ids (the rows ticked), or every one the search matches. */
export type ListingSelection = { mode: "ids"; listingIds: string[] } | { mode: "query"; search?: string | undefined };

export interface ListingBulkOperation extends BulkProgressPayload {
  kind: "link" | "create";
  connectionId: string;
  createdAt: Date;
  finishedAt: Date | null;
  results: ListingBulkResult[];
}

async function checkConnection(em: EntityManager, organizationId: string, connectionId: string): Promise<void> {
  const [found] = await sqlRows<{ id: string }>(
    em,
    `select id from channel_connection where organization_id = $1 and id = $2`,
    [organizationId, connectionId],
  );
  if (!found) throw new DomainError("NOT_FOUND", "This shop is not connected to this organization");
}

/** The listing ids a selection means, in the Unmatched screen's order; each id once. */
async function resolveSelection(scope: OrgScope, connectionId: string, selection: ListingSelection): Promise<string[]> {
  const organizationId = scope.actor.organizationId;
  await checkConnection(scope.em, organizationId, connectionId);
  const ids =
    selection.mode === "ids"
      ? [...new Set(selection.listingIds)]
      : (() => {
          const { where, params } = unmatchedWhere(organizationId, { connectionId, search: selection.search });
          return sqlRows<{ id: string }>(
            scope.em,
            `select l.id::text as id from listing l where ${where}
              order by l.external_title, l.external_product_id, l.external_sku, l.id limit ${LISTING_BULK_MAX + 1}`,
            params,
          ).then((rows) => rows.map((row) => row.id));
        })();
  const resolved = await ids;
  if (resolved.length === 0) throw new DomainError("INVALID", "No listings are selected");
  if (resolved.length > LISTING_BULK_MAX)
    throw new DomainError("INVALID", `A bulk action takes at most ${LISTING_BULK_MAX.toLocaleString("en")} listings`);
  return resolved;
}

/** Each selected listing → its suggested master variant, or why it has none (those are left out). Writes nothing. */
export async function previewBulkLink(
  scope: OrgScope,
  input: { connectionId: string; selection: ListingSelection },
): Promise<{ rows: LinkPlanRow[]; linkable: number; skipped: number }> {
  const ids = await resolveSelection(scope, input.connectionId, input.selection);
  const rows = await planSkuLinks(scope.em, scope.actor.organizationId, input.connectionId, ids);
  const linkable = rows.filter((row) => row.variantId !== null).length;
  return { rows, linkable, skipped: rows.length - linkable };
}

/** The products and variants "Create products" would make of the selection, with what is left out and why. */
export async function previewBulkCreate(
  scope: OrgScope,
  input: { connectionId: string; selection: ListingSelection },
): Promise<{ groups: CreatePlanGroup[]; products: number; variants: number; skipped: number }> {
  const ids = await resolveSelection(scope, input.connectionId, input.selection);
  const groups = await planProductCreation(scope.em, scope.actor.organizationId, input.connectionId, ids);
  const included = groups.flatMap((g) => g.variants).filter((v) => v.reason === null).length;
  return {
    groups,
    products: groups.filter((g) => g.variants.some((v) => v.reason === null)).length,
    variants: included,
    skipped: ids.length - included,
  };
}

/** Listings of this organization and shop among `ids` (anything else is refused at its index). */
async function checkListings(
  scope: OrgScope,
  connectionId: string,
  ids: readonly string[],
  path: (index: number) => (string | number)[],
): Promise<void> {
  const rows = await sqlRows<{ id: string; connectionId: string }>(
    scope.em,
    `select id::text as id, connection_id::text as "connectionId" from listing
      where organization_id = $1 and id = any($2::uuid[])`,
    [scope.actor.organizationId, [...new Set(ids)]],
  );
  const found = new Map(rows.map((row) => [row.id, row.connectionId]));
  const seen = new Set<string>();
  const issues: FieldIssue[] = [];
  ids.forEach((id, index) => {
    const connection = found.get(id);
    if (connection === undefined)
      issues.push({ path: path(index), message: "This listing does not exist in this organization" });
    else if (connection !== connectionId)
      issues.push({ path: path(index), message: "This listing belongs to another shop" });
    else if (seen.has(id)) issues.push({ path: path(index), message: "This listing is selected twice" });
    seen.add(id);
  });
  if (issues.length) throw DomainError.invalidFields(issues);
}

/**
 * Creates the bulk operation and, in the same transaction, runs it (small selections) or enqueues
 * the bulk job (larger ones), as the catalog's bulk edit does: both commit or neither.
 */
async function startOperation(
  scope: OrgScope,
  kind: typeof BULK_KIND_LISTING_LINK | typeof BULK_KIND_LISTING_CREATE,
  parameters: ListingBulkParameters,
): Promise<ListingBulkOperation> {
  const organizationId = scope.actor.organizationId;
  return withChange(scope.deps, scope.em, scope.actor, async (change) => {
    const tx = change.tx;
    const total = parameters.rows.length;
    const [created] = await sqlRows<{ id: string }>(
      tx,
      `insert into bulk_operation (id, organization_id, kind, parameters, selection, total, done, failed, status, actor_id, created_at)
       values (gen_random_uuid(), $1, $2, $3::jsonb, $4::jsonb, $5, 0, 0, 'queued', $6, now()) returning id::text as id`,
      [
        organizationId,
        kind,
        JSON.stringify(parameters),
        JSON.stringify({ mode: "ids", connectionId: parameters.connectionId }),
        total,
        scope.actor.userId,
      ],
    );
    if (!created) throw new Error("bulk_operation insert returned nothing");
    const operationId = created.id;
    const inline = total <= LISTING_BULK_INLINE_LIMIT;
    change.audit({
      action: "bulk_operation.create",
      entity: "bulk_operation",
      entityId: operationId,
      label: kind === BULK_KIND_LISTING_LINK ? "Link by SKU suggestions" : "Create products from listings",
      after: { kind, connectionId: parameters.connectionId, total, mode: inline ? "inline" : "job" },
    });
    if (inline) {
      for (;;) {
        const result = await runListingBatch(tx, operationId);
        for (const chunk of rowsChangedChunks(result.changedVariantIds, scope.actor.userId))
          change.emit("catalog.rows_changed", chunk);
        if (result.listingsChanged) change.emit("listings.changed", { ...result.listingsChanged, reason: "import" });
        if (result.status !== "running" || result.processed === 0) break;
      }
    } else {
      await enqueue(
        tx,
        "catalog-bulk-operation",
        { operationId },
        { jobKey: `bulk-operation:${operationId}`, maxAttempts: CATALOG_BULK_MAX_ATTEMPTS },
      );
    }
    const op = await loadOperation(tx, organizationId, operationId);
    change.emit("bulk.progress", {
      operationId: op.operationId,
      done: op.done,
      failed: op.failed,
      total: op.total,
      status: op.status,
    });
    return op;
  });
}

/**
 * "Link by SKU suggestions": links each listing to the variant its preview suggested. Listings or
 * variants outside this organization (or listings of another shop) refuse the whole request with
 * the field at fault; rows that cannot be linked any more when their turn comes (linked meanwhile,
 * variant taken) are skipped with their reason.
 */
export async function startBulkLink(
  scope: OrgScope,
  input: { connectionId: string; links: { listingId: string; variantId: string }[] },
): Promise<ListingBulkOperation> {
  const organizationId = scope.actor.organizationId;
  await checkConnection(scope.em, organizationId, input.connectionId);
  await checkListings(
    scope,
    input.connectionId,
    input.links.map((link) => link.listingId),
    (index) => ["links", index, "listingId"],
  );
  const variants = new Set(
    (
      await sqlRows<{ id: string }>(
        scope.em,
        `select id::text as id from variant where organization_id = $1 and id = any($2::uuid[])`,
        [organizationId, [...new Set(input.links.map((link) => link.variantId))]],
      )
    ).map((row) => row.id),
  );
  const issues = input.links.flatMap((link, index): FieldIssue[] =>
    variants.has(link.variantId)
      ? []
      : [{ path: ["links", index, "variantId"], message: "This variant does not exist in this organization" }],
  );
  if (issues.length) throw DomainError.invalidFields(issues);
  return startOperation(
    scope,
    BULK_KIND_LISTING_LINK,
    listingBulkParametersSchema.parse({
      connectionId: input.connectionId,
      rows: input.links.map((link) => ({ listingId: link.listingId, variantId: link.variantId })),
    }),
  );
}

/**
 * "Create products": one master product per channel product of the selected listings (see
 * `planProductCreation`), each linked to its listings. Needs catalog write access as well.
 */
export async function startBulkCreate(
  scope: OrgScope,
  input: { connectionId: string; listingIds: string[] },
): Promise<ListingBulkOperation> {
  if (!can(scope.role, "catalog:write"))
    throw new DomainError("FORBIDDEN", "Creating products needs catalog write access");
  await checkConnection(scope.em, scope.actor.organizationId, input.connectionId);
  await checkListings(scope, input.connectionId, input.listingIds, (index) => ["listingIds", index]);
  // Rows of one channel product side by side (the job keeps each group in one batch), in preview order.
  const groups = await planProductCreation(scope.em, scope.actor.organizationId, input.connectionId, input.listingIds);
  const rows = groups.flatMap((group) =>
    group.variants.map((v) => ({
      listingId: v.listingId,
      ...(group.externalProductId ? { group: group.externalProductId } : {}),
    })),
  );
  return startOperation(
    scope,
    BULK_KIND_LISTING_CREATE,
    listingBulkParametersSchema.parse({ connectionId: input.connectionId, rows }),
  );
}

interface OperationRecord {
  id: string;
  kind: string;
  parameters: unknown;
  total: number;
  done: number;
  failed: number;
  status: BulkProgressPayload["status"];
  createdAt: Date;
  finishedAt: Date | null;
}

async function loadOperation(em: EntityManager, organizationId: string, id: string): Promise<ListingBulkOperation> {
  const [row] = await sqlRows<OperationRecord>(
    em,
    `select id::text as id, kind, parameters, total, done, failed, status, created_at as "createdAt",
            finished_at as "finishedAt"
       from bulk_operation where organization_id = $1 and id = $2 and kind = any($3::text[])`,
    [organizationId, id, [BULK_KIND_LISTING_LINK, BULK_KIND_LISTING_CREATE]],
  );
  if (!row) throw new DomainError("NOT_FOUND", "Bulk operation not found");
  const parameters = listingBulkParametersSchema.parse(row.parameters);
  return {
    operationId: row.id,
    kind: row.kind === BULK_KIND_LISTING_LINK ? "link" : "create",
    connectionId: parameters.connectionId,
    total: row.total,
    done: row.done,
    failed: row.failed,
    status: row.status,
    createdAt: new Date(row.createdAt),
    finishedAt: row.finishedAt ? new Date(row.finishedAt) : null,
    results: parameters.results,
  };
}

/** One listings bulk operation with its progress and every row's outcome so far. */
export async function getListingBulk(scope: OrgScope, id: string): Promise<ListingBulkOperation> {
  return loadOperation(scope.em, scope.actor.organizationId, id);
}
