import { AuditLog, forOrganization, Invitation, Member } from "@syncstore/db";
import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiHarness, type ApiHarness } from "../testing/harness";

let h: ApiHarness;
beforeAll(async () => {
  h = await createApiHarness();
}, 60_000);
afterAll(() => h?.close());

async function codeOf(promise: Promise<unknown>): Promise<string | null> {
  try {
    await promise;
    return null;
  } catch (error) {
    if (error instanceof TRPCError) return error.code;
    throw error;
  }
}

const auditCount = async (organizationId: string) =>
  Number(
    (
      await h.query<{ n: string }>(`select count(*) as n from audit_log where organization_id = $1`, [organizationId])
    )[0]?.n,
  );
const jobCount = async (task: string) =>
  Number(
    (
      await h.query<{ n: string }>(`select count(*) as n from graphile_worker.jobs where task_identifier = $1`, [task])
    )[0]?.n,
  );

describe("sign-up", () => {
  it("creates a personal organization with the user as owner and makes it active", async () => {
    const ana = await h.signUp("Ana Lima");
    expect(ana.me.activeOrganization?.name).toBe("Ana's store");
    expect(ana.me.role).toBe("owner");
    expect(ana.me.permissions).toContain("organization:delete");
  });
});

describe("invitations", () => {
  it("invites, emails through a job in the same transaction, and the invitee joins with the role", async () => {
    const owner = await h.signUp("Olga Owner");
    const { id, link } = await owner.caller.team.invite({ email: "Vic.Viewer@Example.test", role: "viewer" });
    expect(link).toBe(`http://localhost:3000/invitations/${id}`);
    const jobs = await h.query<{ key: string | null; payload: { invitationId: string } }>(
      `select j.key, j.payload from graphile_worker._private_jobs j join graphile_worker._private_tasks t on t.id = j.task_id
       where t.identifier = 'send-invitation-email' and j.payload->>'invitationId' = $1`,
      [id],
    );
    expect(jobs).toEqual([{ key: `invitation-email:${id}`, payload: { invitationId: id } }]);

    const anonymous = await h.callerFor(null);
    expect(await anonymous.team.getInvitation({ invitationId: id })).toMatchObject({
      email: "vic.viewer@example.test",
      role: "viewer",
      organizationName: "Olga's store",
      inviterName: "Olga Owner",
      status: "pending",
      expired: false,
    });

    // Invited before signing up: no personal organization is created for them.
    const vic = await h.signUp("Vic Viewer", "vic.viewer@example.test");
    expect(vic.me.organizations).toEqual([]);
    // Not before the address is confirmed (finding 8): anyone can sign up with any address.
    const refusal = await vic.caller.team.acceptInvitation({ invitationId: id }).catch((error: unknown) => error);
    expect(refusal).toMatchObject({
      code: "FORBIDDEN",
      message: expect.stringMatching(/Confirm your email/) as string,
    });
    expect((await owner.caller.team.listMembers()).map((m) => m.email)).toEqual([owner.email]);
    await h.confirmEmail("vic.viewer@example.test");
    await (await h.callerFor(vic.cookie)).team.acceptInvitation({ invitationId: id });
    const vicNow = await (await h.callerFor(vic.cookie)).me.context();
    expect(vicNow.activeOrganization?.id).toBe(owner.organizationId);
    expect(vicNow.role).toBe("viewer");
    expect(vicNow.permissions).not.toContain("member:create");

    const members = await owner.caller.team.listMembers();
    expect(members.map((m) => [m.email, m.role])).toEqual([
      [owner.email, "owner"],
      ["vic.viewer@example.test", "viewer"],
    ]);
    expect(await owner.caller.team.listInvitations()).toEqual([]);
    expect(await codeOf((await h.callerFor(vic.cookie)).team.acceptInvitation({ invitationId: id }))).toBe("CONFLICT");
  });

  it("refuses an invitation accepted by another email address", async () => {
    const owner = await h.signUp("Omar");
    const { id } = await owner.caller.team.invite({ email: "someone@example.test", role: "editor" });
    const mallory = await h.signUp("Mallory");
    expect(await codeOf(mallory.caller.team.acceptInvitation({ invitationId: id }))).toBe("FORBIDDEN");
  });

  it("rejects a duplicate invitation and leaves no audit row or job behind", async () => {
    const owner = await h.signUp("Dora");
    await owner.caller.team.invite({ email: "dup@example.test", role: "editor" });
    const audits = await auditCount(owner.organizationId);
    const jobs = await jobCount("send-invitation-email");
    expect(await codeOf(owner.caller.team.invite({ email: "dup@example.test", role: "viewer" }))).toBe("CONFLICT");
    expect(await auditCount(owner.organizationId)).toBe(audits);
    expect(await jobCount("send-invitation-email")).toBe(jobs);
  });

  it("reports invalid input field by field", async () => {
    const owner = await h.signUp("Fay");
    try {
      await owner.caller.team.invite({ email: "not an email", role: "boss" as "viewer" });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(TRPCError);
      expect((error as TRPCError).code).toBe("BAD_REQUEST");
    }
  });
});

