import { can, isRoleName, type Permission, type RoleName } from "@syncstore/auth/permissions";
import { forOrganization, Member, type EntityManager } from "@syncstore/db";
import type { ApiDeps, SessionResult } from "./context";
import { DomainError } from "./errors";

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
): Promise<Membership> {
  if (!session) throw new DomainError("UNAUTHENTICATED", "Sign in to continue");
  const organizationId = session.session.activeOrganizationId as string | null | undefined;
  if (!organizationId) throw new DomainError("NO_ACTIVE_ORGANIZATION", "Choose or create an organization first");
  const membership = await deps.orm.em
    .fork()
    .findOne(Member, { organizationId, userId: session.user.id }, { filters: false });
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
