import { setStockLevels } from "@syncstore/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiHarness, type ApiHarness } from "../../testing/harness";

/*
 * The alerts router over a real database: filters and keyset pages, the per-member unread count,
 * acknowledge / resolve (one or many, audited) with their permissions, organization scoping,
 * notification preferences, and low-stock thresholds (organization default, variant override).
 */

let h: ApiHarness;
let owner: Awaited<ReturnType<ApiHarness["signUp"]>>;
let viewer: Awaited<ReturnType<ApiHarness["callerFor"]>>;
let editor: Awaited<ReturnType<ApiHarness["callerFor"]>>;
let stranger: Awaited<ReturnType<ApiHarness["signUp"]>>;
let connectionId: string;

async function insertAlert(
  organizationId: string,
  input: { kind: string; severity: string; title: string; subject?: object; seenMinutesAgo?: number; status?: string },
): Promise<string> {
  const [row] = await h.query<{ id: string }>(
    `insert into alert (id, organization_id, kind, dedupe_key, severity, status, title, subject, created_at, last_seen_at)
     values (gen_random_uuid(), $1, $2, gen_random_uuid()::text, $3, $4, $5, $6::jsonb,
             now() - make_interval(mins => $7), now() - make_interval(mins => $7))
     returning id::text as id`,
    [
      organizationId,
      input.kind,
      input.severity,
      input.status ?? "open",
      input.title,
      JSON.stringify(input.subject ?? {}),
      input.seenMinutesAgo ?? 0,
    ],
  );
  return row?.id ?? "";
}

async function newVariant(sku: string, onHand: number): Promise<{ productId: string; variantId: string }> {
  const [row] = await h.query<{ product_id: string; variant_id: string }>(
    `with p as (insert into product (id, organization_id, title, status) values (gen_random_uuid(), $1, 'Mug', 'active') returning id)
     insert into variant (id, organization_id, product_id, sku, price, position) select gen_random_uuid(), $1, p.id, $2, 100, 0 from p
     returning product_id::text as product_id, id::text as variant_id`,
    [owner.organizationId, sku],
  );
  const ids = { productId: row?.product_id ?? "", variantId: row?.variant_id ?? "" };
  await h.orm.em.fork().transactional((tx) =>
    setStockLevels(tx, {
      organizationId: owner.organizationId,
      targets: new Map([[ids.variantId, onHand]]),
      reason: "manual",
      sourceRef: null,
      actorId: null,
    }),
  );
  return ids;
}

beforeAll(async () => {
  h = await createApiHarness();
  owner = await h.signUp("Alert Owner");
  for (const role of ["viewer", "editor"] as const) {
    const colleague = await h.signUp(`Alert ${role}`);
    await h.addMember(owner.organizationId, colleague.me.user.id, role);
    await colleague.caller.organization.setActive({ organizationId: owner.organizationId });
    if (role === "viewer") viewer = await h.callerFor(colleague.cookie);
    else editor = await h.callerFor(colleague.cookie);
  }
  stranger = await h.signUp("Other Org Owner");
  const [connection] = await h.query<{ id: string }>(
    `insert into channel_connection (id, organization_id, platform, external_shop_id, name, status)
     values (gen_random_uuid(), $1, 'tiktok', '7000009', 'TT Alert Shop', 'active') returning id::text as id`,
    [owner.organizationId],
  );
  connectionId = connection?.id ?? "";
}, 60_000);

afterAll(() => h?.close());