describe("roles and the last owner", () => {
  it("changes roles with an audit diff, and never demotes or removes the last owner", async () => {
    const owner = await h.signUp("Petra");
    const colleague = await h.signUp("Quinn");
    await h.addMember(owner.organizationId, colleague.me.user.id, "viewer");
    const members = await owner.caller.team.listMembers();
    const quinn = members.find((m) => m.userId === colleague.me.user.id)!;
    const petra = members.find((m) => m.userId === owner.me.user.id)!;

    await owner.caller.team.changeRole({ memberId: quinn.id, role: "editor" });
    const [entry] = (await owner.caller.audit.list({ action: "member.role_change" })).items;
    expect(entry).toMatchObject({
      entity: "member",
      entityId: quinn.id,
      diff: { role: { before: "viewer", after: "editor" } },
      ip: "203.0.113.7",
      userAgent: "vitest",
    });
    expect(entry?.actor?.id).toBe(owner.me.user.id);

    const before = await auditCount(owner.organizationId);
    expect(await codeOf(owner.caller.team.changeRole({ memberId: petra.id, role: "admin" }))).toBe("FORBIDDEN");
    expect(await codeOf(owner.caller.team.removeMember({ memberId: petra.id }))).toBe("FORBIDDEN");
    expect(await codeOf(owner.caller.team.leave())).toBe("FORBIDDEN");
    expect(await auditCount(owner.organizationId)).toBe(before);
    expect((await owner.caller.team.listMembers()).find((m) => m.id === petra.id)?.role).toBe("owner");

    // With a second owner, the first may step down.
    await owner.caller.team.changeRole({ memberId: quinn.id, role: "owner" });
    await owner.caller.team.changeRole({ memberId: petra.id, role: "admin" });
    expect((await owner.caller.team.listMembers()).map((m) => m.role).sort()).toEqual(["admin", "owner"]);
  });

  it("lets an admin manage editors but not owners", async () => {
    const owner = await h.signUp("Rita");
    const admin = await h.signUp("Sam");
    const editor = await h.signUp("Tess");
    await h.addMember(owner.organizationId, admin.me.user.id, "admin");
    await h.addMember(owner.organizationId, editor.me.user.id, "editor");
    await admin.caller.organization.setActive({ organizationId: owner.organizationId });
    const asAdmin = await h.callerFor(admin.cookie);
    const members = await asAdmin.team.listMembers();
    const ownerMember = members.find((m) => m.role === "owner")!;
    const editorMember = members.find((m) => m.role === "editor")!;
    expect(await codeOf(asAdmin.team.changeRole({ memberId: editorMember.id, role: "owner" }))).toBe("FORBIDDEN");
    expect(await codeOf(asAdmin.team.removeMember({ memberId: ownerMember.id }))).toBe("FORBIDDEN");
    expect(await codeOf(asAdmin.team.invite({ email: "new-owner@example.test", role: "owner" }))).toBe("FORBIDDEN");
    await asAdmin.team.changeRole({ memberId: editorMember.id, role: "viewer" });
    await asAdmin.team.removeMember({ memberId: editorMember.id });
    expect((await asAdmin.team.listMembers()).map((m) => m.role).sort()).toEqual(["admin", "owner"]);
    // The removed member's session no longer has the organization active.
    expect((await (await h.callerFor(editor.cookie)).me.context()).organizations.map((o) => o.id)).not.toContain(
      owner.organizationId,
    );
  });
});

