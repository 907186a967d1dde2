"use client";

import { ErrorState } from "@/components/common/error-state";
import { PageHeader } from "@/components/common/page-header";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Skeleton } from "@/components/ui/skeleton";
import { trpc } from "@/lib/trpc/react";
import { useHydrated } from "@/lib/use-hydrated";
import { useCan, useMe } from "@/lib/use-me";
import { assignableRoles } from "../utils/assignable-roles";
import { InvitationsTable } from "./invitations-table";
import { InviteForm } from "./invite-form";
import { LeaveOrganization } from "./leave-organization";
import { MembersTable } from "./members-table";

export function TeamView() {
  const me = useMe();
  const canInvite = useCan("member:create");
  const canUpdate = useCan("member:update");
  const canDelete = useCan("member:delete");
  const members = trpc.team.listMembers.useQuery();
  // Invitation links admit whoever holds them, so only people who may invite see them.
  const invitations = trpc.team.listInvitations.useQuery(undefined, { enabled: canInvite });
  const roles = assignableRoles(me.data?.role);
  // The lists and forms depend on queries the browser may already hold when this page's code
  // arrives (and relative times): the first client render shows what the server rendered.
  const hydrated = useHydrated();

  return (
    <div className="grid grid-cols-1 gap-6">
      <PageHeader
        title="Team"
        description={
          canInvite || canUpdate || canDelete
            ? "Invite people, change their roles and remove access."
            : "People in this organization and their roles."
        }
      />
      {canInvite && hydrated ? <InviteForm assignableRoles={roles} /> : null}
      {/* Audit entries link here (/team#members, /team#invitations). */}
      <Card id="members" className="scroll-mt-20">
        <CardHeader>
          <CardTitle>Members</CardTitle>
          <CardDescription>
            {hydrated && members.data
              ? `${members.data.length} ${members.data.length === 1 ? "person" : "people"}`
              : "Loading…"}
          </CardDescription>
        </CardHeader>
        <CardContent>
          {!hydrated ? (
            <TableSkeleton rows={3} />
          ) : members.isError ? (
            <ErrorState title="Could not load members" error={members.error} onRetry={() => void members.refetch()} />
          ) : members.data && me.data ? (
            <MembersTable
              members={members.data}
              currentUserId={me.data.user.id}
              canUpdate={canUpdate}
              canDelete={canDelete}
              assignableRoles={roles}
            />
          ) : (
            <TableSkeleton rows={3} />
          )}
        </CardContent>
      </Card>
      {canInvite ? (
        <Card id="invitations" className="scroll-mt-20">
          <CardHeader>
            <CardTitle>Pending invitations</CardTitle>
            <CardDescription>Share a link again or cancel it before it is used.</CardDescription>
          </CardHeader>
          <CardContent>
            {!hydrated ? (
              <TableSkeleton rows={2} />
            ) : invitations.isError ? (
              <ErrorState
                title="Could not load invitations"
                error={invitations.error}
                onRetry={() => void invitations.refetch()}
              />
            ) : invitations.data ? (
              <InvitationsTable invitations={invitations.data} />
            ) : (
              <TableSkeleton rows={2} />
            )}
          </CardContent>
        </Card>
      ) : null}
      {hydrated && me.data?.activeOrganization ? (
        <LeaveOrganization organizationName={me.data.activeOrganization.name} isOwner={me.data.role === "owner"} />
      ) : null}
    </div>
  );
}

function TableSkeleton({ rows }: { rows: number }) {
  return (
    <div className="grid gap-3" aria-busy="true" aria-label="Loading">
      {Array.from({ length: rows }, (_, index) => (
        <div key={index} className="flex items-center gap-3">
          <Skeleton className="size-8 rounded-full" />
          <div className="grid flex-1 gap-1.5">
            <Skeleton className="h-4 w-40" />
            <Skeleton className="h-3 w-56" />
          </div>
          <Skeleton className="h-8 w-28" />
        </div>
      ))}
    </div>
  );
}
