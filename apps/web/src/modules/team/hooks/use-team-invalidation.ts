"use client";

import { trpc } from "@/lib/trpc/react";

/** Exactly the queries each kind of team change touches. */
export function useTeamInvalidation() {
  const utils = trpc.useUtils();
  const audit = () => Promise.all([utils.audit.list.invalidate(), utils.audit.facets.invalidate()]);
  return {
    invitationsChanged: () =>
      Promise.all([utils.team.listInvitations.invalidate(), utils.home.summary.invalidate(), audit()]),
    membersChanged: () => Promise.all([utils.team.listMembers.invalidate(), utils.home.summary.invalidate(), audit()]),
    /** A role change may be the signed-in user's own: their permissions change with it. */
    roleChanged: () =>
      Promise.all([
        utils.team.listMembers.invalidate(),
        utils.me.context.invalidate(),
        utils.home.summary.invalidate(),
        audit(),
      ]),
  };
}
