"use client";

import { roleNames, type RoleName } from "@syncstore/auth/permissions";
import { format } from "date-fns";
import { UserMinusIcon, UsersIcon } from "lucide-react";
import { toast } from "sonner";
import { EmptyState } from "@/components/common/empty-state";
import { RoleBadge } from "@/components/common/role-badge";
import {
  AlertDialog,
  AlertDialogAction,
  AlertDialogCancel,
  AlertDialogContent,
  AlertDialogDescription,
  AlertDialogFooter,
  AlertDialogHeader,
  AlertDialogTitle,
  AlertDialogTrigger,
} from "@/components/ui/alert-dialog";
import { Avatar } from "@/components/ui/avatar";
import { Button } from "@/components/ui/button";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";

import { trpc } from "@/lib/trpc/react";
import type { RouterOutputs } from "@/lib/trpc/types";
import { useTeamInvalidation } from "../hooks/use-team-invalidation";
import { toastError } from "@/lib/toast-error";

type Member = RouterOutputs["team"]["listMembers"][number];

export function MembersTable({
  members,
  currentUserId,
  canUpdate,
  canDelete,
  assignableRoles,
}: {
  members: Member[];
  currentUserId: string;
  canUpdate: boolean;
  canDelete: boolean;
  assignableRoles: readonly RoleName[];
}) {
  if (members.length === 0) {
    return <EmptyState icon={UsersIcon} title="No members" description="Invite a teammate to get started." />;
  }
  const showActions = canDelete;
  return (
    <Table>
      <TableHeader>
        <TableRow>
          <TableHead>Member</TableHead>
          <TableHead className="w-44">Role</TableHead>
          <TableHead className="hidden md:table-cell">Joined</TableHead>
          {showActions ? (
            <TableHead className="w-12">
              <span className="sr-only">Actions</span>
            </TableHead>
          ) : null}
        </TableRow>
      </TableHeader>
      <TableBody>
        {members.map((member) => {
          const isSelf = member.userId === currentUserId;
          return (
            <TableRow key={member.id} data-testid={`member-row-${member.email}`}>
              <TableCell>
                <div className="flex items-center gap-3">
                  <Avatar name={member.name || member.email} />
                  <div className="min-w-0">
                    <p className="truncate font-medium">
                      {member.name}
                      {isSelf ? <span className="ml-1.5 text-xs font-normal text-muted-foreground">(you)</span> : null}
                    </p>
                    <p className="truncate text-xs text-muted-foreground">{member.email}</p>
                  </div>
                </div>
              </TableCell>
              <TableCell>
                {canUpdate && !isSelf ? (
                  <MemberRoleSelect member={member} assignableRoles={assignableRoles} />
                ) : (
                  <RoleBadge role={member.role} />
                )}
              </TableCell>
              <TableCell className="hidden text-muted-foreground md:table-cell">
                {format(new Date(member.createdAt), "d MMM yyyy")}
              </TableCell>
              {showActions ? (
                <TableCell className="text-right">{isSelf ? null : <RemoveMemberButton member={member} />}</TableCell>
              ) : null}
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}

function MemberRoleSelect({ member, assignableRoles }: { member: Member; assignableRoles: readonly RoleName[] }) {
  const invalidate = useTeamInvalidation();
  const changeRole = trpc.team.changeRole.useMutation({
    onSuccess: async (_result, variables) => {
      toast.success(`${member.name || member.email} is now ${variables.role}`);
      await invalidate.roleChanged();
    },
    onError: (error) => toastError(error),
  });
  // A member may hold a role the current user cannot grant (an admin looking at an owner).
  const options = roleNames.filter((role) => assignableRoles.includes(role) || role === member.role);
  return (
    <Select
      value={member.role}
      disabled={changeRole.isPending}
      onValueChange={(role) => changeRole.mutate({ memberId: member.id, role: role as RoleName })}
    >
      <SelectTrigger size="sm" className="w-32 capitalize" aria-label={`Role of ${member.name || member.email}`}>
        <SelectValue />
      </SelectTrigger>
      <SelectContent>
        {options.map((role) => (
          <SelectItem key={role} value={role} className="capitalize" disabled={!assignableRoles.includes(role)}>
            {role}
          </SelectItem>
        ))}
      </SelectContent>
    </Select>
  );
}

function RemoveMemberButton({ member }: { member: Member }) {
  const invalidate = useTeamInvalidation();
  const removeMember = trpc.team.removeMember.useMutation({
    onSuccess: async () => {
      toast.success(`Removed ${member.name || member.email}`);
      await invalidate.membersChanged();
    },
    onError: (error) => toastError(error),
  });
  const who = member.name || member.email;
  return (
    <AlertDialog>
      <AlertDialogTrigger asChild>
        <Button variant="ghost" size="icon-sm" aria-label={`Remove ${who}`} disabled={removeMember.isPending}>
          <UserMinusIcon />
        </Button>
      </AlertDialogTrigger>
      <AlertDialogContent>
        <AlertDialogHeader>
          <AlertDialogTitle>Remove {who}?</AlertDialogTitle>
          <AlertDialogDescription>
            {member.email} loses access to this organization right away. You can invite them again later.
          </AlertDialogDescription>
        </AlertDialogHeader>
        <AlertDialogFooter>
          <AlertDialogCancel>Cancel</AlertDialogCancel>
          <AlertDialogAction onClick={() => removeMember.mutate({ memberId: member.id })}>
            Remove member
          </AlertDialogAction>
        </AlertDialogFooter>
      </AlertDialogContent>
    </AlertDialog>
  );
}