describe("alerts router", () => {
  it("lists the organization's alerts with filters and keyset pages, never another organization's", async () => {
    const hook = await insertAlert(owner.organizationId, {
      kind: "webhook.event_failed",
      severity: "critical",
      title: "Webhook events failed",
      subject: { connectionId },
      seenMinutesAgo: 1,
    });
    const reauth = await insertAlert(owner.organizationId, {
      kind: "channel.reauth",
      severity: "warning",
      title: "Reconnect TT Alert Shop",
      subject: { connectionId },
      seenMinutesAgo: 2,
    });
    const old = await insertAlert(owner.organizationId, {
      kind: "stock.low",
      severity: "warning",
      title: "Old low stock",
      seenMinutesAgo: 60 * 24 * 3,
      status: "resolved",
    });
    const theirs = await insertAlert(stranger.organizationId, {
      kind: "stock.out",
      severity: "critical",
      title: "Not yours",
    });

    const active = await viewer.alerts.list({});
    expect(active.items.map((a) => a.id)).toEqual([hook, reauth]);
    expect(active.items[0]).toMatchObject({ shopName: "TT Alert Shop", connectionId, read: false });
    expect((await viewer.alerts.list({ severity: ["critical"] })).items.map((a) => a.id)).toEqual([hook]);
    expect((await viewer.alerts.list({ group: "channels" })).items.map((a) => a.id)).toEqual([reauth]);
    expect((await viewer.alerts.list({ kind: "webhook.event_failed" })).items.map((a) => a.id)).toEqual([hook]);
    expect((await viewer.alerts.list({ connectionId, state: "all" })).items).toHaveLength(2);
    expect((await viewer.alerts.list({ state: "resolved" })).items.map((a) => a.id)).toEqual([old]);
    // One alert by id (the page's ?alert= link), whatever its state; never another organization's.
    expect((await viewer.alerts.list({ state: "all", ids: [old] })).items.map((a) => a.id)).toEqual([old]);
    expect((await viewer.alerts.list({ state: "all", ids: [theirs] })).items).toEqual([]);
    expect(
      (await viewer.alerts.list({ state: "all", from: new Date(Date.now() - 60 * 60_000) })).items.map((a) => a.id),
    ).toEqual([hook, reauth]);
    await expect(viewer.alerts.list({ from: new Date(), to: new Date(Date.now() - 1000) })).rejects.toMatchObject({
      code: "BAD_REQUEST",
    });

    // Keyset pages: every alert once, in order, then no cursor.
    const first = await viewer.alerts.list({ state: "all", limit: 2 });
    expect(first.items.map((a) => a.id)).toEqual([hook, reauth]);
    const second = await viewer.alerts.list({ state: "all", limit: 2, cursor: first.nextCursor ?? "" });
    expect(second.items.map((a) => a.id)).toEqual([old]);
    expect(second.nextCursor).toBeNull();
    await expect(viewer.alerts.list({ cursor: "garbage" })).rejects.toMatchObject({ code: "BAD_REQUEST" });

    // The stranger sees only their own, and cannot touch ours.
    expect((await stranger.caller.alerts.list({})).items.map((a) => a.title)).toEqual(["Not yours"]);
    await expect(stranger.caller.alerts.resolve({ ids: [hook] })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(stranger.caller.alerts.markRead({ ids: [hook] })).resolves.toEqual({ marked: 0 });
  });

  it("counts unread alerts per member; a repeat makes an alert unread again", async () => {
    const before = await viewer.alerts.unreadCount();
    expect(before.count).toBeGreaterThanOrEqual(2);
    await viewer.alerts.markRead();
    expect(await viewer.alerts.unreadCount()).toEqual({ count: 0, critical: 0 });
    // Reading is personal: the editor still has them unread.
    expect((await editor.alerts.unreadCount()).count).toBe(before.count);
    const [hook] = (await viewer.alerts.list({ kind: "webhook.event_failed" })).items;
    expect(hook?.read).toBe(true);
    await h.query(`update alert set count = count + 1, last_seen_at = now() + interval '1 second' where id = $1`, [
      hook?.id,
    ]);
    expect(await viewer.alerts.unreadCount()).toEqual({ count: 1, critical: 1 });
    expect((await viewer.alerts.list({ unread: true })).items.map((a) => a.id)).toEqual([hook?.id]);
  });

  it("acknowledges and resolves one or many alerts with alert:write, audited; resolved ones refuse", async () => {
    const ids = [
      await insertAlert(owner.organizationId, { kind: "stock.low", severity: "warning", title: "Bulk A" }),
      await insertAlert(owner.organizationId, { kind: "stock.low", severity: "warning", title: "Bulk B" }),
    ];
    await expect(viewer.alerts.acknowledge({ ids })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(viewer.alerts.resolve({ ids })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(editor.alerts.acknowledge({ ids: [] })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(editor.alerts.acknowledge({ ids: [ids[0]!, crypto.randomUUID()] })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    expect(await editor.alerts.acknowledge({ ids })).toEqual({ updated: 2 });
    expect(await editor.alerts.acknowledge({ ids })).toEqual({ updated: 0 });
    const acknowledged = await viewer.alerts.list({ state: "acknowledged" });
    expect(acknowledged.items.map((a) => a.title).sort()).toEqual(["Bulk A", "Bulk B"]);
    expect(await owner.caller.alerts.resolve({ ids: [ids[0]!] })).toEqual({ updated: 1 });
    await expect(owner.caller.alerts.resolve({ ids })).rejects.toMatchObject({ code: "CONFLICT" });
    const audit = await h.query<{ action: string; entity_label: string }>(
      `select action, entity_label from audit_log where entity = 'alert' and entity_id = any($1) order by created_at, action`,
      [ids],
    );
    expect(audit.map((row) => `${row.action} ${row.entity_label}`).sort()).toEqual([
      "alert.acknowledge Bulk A",
      "alert.acknowledge Bulk B",
      "alert.resolve Bulk A",
    ]);
  });

  it("keeps each member's notification choices, audited, and refuses unknown groups at the field", async () => {
    expect(await viewer.alerts.preferences()).toMatchObject({
      emailCritical: true,
      dailyDigest: false,
      emailGroups: ["stock", "channels", "webhooks", "conflicts"],
    });
    const saved = await viewer.alerts.updatePreferences({
      emailCritical: false,
      dailyDigest: true,
      emailGroups: ["webhooks", "stock"],
    });
    expect(saved).toMatchObject({ emailCritical: false, dailyDigest: true, emailGroups: ["stock", "webhooks"] });
    // Personal: the editor's stay the defaults.
    expect((await editor.alerts.preferences()).emailCritical).toBe(true);
    const [row] = await h.query<{ email_groups: string[] }>(
      `select email_groups from notification_preference where email_groups is not null`,
    );
    expect(row?.email_groups).toEqual(["stock", "webhooks"]);
    const [audit] = await h.query<{ diff: Record<string, unknown> }>(
      `select diff from audit_log where action = 'notifications.update'`,
    );
    expect(audit?.diff).toMatchObject({ emailCritical: { before: true, after: false } });
    await expect(
      viewer.alerts.updatePreferences({ emailCritical: true, dailyDigest: true, emailGroups: ["billing" as never] }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });

  it("raises low stock against the variant's own threshold at once, and the organization default in Settings", async () => {
    const { productId, variantId } = await newVariant("THR-1", 8);
    expect(await viewer.alerts.variantThresholds({ productId })).toEqual({
      defaultThreshold: 5,
      variants: [{ variantId, sku: "THR-1", threshold: null, available: 8 }],
    });
    await expect(viewer.alerts.setVariantThreshold({ variantId, threshold: 10 })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    await expect(editor.alerts.setVariantThreshold({ variantId, threshold: -2 })).rejects.toMatchObject({
      code: "BAD_REQUEST",
    });
    await editor.alerts.setVariantThreshold({ variantId, threshold: 10 });
    const lowOf = async () =>
      (await viewer.alerts.list({ kind: "stock.low", state: "open" })).items
        .filter((a) => a.title.startsWith("THR-1"))
        .map((a) => [a.title, a.productId]);
    expect(await lowOf()).toEqual([["THR-1 is low on stock (8 left)", productId]]);
    // Raising it again does not raise a second alert: one per crossing.
    await editor.alerts.setVariantThreshold({ variantId, threshold: 12 });
    expect(await lowOf()).toHaveLength(1);
    // Back to the default (5): above it, the alert resolves.
    await editor.alerts.setVariantThreshold({ variantId, threshold: null });
    expect(await lowOf()).toHaveLength(0);

    expect(await viewer.settings.inventory()).toEqual({ lowStockThreshold: 5, autoRestockReturns: false });
    await expect(
      editor.settings.updateInventory({ lowStockThreshold: 3, autoRestockReturns: true }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(
      owner.caller.settings.updateInventory({ lowStockThreshold: 1.5, autoRestockReturns: true }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });
    expect(await owner.caller.settings.updateInventory({ lowStockThreshold: 9, autoRestockReturns: true })).toEqual({
      lowStockThreshold: 9,
      autoRestockReturns: true,
    });
    const [audit] = await h.query<{ entity_label: string }>(
      `select entity_label from audit_log where action = 'settings.inventory'`,
    );
    expect(audit?.entity_label).toBeTruthy();
    expect((await viewer.alerts.variantThresholds({ productId })).defaultThreshold).toBe(9);
  });
});
