import { AuditLog, forOrganization, generateDemoCatalog, insertCatalog } from "@syncstore/db";
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiHarness, type ApiHarness } from "../testing/harness";

let h: ApiHarness;
let owner: Awaited<ReturnType<ApiHarness["signUp"]>>;

beforeAll(async () => {
  h = await createApiHarness();
  owner = await h.signUp("Linda Links");
  await insertCatalog(h.orm.em.fork(), owner.organizationId, generateDemoCatalog(2, 1));
}, 60_000);
afterAll(() => h?.close());

type Item = Awaited<ReturnType<typeof owner.caller.audit.list>>["items"][number];

async function entries(caller = owner.caller): Promise<Item[]> {
  return (await caller.audit.list({ limit: 200 })).items;
}

function entryOf(items: Item[], action: string, entityId?: string): Item {
  const item = items.find((entry) => entry.action === action && (!entityId || entry.entityId === entityId));
  if (!item) throw new Error(`no audit entry ${action} ${entityId ?? ""}`);
  return item;
}

describe("audit entity links", () => {
  it("link every entity the dashboard shows to the page where it can be seen", async () => {
    // Team: a pending invitation, an accepted one, a canceled one, and the member who accepted.
    const pending = await owner.caller.team.invite({ email: "pending.person@example.test", role: "viewer" });
    const canceled = await owner.caller.team.invite({ email: "canceled.person@example.test", role: "viewer" });
    await owner.caller.team.cancelInvitation({ invitationId: canceled.id });
    const accepted = await owner.caller.team.invite({ email: "accepted.person@example.test", role: "editor" });
    const joiner = await h.signUp("Accepted Person", "accepted.person@example.test");
    await h.confirmEmail("accepted.person@example.test");
    await (await h.callerFor(joiner.cookie)).team.acceptInvitation({ invitationId: accepted.id });
    const [joinerMember] = await owner.caller.team
      .listMembers()
      .then((members) => members.filter((member) => member.email === "accepted.person@example.test"));
    await owner.caller.team.changeRole({ memberId: joinerMember!.id, role: "viewer" });

    // Settings: the organization, an exchange rate, the owner's profile and notification choices.
    await owner.caller.settings.updateOrganization({
      name: "Linked Store",
      currency: "usd",
      timeZone: "UTC",
      marginThresholdPercent: 10,
    });
    await owner.caller.settings.saveExchangeRate({ currency: "myr", rate: "4.7", rounding: { kind: "none" } });
    await owner.caller.profile.updateName({ name: "Linda L. Links" });
    await owner.caller.alerts.updatePreferences({ emailCritical: false, dailyDigest: true, emailGroups: [] });
    const view = await owner.caller.catalog.views.save({
      name: "Mugs",
      state: { columns: [], sort: [], filter: { title: "mug" } },
    });

    const items = await entries();
    const organizationId = owner.organizationId;
    expect(entryOf(items, "invitation.create", pending.id).href).toBe("/team#invitations");
    // Accepted: the invitee is a member now, listed with the members.
    expect(entryOf(items, "invitation.create", accepted.id).href).toBe("/team#members");
    // Canceled: no page shows it any more.
    expect(entryOf(items, "invitation.cancel", canceled.id).href).toBeNull();
    expect(entryOf(items, "member.role_change", joinerMember!.id).href).toBe("/team#members");
    expect(entryOf(items, "organization.update", organizationId).href).toBe("/settings/organization");
    expect(entryOf(items, "organization.create", organizationId).href).toBe("/settings/organization");
    const rate = items.find((item) => item.entity === "exchange_rate")!;
    expect(rate.href).toBe("/settings/organization#exchange-rates");
    expect(entryOf(items, "user.update", owner.me.user.id).href).toBe("/team#members");
    expect(entryOf(items, "notifications.update", owner.me.user.id).href).toBe("/settings/notifications");
    expect(items.find((item) => item.entity === "saved_view" && item.entityId === view.id)?.href).toBe("/products");

    // What only its owner sees (their notification choices, their saved views) is not linked for others.
    const admin = await h.signUp("Second Admin");
    await h.addMember(organizationId, admin.me.user.id, "admin");
    await (await h.callerFor(admin.cookie)).organization.setActive({ organizationId });
    const adminItems = await entries(await h.callerFor(admin.cookie));
    expect(entryOf(adminItems, "notifications.update", owner.me.user.id).href).toBeNull();
    expect(entryOf(adminItems, "invitation.create", pending.id).href).toBe("/team#invitations");

    // Gone: the canceled-later invitation and a removed member lose their links.
    await owner.caller.team.cancelInvitation({ invitationId: pending.id });
    await owner.caller.team.removeMember({ memberId: joinerMember!.id });
    const after = await entries();
    expect(entryOf(after, "invitation.create", pending.id).href).toBeNull();
    expect(entryOf(after, "member.role_change", joinerMember!.id).href).toBeNull();
    expect(entryOf(after, "invitation.create", accepted.id).href).toBeNull();
  });

  it("answers for every entity type the writers record, linking none that does not exist", async () => {
    // Ids of rows that do not exist: every part of the link query runs and finds nothing.
    const entities = [
      "product",
      "variant",
      "listing",
      "channel_connection",
      "member",
      "invitation",
      "user",
      "organization",
      "exchange_rate",
      "notification_preference",
      "saved_view",
      "report_schedule",
      "report_run",
      "bulk_operation",
      "sync_run",
      "webhook_event",
      "alert",
      "channel_order",
      "channel_order_line",
      "conflict",
    ];
    const em = forOrganization(h.orm.em.fork(), owner.organizationId);
    for (const entity of entities)
      em.create(AuditLog, {
        organizationId: owner.organizationId,
        actorId: owner.me.user.id,
        action: "test.missing",
        entity,
        entityId: randomUUID(),
        diff: {},
        createdAt: new Date(),
      });
    await em.flush();
    const items = (await owner.caller.audit.list({ action: "test.missing", limit: 50 })).items;
    expect(items.map((item) => item.entity).sort()).toEqual([...entities].sort());
    expect(items.every((item) => item.href === null)).toBe(true);
  });
});
