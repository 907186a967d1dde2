import { randomUUID } from "node:crypto";
import { can, isRoleName, type Permission, type RoleName, allPermissions } from "@syncstore/auth/permissions";
import { slugify, DomainError } from "@syncstore/domain";
import { forOrganization, Member, Organization, Session } from "@syncstore/db";
import { withChange, type Actor } from "../core/change";
import type { ApiDeps } from "../core/context";

export interface MeContext {
  user: { id: string; name: string; email: string };
  /** `timeZone`: the IANA zone the organization's days are counted in (analytics presets, reports). */
  activeOrganization: { id: string; name: string; slug: string; timeZone: string } | null;
  role: RoleName | null;
  permissions: Permission[];
  organizations: { id: string; name: string; slug: string; role: RoleName }[];
}

export async function getMeContext(
  deps: ApiDeps,
  user: { id: string; name: string; email: string },
  activeOrganizationId: string | null | undefined,
): Promise<MeContext> {
  const em = deps.orm.em.fork();
  const memberships = await em.find(Member, { userId: user.id }, { filters: false, orderBy: { createdAt: "asc" } });
  const organizations = await em.find(Organization, { id: { $in: memberships.map((m) => m.organizationId) } });
  const byId = new Map(organizations.map((org) => [org.id, org]));
  const list = memberships.flatMap((membership) => {
    const org = byId.get(membership.organizationId);
    return org
      ? [
          {
            id: org.id,
            name: org.name,
            slug: org.slug,
            timeZone: org.timeZone,
            role: isRoleName(membership.role) ? membership.role : ("viewer" as const),
          },
        ]
      : [];
  });
  const active = list.find((org) => org.id === activeOrganizationId) ?? null;
  return {
    user: { id: user.id, name: user.name, email: user.email },
    activeOrganization: active
      ? { id: active.id, name: active.name, slug: active.slug, timeZone: active.timeZone }
      : null,
    role: active?.role ?? null,
    permissions: active ? allPermissions.filter((permission) => can(active.role, permission)) : [],
    organizations: list
      .map(({ id, name, slug, role }) => ({ id, name, slug, role }))
      .sort((a, b) => a.name.localeCompare(b.name)),
  };
}

/** Creates an organization owned by the caller and makes it the session's active one. */
export async function createOrganization(
  deps: ApiDeps,
  user: { id: string; name: string },
  sessionId: string,
  request: Pick<Actor, "ip" | "userAgent" | "requestId">,
  name: string,
): Promise<{ id: string; slug: string }> {
  const id = randomUUID();
  const slug = `${slugify(name)}-${id.slice(0, 8)}`;
  const em = forOrganization(deps.orm.em, id);
  await withChange(
    deps,
    em,
    { organizationId: id, userId: user.id, userName: user.name, ...request },
    async (change) => {
      const tx = change.tx;
      tx.create(Organization, { id, name, slug, createdAt: new Date() });
      await tx.flush();
      tx.create(Member, {
        id: randomUUID(),
        organizationId: id,
        userId: user.id,
        role: "owner",
        createdAt: new Date(),
      });
      await tx.nativeUpdate(Session, { id: sessionId }, { activeOrganizationId: id });
      change.audit({ action: "organization.create", entity: "organization", entityId: id, after: { name } });
    },
  );
  return { id, slug };
}

/** Switches the session's active organization; the caller must be a member of it. */
export async function setActiveOrganization(deps: ApiDeps, userId: string, sessionId: string, organizationId: string) {
  const em = deps.orm.em.fork();
  const membership = await em.findOne(Member, { userId, organizationId }, { filters: false });
  if (!membership) throw new DomainError("FORBIDDEN", "You are not a member of that organization");
  await em.nativeUpdate(Session, { id: sessionId, userId }, { activeOrganizationId: organizationId });
}
