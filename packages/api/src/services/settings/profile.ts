import { forOrganization, User } from "@syncstore/db";
import { DomainError } from "@syncstore/domain";
import { withChange, type Actor } from "../../core/change";
import type { ApiDeps } from "../../core/context";

/** The signed-in user acting on their own account; audited in their active organization. */
export interface ProfileActor {
  deps: ApiDeps;
  headers: Headers;
  user: { id: string; name: string; email: string };
  sessionId: string;
  activeOrganizationId: string | null;
  request: Pick<Actor, "ip" | "userAgent" | "requestId">;
}

async function audited(
  actor: ProfileActor,
  entry: { action: string; before?: Record<string, unknown>; after?: Record<string, unknown> },
  work?: (em: ReturnType<typeof forOrganization>) => Promise<void>,
): Promise<void> {
  const organizationId = actor.activeOrganizationId;
  if (!organizationId) {
    // Without an organization there is no audit log to write to: the change still happens, logged.
    const em = actor.deps.orm.em.fork();
    if (work) await em.transactional((tx) => work(tx));
    actor.deps.logger.info({ userId: actor.user.id, action: entry.action }, "profile change without an organization");
    return;
  }
  const em = forOrganization(actor.deps.orm.em, organizationId);
  await withChange(
    actor.deps,
    em,
    { organizationId, userId: actor.user.id, userName: actor.user.name, ...actor.request },
    async (change) => {
      if (work) await work(change.tx);
      change.audit({
        action: entry.action,
        entity: "user",
        entityId: actor.user.id,
        label: actor.user.email,
        before: entry.before,
        after: entry.after,
      });
    },
  );
}

/** better-auth's APIError, recognised by shape (the api package does not depend on better-auth). */
function isAuthRefusal(error: unknown): error is Error & { status: string; body?: { message?: string } } {
  return error instanceof Error && "status" in error && typeof error.status === "string";
}

export async function updateProfileName(actor: ProfileActor, name: string): Promise<void> {
  await audited(actor, { action: "user.update", before: { name: actor.user.name }, after: { name } }, async (tx) => {
    await tx.nativeUpdate(User, { id: actor.user.id }, { name, updatedAt: new Date() });
  });
}

export async function changePassword(
  actor: ProfileActor,
  input: { currentPassword: string; newPassword: string },
): Promise<void> {
  try {
    await actor.deps.auth.api.changePassword({
      body: { currentPassword: input.currentPassword, newPassword: input.newPassword, revokeOtherSessions: false },
      headers: actor.headers,
    });
  } catch (error) {
    if (isAuthRefusal(error)) {
      const message = error.body?.message ?? error.message;
      if (/invalid password|incorrect/i.test(message))
        throw DomainError.invalidFields([{ path: ["currentPassword"], message: "This is not your current password" }]);
      throw DomainError.invalidFields([{ path: ["newPassword"], message }]);
    }
    throw error;
  }
  await audited(actor, { action: "user.password_change", after: { passwordChanged: true } });
}

/**
 * Sends a confirmation link to `newEmail`; better-auth switches the sign-in email when it is
 * opened. An address already taken gets the same answer (nothing tells whether it exists).
 */
export async function requestEmailChange(actor: ProfileActor, newEmail: string): Promise<void> {
  const email = newEmail.trim().toLowerCase();
  if (email === actor.user.email.toLowerCase())
    throw DomainError.invalidFields([{ path: ["newEmail"], message: "This is already your email" }]);
  try {
    await actor.deps.auth.api.changeEmail({
      body: { newEmail: email, callbackURL: "/settings/profile?email=confirmed" },
      headers: actor.headers,
    });
  } catch (error) {
    if (isAuthRefusal(error))
      throw DomainError.invalidFields([{ path: ["newEmail"], message: error.body?.message ?? error.message }]);
    throw error;
  }
  await audited(actor, {
    action: "user.email_change_requested",
    before: { email: actor.user.email },
    after: { email },
  });
}

export interface SessionDto {
  id: string;
  current: boolean;
  userAgent: string | null;
  ip: string | null;
  createdAt: Date;
  updatedAt: Date;
  expiresAt: Date;
}

export async function listSessions(actor: ProfileActor): Promise<SessionDto[]> {
  const sessions = await actor.deps.auth.api.listSessions({ headers: actor.headers });
  return sessions
    .map((session) => ({
      id: session.id,
      current: session.id === actor.sessionId,
      userAgent: session.userAgent ?? null,
      ip: session.ipAddress ?? null,
      createdAt: new Date(session.createdAt),
      updatedAt: new Date(session.updatedAt),
      expiresAt: new Date(session.expiresAt),
    }))
    .sort((a, b) => Number(b.current) - Number(a.current) || b.updatedAt.getTime() - a.updatedAt.getTime());
}

export async function signOutOtherSessions(actor: ProfileActor): Promise<{ signedOut: number }> {
  const before = await listSessions(actor);
  const others = before.filter((session) => !session.current).length;
  const result = await actor.deps.auth.api.revokeOtherSessions({ headers: actor.headers });
  if (!result.status) throw new DomainError("CONFLICT", "The other sessions could not be signed out; try again");
  await audited(actor, { action: "user.sign_out_others", after: { sessionsSignedOut: others } });
  return { signedOut: others };
}
