import { AuditLog, forOrganization } from "@syncstore/db";
import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiHarness, type ApiHarness } from "../testing/harness";

let h: ApiHarness;
beforeAll(async () => {
  h = await createApiHarness();
}, 60_000);
afterAll(() => h?.close());

describe("audit log", () => {
  it("pages through entries newest first with a stable cursor, and filters", async () => {
    const owner = await h.signUp("Audra");
    const em = forOrganization(h.orm.em, owner.organizationId);
    const base = Date.now() - 60_000;
    for (let i = 0; i < 25; i++) {
      em.create(AuditLog, {
        organizationId: owner.organizationId,
        actorId: owner.me.user.id,
        action: i % 2 ? "test.odd" : "test.even",
        entity: "test",
        entityId: String(i),
        diff: { n: { before: null, after: i } },
        createdAt: new Date(base + i * 1000),
      });
    }
    await em.flush();

    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await owner.caller.audit.list({ entity: "test", limit: 10, cursor });
      seen.push(...page.items.map((item) => item.entityId ?? ""));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toEqual(Array.from({ length: 25 }, (_, i) => String(24 - i)));

    const odd = await owner.caller.audit.list({ action: "test.odd", limit: 50 });
    expect(odd.items).toHaveLength(12);
    const window = await owner.caller.audit.list({
      entity: "test",
      from: new Date(base + 5_000),
      to: new Date(base + 10_000),
    });
    expect(window.items.map((i) => i.entityId)).toEqual(["9", "8", "7", "6", "5"]);

    const facets = await owner.caller.audit.facets();
    expect(facets.actions).toEqual(expect.arrayContaining(["organization.create", "test.even", "test.odd"]));
    expect(facets.actors).toEqual([{ id: owner.me.user.id, name: "Audra" }]);
  });

  it("rejects a malformed cursor and an inverted date range with clear errors", async () => {
    const owner = await h.signUp("Bert");
    await expect(owner.caller.audit.list({ cursor: "garbage" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    const error = await owner.caller.audit
      .list({ from: new Date(2026, 1, 2), to: new Date(2026, 1, 1) })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TRPCError);
    expect((error as TRPCError).code).toBe("BAD_REQUEST");
  });
});

describe("home summary", () => {
  it("counts members, pending invitations and audit entries per day", async () => {
    const owner = await h.signUp("Cyd");
    await owner.caller.team.invite({ email: "pending@example.test", role: "viewer" });
    const summary = await owner.caller.home.summary();
    expect(summary.members).toBe(1);
    expect(summary.pendingInvitations).toBe(1);
    expect(summary.auditLast7d).toHaveLength(7);
    expect(summary.auditLast7d.at(-1)?.count).toBe(2); // organization.create + invitation.create
    expect(summary.recentAudit?.map((item) => item.action)).toEqual(["invitation.create", "organization.create"]);
  });

  it("hides audit entries from roles without audit access", async () => {
    const owner = await h.signUp("Dee");
    const viewer = await h.signUp("Vee");
    await h.addMember(owner.organizationId, viewer.me.user.id, "viewer");
    await viewer.caller.organization.setActive({ organizationId: owner.organizationId });
    const summary = await (await h.callerFor(viewer.cookie)).home.summary();
    expect(summary.members).toBe(2);
    expect(summary.recentAudit).toBeNull();
  });
});
