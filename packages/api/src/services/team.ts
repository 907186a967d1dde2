import { DomainError } from "@syncstore/domain";
import { randomUUID } from "node:crypto";
import { isRoleName, type RoleName } from "@syncstore/auth/permissions";
import {
  forOrganization,
  Invitation,
  LockMode,
  Member,
  Organization,
  Session,
  User,
  type EntityManager,
} from "@syncstore/db";
import { enqueue, invitationLink } from "@syncstore/services";
import { withChange, type Actor } from "../core/change";
import type { ApiDeps } from "../core/context";
import type { OrgScope } from "./scope";

const INVITATION_TTL_MS = 7 * 24 * 60 * 60 * 1000;

export interface MemberDto {
  id: string;
  userId: string;
  name: string;
  email: string;
  role: RoleName;
  createdAt: Date;
}

export async function listMembers(scope: OrgScope): Promise<MemberDto[]> {
  const members = await scope.em.find(Member, {}, { orderBy: { createdAt: "asc" } });
  const users = await scope.em.find(User, { id: { $in: members.map((m) => m.userId) } });
  const byId = new Map(users.map((user) => [user.id, user]));
  return members.map((member) => ({
    id: member.id,
    userId: member.userId,
    name: byId.get(member.userId)?.name ?? "(deleted user)",
    email: byId.get(member.userId)?.email ?? "",
    role: isRoleName(member.role) ? member.role : "viewer",
    createdAt: member.createdAt,
  }));
}

export interface InvitationDto {
  id: string;
  email: string;
  role: RoleName;
  status: string;
  expiresAt: Date;
  inviterName: string | null;
  link: string;
}

export async function listInvitations(scope: OrgScope): Promise<InvitationDto[]> {
  const invitations = await scope.em.find(
    Invitation,
    { status: "pending", expiresAt: { $gt: new Date() } },
    { orderBy: { createdAt: "desc" } },
  );
  const inviters = await scope.em.find(User, { id: { $in: invitations.map((i) => i.inviterId) } });
  const names = new Map(inviters.map((user) => [user.id, user.name]));
  return invitations.map((invitation) => ({
    id: invitation.id,
    email: invitation.email,
    role: invitation.role && isRoleName(invitation.role) ? invitation.role : "viewer",
    status: invitation.status,
    expiresAt: invitation.expiresAt,
    inviterName: names.get(invitation.inviterId) ?? null,
    link: invitationLink(scope.deps.webUrl, invitation.id),
  }));
}

/** Only an owner may hand out or take away the owner role (admins cannot transfer ownership). */
function assertMayManageRole(actorRole: RoleName, role: RoleName): void {
  if (role === "owner" && actorRole !== "owner") {
    throw new DomainError("FORBIDDEN", "Only an owner can grant, change or remove the owner role");
  }
}

export async function inviteMember(scope: OrgScope, input: { email: string; role: RoleName }) {
  assertMayManageRole(scope.role, input.role);
  const email = input.email.toLowerCase();
  return withChange(scope.deps, scope.em, scope.actor, async (change) => {
    const tx = change.tx;
    const existingUser = await tx.findOne(User, { email });
    if (existingUser && (await tx.count(Member, { userId: existingUser.id }))) {
      throw new DomainError("CONFLICT", `${email} is already a member of this organization`);
    }
    const pending = await tx.findOne(Invitation, { email, status: "pending", expiresAt: { $gt: new Date() } });
    if (pending) {
      throw new DomainError("CONFLICT", `${email} already has a pending invitation; cancel it to invite again`);
    }
    const invitation = tx.create(Invitation, {
      id: randomUUID(),
      organizationId: scope.actor.organizationId,
      email,
      role: input.role,
      status: "pending",
      expiresAt: new Date(Date.now() + INVITATION_TTL_MS),
      inviterId: scope.actor.userId,
      createdAt: new Date(),
    });
    await tx.flush();
    await enqueue(
      tx,
      "send-invitation-email",
      { invitationId: invitation.id },
      { jobKey: `invitation-email:${invitation.id}` },
    );
    change.audit({
      action: "invitation.create",
      entity: "invitation",
      entityId: invitation.id,
      after: { email, role: input.role },
    });
    change.emit("team.changed", { reason: "invitation.created" });
    return { id: invitation.id, link: invitationLink(scope.deps.webUrl, invitation.id) };
  });
}

