import { sqlRows } from "@syncstore/db";
import {
  conflictFieldGroups,
  type ConflictFieldGroup,
  type ConflictPolicies,
  type ConflictPolicy,
} from "@syncstore/domain";
import { withChange } from "../../core/change";
import { DomainError } from "../../core/errors";
import type { OrgScope } from "../scope";

export interface PolicySettings {
  organization: ConflictPolicies;
  shops: { connectionId: string; name: string; platform: string; policies: ConflictPolicies }[];
}

/** The organization's policies and every shop's overrides (absent groups follow the organization, then the default). */
export async function getPolicies(scope: OrgScope): Promise<PolicySettings> {
  const rows = await sqlRows<{ connection_id: string | null; field_group: ConflictFieldGroup; policy: ConflictPolicy }>(
    scope.em,
    `select connection_id::text, field_group, policy from conflict_policy where organization_id = $1`,
    [scope.actor.organizationId],
  );
  const shops = await sqlRows<{ id: string; name: string; platform: string }>(
    scope.em,
    `select id::text, name, platform from channel_connection where organization_id = $1 and status <> 'disconnected' order by name`,
    [scope.actor.organizationId],
  );
  const of = (connectionId: string | null): ConflictPolicies =>
    Object.fromEntries(
      rows.filter((row) => row.connection_id === connectionId).map((row) => [row.field_group, row.policy]),
    );
  return {
    organization: of(null),
    shops: shops.map((shop) => ({
      connectionId: shop.id,
      name: shop.name,
      platform: shop.platform,
      policies: of(shop.id),
    })),
  };
}

/**
 * Sets the policies of the organization (`connectionId` null) or one shop; a null policy removes
 * the setting (the shop then follows the organization, the organization the default). Audited.
 */
export async function setPolicies(
  scope: OrgScope,
  input: { connectionId: string | null; policies: Partial<Record<ConflictFieldGroup, ConflictPolicy | null>> },
): Promise<PolicySettings> {
  await withChange(scope.deps, scope.em, scope.actor, async (change) => {
    const organizationId = scope.actor.organizationId;
    if (input.connectionId) {
      const [shop] = await sqlRows<{ id: string }>(
        change.tx,
        `select id::text from channel_connection where organization_id = $1 and id = $2`,
        [organizationId, input.connectionId],
      );
      if (!shop) throw new DomainError("NOT_FOUND", "This shop does not exist (it may have been disconnected)");
    }
    const before = await sqlRows<{ field_group: string; policy: string }>(
      change.tx,
      `select field_group, policy from conflict_policy where organization_id = $1 and connection_id is not distinct from $2::uuid`,
      [organizationId, input.connectionId],
    );
    for (const group of conflictFieldGroups) {
      if (!(group in input.policies)) continue;
      const policy = input.policies[group];
      await sqlRows(
        change.tx,
        `delete from conflict_policy where organization_id = $1 and connection_id is not distinct from $2::uuid and field_group = $3`,
        [organizationId, input.connectionId, group],
      );
      if (policy)
        await sqlRows(
          change.tx,
          `insert into conflict_policy (id, organization_id, connection_id, field_group, policy, updated_at)
           values (gen_random_uuid(), $1, $2, $3, $4, now())`,
          [organizationId, input.connectionId, group, policy],
        );
    }
    change.audit({
      action: "conflict.policies_updated",
      entity: input.connectionId ? "channel_connection" : "organization",
      entityId: input.connectionId ?? organizationId,
      before: Object.fromEntries(before.map((row) => [row.field_group, row.policy])),
      after: input.policies,
    });
  });
  return getPolicies(scope);
}
