import { alertGroups, type NotificationPreferencesInput } from "@syncstore/domain";
import { sqlRows } from "@syncstore/db";
import { withChange } from "../../core/change";
import type { OrgScope } from "../scope";

export interface NotificationPreferences extends NotificationPreferencesInput {
  /** Where the emails go (the member's account email). */
  email: string;
}

interface PreferenceRow {
  email_critical: boolean;
  daily_digest: boolean;
  email_groups: string[] | null;
}

const defaults: PreferenceRow = { email_critical: true, daily_digest: false, email_groups: null };

function toInput(row: PreferenceRow): NotificationPreferencesInput {
  return {
    emailCritical: row.email_critical,
    dailyDigest: row.daily_digest,
    // null: every group (also the groups added later).
    emailGroups: row.email_groups ? alertGroups.filter((group) => row.email_groups?.includes(group)) : [...alertGroups],
  };
}

async function current(scope: OrgScope): Promise<PreferenceRow> {
  const [row] = await sqlRows<PreferenceRow>(
    scope.em,
    `select email_critical, daily_digest, email_groups from notification_preference
      where organization_id = $1 and user_id = $2`,
    [scope.actor.organizationId, scope.actor.userId],
  );
  return row ?? defaults;
}

/** The signed-in member's choices for this organization (defaults when never saved). */
export async function getPreferences(scope: OrgScope): Promise<NotificationPreferences> {
  const [user] = await sqlRows<{ email: string }>(scope.em, `select email from "user" where id = $1`, [
    scope.actor.userId,
  ]);
  return {
    ...toInput(await current(scope)),
    email: user?.email ?? "",
  };
}

/** Saves the member's choices; audited in the organization with the member's email as label. */
export async function updatePreferences(
  scope: OrgScope,
  input: NotificationPreferencesInput,
): Promise<NotificationPreferences> {
  const before = await getPreferences(scope);
  const everyGroup = alertGroups.every((group) => input.emailGroups.includes(group));
  await withChange(scope.deps, scope.em, scope.actor, async (change) => {
    await sqlRows(
      change.tx,
      `insert into notification_preference (id, organization_id, user_id, email_critical, daily_digest, email_groups)
       values (gen_random_uuid(), $1, $2, $3, $4, $5::jsonb)
       on conflict (organization_id, user_id) do update
         set email_critical = excluded.email_critical, daily_digest = excluded.daily_digest,
             email_groups = excluded.email_groups`,
      [
        scope.actor.organizationId,
        scope.actor.userId,
        input.emailCritical,
        input.dailyDigest,
        everyGroup ? null : JSON.stringify(alertGroups.filter((group) => input.emailGroups.includes(group))),
      ],
    );
    change.audit({
      action: "notifications.update",
      entity: "notification_preference",
      entityId: scope.actor.userId,
      label: before.email,
      before: { emailCritical: before.emailCritical, dailyDigest: before.dailyDigest, emailGroups: before.emailGroups },
      after: { ...input, emailGroups: alertGroups.filter((group) => input.emailGroups.includes(group)) },
    });
  });
  return getPreferences(scope);
}