export async function cancelInvitation(scope: OrgScope, invitationId: string): Promise<void> {
  await withChange(scope.deps, scope.em, scope.actor, async (change) => {
    const invitation = await change.tx.findOne(Invitation, { id: invitationId });
    if (!invitation) throw new DomainError("NOT_FOUND", `Invitation ${invitationId} was not found`);
    if (invitation.status !== "pending") {
      throw new DomainError("CONFLICT", `Invitation ${invitationId} is already ${invitation.status}`);
    }
    if (invitation.role && isRoleName(invitation.role)) assertMayManageRole(scope.role, invitation.role);
    invitation.status = "canceled";
    change.audit({
      action: "invitation.cancel",
      entity: "invitation",
      entityId: invitation.id,
      before: { status: "pending" },
      after: { status: "canceled" },
    });
    change.emit("team.changed", { reason: "invitation.canceled" });
  });
}

async function ownerCount(tx: EntityManager): Promise<number> {
  return tx.count(Member, { role: "owner" });
}

async function memberOrFail(tx: EntityManager, memberId: string) {
  const member = await tx.findOne(Member, { id: memberId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
  if (!member) throw new DomainError("NOT_FOUND", `Member ${memberId} was not found in this organization`);
  return member;
}

export async function changeRole(scope: OrgScope, input: { memberId: string; role: RoleName }): Promise<void> {
  await withChange(scope.deps, scope.em, scope.actor, async (change) => {
    const tx = change.tx;
    // Lock the owners so two concurrent demotions cannot both pass the last-owner check.
    await tx.find(Member, { role: "owner" }, { lockMode: LockMode.PESSIMISTIC_WRITE });
    const member = await memberOrFail(tx, input.memberId);
    const current = isRoleName(member.role) ? member.role : "viewer";
    if (current === input.role) return;
    assertMayManageRole(scope.role, current);
    assertMayManageRole(scope.role, input.role);
    if (current === "owner" && (await ownerCount(tx)) <= 1) {
      throw new DomainError("LAST_OWNER", "The last owner cannot be demoted; make someone else an owner first");
    }
    member.role = input.role;
    change.audit({
      action: "member.role_change",
      entity: "member",
      entityId: member.id,
      before: { role: current },
      after: { role: input.role },
    });
    change.emit("team.changed", { reason: "member.role_changed" });
  });
}

async function deleteMembership(
  change: { tx: EntityManager },
  member: { id: string; userId: string; organizationId: string },
) {
  await change.tx.nativeDelete(Member, { id: member.id });
  // Sessions that had this organization active lose it; the user picks another on next load.
  await change.tx.nativeUpdate(
    Session,
    { userId: member.userId, activeOrganizationId: member.organizationId },
    { activeOrganizationId: null },
  );
}

export async function removeMember(scope: OrgScope, memberId: string): Promise<void> {
  await withChange(scope.deps, scope.em, scope.actor, async (change) => {
    const tx = change.tx;
    await tx.find(Member, { role: "owner" }, { lockMode: LockMode.PESSIMISTIC_WRITE });
    const member = await memberOrFail(tx, memberId);
    const role = isRoleName(member.role) ? member.role : "viewer";
    assertMayManageRole(scope.role, role);
    if (role === "owner" && (await ownerCount(tx)) <= 1) {
      throw new DomainError("LAST_OWNER", "The last owner cannot be removed");
    }
    await deleteMembership(change, member);
    const user = await tx.findOne(User, { id: member.userId });
    change.audit({
      action: "member.remove",
      entity: "member",
      entityId: member.id,
      before: { email: user?.email ?? null, role },
      after: null,
    });
    change.emit("team.changed", { reason: "member.removed" });
  });
}

export async function leaveOrganization(scope: OrgScope): Promise<void> {
  await withChange(scope.deps, scope.em, scope.actor, async (change) => {
    const tx = change.tx;
    await tx.find(Member, { role: "owner" }, { lockMode: LockMode.PESSIMISTIC_WRITE });
    const member = await tx.findOne(Member, { userId: scope.actor.userId });
    if (!member) throw new DomainError("NOT_FOUND", "You are not a member of this organization");
    if (member.role === "owner" && (await ownerCount(tx)) <= 1) {
      throw new DomainError("LAST_OWNER", "You are the last owner: make someone else an owner before leaving");
    }
    await deleteMembership(change, member);
    change.audit({
      action: "member.leave",
      entity: "member",
      entityId: member.id,
      before: { role: member.role },
      after: null,
    });
    change.emit("team.changed", { reason: "member.removed" });
  });
}

export interface InvitationPreview {
  id: string;
  email: string;
  role: RoleName;
  organizationName: string;
  inviterName: string | null;
  status: string;
  expired: boolean;
}

/** Public view of an invitation for its landing page (the id is an unguessable UUID). */
export async function getInvitation(em: EntityManager, invitationId: string): Promise<InvitationPreview> {
  const invitation = await em.findOne(Invitation, { id: invitationId }, { filters: false });
  if (!invitation) throw new DomainError("NOT_FOUND", "This invitation does not exist or was withdrawn");
  const [organization, inviter] = await Promise.all([
    em.findOne(Organization, { id: invitation.organizationId }),
    em.findOne(User, { id: invitation.inviterId }),
  ]);
  return {
    id: invitation.id,
    email: invitation.email,
    role: invitation.role && isRoleName(invitation.role) ? invitation.role : "viewer",
    organizationName: organization?.name ?? "(deleted organization)",
    inviterName: inviter?.name ?? null,
    status: invitation.status,
    expired: invitation.expiresAt < new Date(),
  };
}

/** The signed-in user accepts an invitation addressed to their email and makes that organization active. */
export async function acceptInvitation(
  deps: ApiDeps,
  user: { id: string; email: string; name: string; emailVerified: boolean },
  sessionId: string,
  request: Pick<Actor, "ip" | "userAgent" | "requestId">,
  invitationId: string,
): Promise<{ organizationId: string }> {
  const lookup = await deps.orm.em.fork().findOne(Invitation, { id: invitationId }, { filters: false });
  if (!lookup) throw new DomainError("NOT_FOUND", "This invitation does not exist or was withdrawn");
  const organizationId = lookup.organizationId;
  if (lookup.email.toLowerCase() === user.email.toLowerCase() && !user.emailVerified) {
    // Anyone can sign up with any address: only someone who received mail there may join (finding 8).
    await deps.auth.api
      .sendVerificationEmail({ body: { email: user.email, callbackURL: `/invitations/${invitationId}` } })
      .catch((err: unknown) => deps.logger.warn({ err, userId: user.id }, "verification email not sent"));
    throw new DomainError(
      "FORBIDDEN",
      `Confirm your email address first: we sent a link to ${user.email}. Open it, then accept the invitation.`,
    );
  }
  const em = forOrganization(deps.orm.em, organizationId);
  const actor: Actor = { organizationId, userId: user.id, userName: user.name, ...request };
  await withChange(deps, em, actor, async (change) => {
    const tx = change.tx;
    const invitation = await tx.findOne(Invitation, { id: invitationId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
    if (!invitation || invitation.status !== "pending") {
      throw new DomainError(
        "CONFLICT",
        `This invitation is ${invitation?.status ?? "gone"} and can no longer be accepted`,
      );
    }
    if (invitation.expiresAt < new Date())
      throw new DomainError("EXPIRED", "This invitation has expired; ask for a new one");
    if (invitation.email.toLowerCase() !== user.email.toLowerCase()) {
      throw new DomainError(
        "FORBIDDEN",
        `This invitation is for ${invitation.email}; sign in with that address to accept it`,
      );
    }
    const role = invitation.role && isRoleName(invitation.role) ? invitation.role : "viewer";
    invitation.status = "accepted";
    const existing = await tx.findOne(Member, { userId: user.id });
    const member =
      existing ?? tx.create(Member, { id: randomUUID(), organizationId, userId: user.id, role, createdAt: new Date() });
    await tx.nativeUpdate(Session, { id: sessionId }, { activeOrganizationId: organizationId });
    change.audit({
      action: "invitation.accept",
      entity: "member",
      entityId: member.id,
      after: { email: user.email, role: member.role },
    });
    change.emit("team.changed", { reason: "invitation.accepted" });
  });
  return { organizationId };
}
