import type { EntityManager, EntityName, EventArgs, EventSubscriber, FilterDef } from "@mikro-orm/core";
import { analyticsTenantEntities } from "./entities/analytics";
import { AuditLog } from "./entities/audit-log";
import { Invitation, Member } from "./entities/auth";
import { bulkOperationEntities } from "./entities/bulk-operation";
import { catalogEntities } from "./entities/catalog";
import { catalogImportEntities } from "./entities/catalog-import";
import { catalogPreferenceEntities } from "./entities/catalog-preferences";
import { channelEntities } from "./entities/channel-connection";
import { settingsEntities } from "./entities/settings";
import { reportEntities } from "./entities/reports";
import { alertEntities } from "./entities/alerts";
import { listingEntities } from "./entities/listings";
import { orderEntities } from "./entities/orders";
import { syncEntities } from "./entities/sync";
import { webhookEntities } from "./entities/webhooks";
import { conflictEntities } from "./entities/conflicts";
import { inventoryEntities } from "./entities/inventory";

export const TENANT_FILTER = "tenant";

/** Every entity owned by an organization. New tenant tables must be added here. */
const tenantSchemas = [
  Member,
  Invitation,
  AuditLog,
  ...catalogEntities,
  ...catalogPreferenceEntities,
  ...channelEntities,
  ...bulkOperationEntities,
  ...catalogImportEntities,
  ...settingsEntities,
  ...analyticsTenantEntities,
  ...reportEntities,
  ...listingEntities,
  ...syncEntities,
  ...webhookEntities,
  ...orderEntities,
  ...alertEntities,
  ...conflictEntities,
  ...inventoryEntities,
];
export const tenantEntities: EntityName[] = tenantSchemas;
const tenantEntityNames = new Set<string>(tenantSchemas.map((schema) => schema.meta.className));

export class TenantScopeError extends Error {
  override readonly name = "TenantScopeError";
}

/**
 * On by default: a query on a tenant entity without an active organization fails (MikroORM throws
 * when a default filter has no parameters), so forgetting the scope cannot leak another tenant's
 * rows. Cross-organization reads (a user's own memberships) opt out explicitly with
 * `filters: { tenant: false }`.
 */
export const tenantFilter: FilterDef = {
  name: TENANT_FILTER,
  entity: tenantEntities,
  default: true,
  cond: (args: Record<string, unknown>) => ({ organizationId: args.organizationId }),
};

function activeOrganization(em: EntityManager): string | undefined {
  const params = em.getFilterParams<{ organizationId?: string }>(TENANT_FILTER);
  return params?.organizationId;
}

/** Stamps new tenant rows with the active organization and refuses writes into another one. */
export class TenantSubscriber implements EventSubscriber<{ organizationId: string }> {
  beforeCreate(args: EventArgs<{ organizationId: string }>): void {
    if (!tenantEntityNames.has(args.meta.className)) return;
    const organizationId = activeOrganization(args.em);
    if (!organizationId) {
      if (args.entity.organizationId) return; // system writes (seeds, jobs) name the organization
      throw new TenantScopeError(`Cannot create ${args.meta.className} without an active organization`);
    }
    if (args.entity.organizationId && args.entity.organizationId !== organizationId) {
      throw new TenantScopeError(`Cannot create ${args.meta.className} in another organization`);
    }
    args.entity.organizationId = organizationId;
  }

  beforeUpdate(args: EventArgs<{ organizationId: string }>): void {
    if (!tenantEntityNames.has(args.meta.className)) return;
    const organizationId = activeOrganization(args.em);
    if (organizationId && args.entity.organizationId !== organizationId) {
      throw new TenantScopeError(`Cannot move ${args.meta.className} to another organization`);
    }
  }
}

/** A request- or job-scoped EntityManager bound to one organization. */
export function forOrganization<T extends EntityManager>(em: T, organizationId: string): T {
  const scoped = em.fork();
  scoped.setFilterParams(TENANT_FILTER, { organizationId });
  return scoped;
}
