import type { RoleName } from "@syncstore/auth/permissions";
import type { EntityManager } from "@syncstore/db";
import type { Context } from "./context";
import type { OrgScope } from "../services/scope";

interface OrgContext extends Context {
  user: { id: string; name: string };
  organizationId: string;
  role: RoleName;
  em: EntityManager;
}

/** The service-facing view of an organization-scoped procedure's context. */
export function scopeOf(ctx: OrgContext): OrgScope {
  return {
    deps: ctx.deps,
    em: ctx.em,
    role: ctx.role,
    actor: {
      organizationId: ctx.organizationId,
      userId: ctx.user.id,
      userName: ctx.user.name,
      ip: ctx.ip,
      userAgent: ctx.userAgent,
      requestId: ctx.requestId,
    },
  };
}

export function requestOf(ctx: Context) {
  return { ip: ctx.ip, userAgent: ctx.userAgent, requestId: ctx.requestId };
}
