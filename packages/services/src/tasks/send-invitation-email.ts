import { Invitation, Organization, User } from "@syncstore/db";
import type { TaskContext } from "../context";
import { type taskPayloads } from "../payloads";
import type { z } from "zod";

type Payload = z.infer<(typeof taskPayloads)["send-invitation-email"]>;

export function invitationLink(webUrl: string, invitationId: string): string {
  return new URL(`/invitations/${invitationId}`, webUrl).toString();
}

/**
 * Emails the invitation link. Reads the invitation when it runs: a cancelled, accepted or
 * expired invitation is not sent (a retry after success may send twice; email is at-least-once).
 */
export async function sendInvitationEmail(payload: Payload, ctx: TaskContext): Promise<void> {
  const em = ctx.orm.em.fork();
  const invitation = await em.findOne(Invitation, { id: payload.invitationId }, { filters: false });
  if (!invitation || invitation.status !== "pending" || invitation.expiresAt < new Date()) {
    ctx.log.info({ invitationId: payload.invitationId }, "invitation no longer pending; email skipped");
    return;
  }
  const [organization, inviter] = await Promise.all([
    em.findOneOrFail(Organization, { id: invitation.organizationId }),
    em.findOne(User, { id: invitation.inviterId }),
  ]);
  const link = invitationLink(ctx.webUrl, invitation.id);
  const by = inviter ? `${inviter.name} invited you` : "You are invited";
  const delivery = await ctx.mailer.send({
    to: invitation.email,
    subject: `Join ${organization.name} on SyncStore`,
    text: `${by} to join ${organization.name} on SyncStore as ${invitation.role ?? "viewer"}.\n\nAccept: ${link}\n\nThe link expires on ${invitation.expiresAt.toUTCString()}.`,
  });
  await ctx.realtime
    .toOrganization(invitation.organizationId)
    .emit("team.changed", { reason: delivery === "smtp" ? "invitation.emailed" : "invitation.logged" });
}
