import type { RoleName } from "@syncstore/auth/permissions";
import type { EntityManager } from "@syncstore/db";
import type { Actor } from "../core/change";
import type { ApiDeps } from "../core/context";

/** What an organization-scoped service call needs; built from the tRPC context or by a job. */
export interface OrgScope {
  deps: ApiDeps;
  /** EntityManager with the tenant filter bound to `actor.organizationId`. */
  em: EntityManager;
  role: RoleName;
  actor: Actor & { userId: string };
}