describe("tenant isolation", () => {
  it("organization A can neither read nor change B's rows by id", async () => {
    const a = await h.signUp("Alice A");
    const b = await h.signUp("Bob B");
    const bMember = (await b.caller.team.listMembers())[0]!;
    const { id: bInvitation } = await b.caller.team.invite({ email: "b-invitee@example.test", role: "viewer" });

    expect(await codeOf(a.caller.team.changeRole({ memberId: bMember.id, role: "viewer" }))).toBe("NOT_FOUND");
    expect(await codeOf(a.caller.team.removeMember({ memberId: bMember.id }))).toBe("NOT_FOUND");
    expect(await codeOf(a.caller.team.cancelInvitation({ invitationId: bInvitation }))).toBe("NOT_FOUND");
    expect((await a.caller.team.listMembers()).map((m) => m.id)).not.toContain(bMember.id);
    expect((await a.caller.audit.list({})).items.every((item) => item.actor?.id !== b.me.user.id)).toBe(true);
    // Switching to an organization one is not a member of is refused.
    expect(await codeOf(a.caller.organization.setActive({ organizationId: b.organizationId }))).toBe("FORBIDDEN");

    // The ORM filter itself: a scoped EntityManager cannot see or update the other tenant's rows.
    const emA = forOrganization(h.orm.em, a.organizationId);
    expect(await emA.findOne(Member, { id: bMember.id })).toBeNull();
    expect(await emA.nativeUpdate(Invitation, { id: bInvitation }, { status: "canceled" })).toBe(0);
    expect(await emA.count(AuditLog, { organizationId: b.organizationId })).toBe(0);
    expect((await b.caller.team.listInvitations()).map((i) => i.id)).toEqual([bInvitation]);
    // An unscoped query on a tenant table fails instead of returning every tenant's rows.
    await expect(h.orm.em.fork().find(Member, {})).rejects.toThrow(/tenant/);
  });

  it("stamps new rows with the active organization and refuses writes into another", async () => {
    const a = await h.signUp("Carla");
    const b = await h.signUp("Dmitri");
    const emA = forOrganization(h.orm.em, a.organizationId);
    const row = emA.create(AuditLog, { action: "test.stamp", entity: "test", entityId: null } as never);
    await emA.flush();
    expect((row as { organizationId: string }).organizationId).toBe(a.organizationId);
    emA.create(AuditLog, { organizationId: b.organizationId, action: "test.cross", entity: "test", entityId: null });
    await expect(emA.flush()).rejects.toThrow(/another organization/);
  });
});

describe("organizations", () => {
  it("creates another organization, switches between them, and audits the creation", async () => {
    const user = await h.signUp("Eve");
    const created = await user.caller.organization.create({ name: "Eve Outlet" });
    const me = await (await h.callerFor(user.cookie)).me.context();
    expect(me.activeOrganization?.id).toBe(created.id);
    expect(me.organizations.map((o) => o.name)).toEqual(["Eve Outlet", "Eve's store"]);
    const caller = await h.callerFor(user.cookie);
    expect((await caller.audit.list({ action: "organization.create" })).items).toHaveLength(1);
    await caller.organization.setActive({ organizationId: user.organizationId });
    expect((await (await h.callerFor(user.cookie)).me.context()).activeOrganization?.id).toBe(user.organizationId);
    expect(await codeOf(caller.organization.create({ name: "x" }))).toBe("BAD_REQUEST");
  });
});
