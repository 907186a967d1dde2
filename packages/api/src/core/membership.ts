import { can, isRoleName, type Permission, type RoleName } from "@syncstore/auth/permissions";
import { forOrganization, sqlRows, type EntityManager, type Orm } from "@syncstore/db";
import type { Barrier } from "./cache/api-cache";
import type { ApiDeps, SessionResult } from "./context";
import { DomainError } from "./errors";
import { type InFlight, inFlightFor } from "./in-flight";

type MemberRow = { id: string; role: string };
const memberLookups = new WeakMap<Orm, InFlight<MemberRow | null>>();

/**
 * One row; concurrent requests of one user share a lookup under way. With `deps.cache` the row is
 * kept until a membership, session or organization changes (any process; see ApiCache).
 */
function lookUpMember(
  deps: ApiDeps,
  organizationId: string,
  userId: string,
  barrier?: Barrier,
): Promise<MemberRow | null> {
  const load = () => readMember(deps.orm, organizationId, userId);
  return deps.cache ? deps.cache.member(organizationId, userId, load, barrier) : load();
}

function readMember(orm: Orm, organizationId: string, userId: string): Promise<MemberRow | null> {
  return inFlightFor(memberLookups, orm).run(`${organizationId}\n${userId}`, async () => {
    const rows = await sqlRows<MemberRow>(
      orm.em.fork(),
      `select id, role from member where organization_id = $1 and user_id = $2`,
      [organizationId, userId],
    );
    return rows[0] ?? null;
  });
}

export interface Membership {
  organizationId: string;
  role: RoleName;
  membershipId: string;
  /** EntityManager scoped to the organization (tenant filter). */
  em: EntityManager;
}

/**
 * The caller's membership of their active organization, refused unless the role grants
 * `permission`. Used by the tRPC permission middleware and by plain route handlers (downloads,
 * OAuth callbacks) so both enforce the same rule.
 */
export async function requireMembership(
  deps: ApiDeps,
  session: SessionResult | null,
  permission: Permission,
  /** The request's cache barrier, when it has one (see ApiCache.requestBarrier). */
  barrier?: Barrier,
): Promise<Membership> {
  if (!session) throw new DomainError("UNAUTHENTICATED", "Sign in to continue");
  const organizationId = session.session.activeOrganizationId as string | null | undefined;
  if (!organizationId) throw new DomainError("NO_ACTIVE_ORGANIZATION", "Choose or create an organization first");
  const membership = await lookUpMember(deps, organizationId, session.user.id, barrier);
  if (!membership || !isRoleName(membership.role))
    throw new DomainError("FORBIDDEN", "You are not a member of this organization");
  if (!can(membership.role, permission)) {
    throw new DomainError("FORBIDDEN", `Your role (${membership.role}) does not allow ${permission}`);
  }
  return {
    organizationId,
    role: membership.role,
    membershipId: membership.id,
    em: forOrganization(deps.orm.em, organizationId),
  };
}
