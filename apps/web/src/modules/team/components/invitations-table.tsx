"use client";

import { formatDistanceToNow } from "date-fns";
import { MailIcon, XIcon } from "lucide-react";
import { toast } from "sonner";
import { EmptyState } from "@/components/common/empty-state";
import { RoleBadge } from "@/components/common/role-badge";
import { Button } from "@/components/ui/button";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";

import { trpc } from "@/lib/trpc/react";
import type { RouterOutputs } from "@/lib/trpc/types";
import { useTeamInvalidation } from "../hooks/use-team-invalidation";
import { CopyLinkField } from "./copy-link-field";
import { toastError } from "@/lib/toast-error";

type Invitation = RouterOutputs["team"]["listInvitations"][number];

export function InvitationsTable({ invitations }: { invitations: Invitation[] }) {
  if (invitations.length === 0) {
    return (
      <EmptyState
        icon={MailIcon}
        title="No pending invitations"
        description="Invitations you send appear here until they are accepted."
      />
    );
  }
  return (
    <Table>
      <TableHeader>
        <TableRow>
          <TableHead>Email</TableHead>
          <TableHead>Role</TableHead>
          <TableHead className="hidden lg:table-cell">Invited by</TableHead>
          <TableHead className="hidden sm:table-cell">Expires</TableHead>
          <TableHead className="min-w-64">Link</TableHead>
          <TableHead className="w-12">
            <span className="sr-only">Actions</span>
          </TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {invitations.map((invitation) => (
          <TableRow key={invitation.id} data-testid={`invitation-row-${invitation.email}`}>
            <TableCell className="font-medium">{invitation.email}</TableCell>
            <TableCell>
              <RoleBadge role={invitation.role} />
            </TableCell>
            <TableCell className="hidden text-muted-foreground lg:table-cell">{invitation.inviterName}</TableCell>
            <TableCell className="hidden text-muted-foreground sm:table-cell">
              {formatDistanceToNow(new Date(invitation.expiresAt), { addSuffix: true })}
            </TableCell>
            <TableCell>
              <CopyLinkField link={invitation.link} label={`Invitation link for ${invitation.email}`} />
            </TableCell>
            <TableCell className="text-right">
              <CancelInvitationButton invitation={invitation} />
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

function CancelInvitationButton({ invitation }: { invitation: Invitation }) {
  const invalidate = useTeamInvalidation();
  const cancel = trpc.team.cancelInvitation.useMutation({
    onSuccess: async () => {
      toast.success(`Canceled the invitation for ${invitation.email}`);
      await invalidate.invitationsChanged();
    },
    onError: (error) => toastError(error),
  });
  return (
    <Button
      variant="ghost"
      size="icon-sm"
      aria-label={`Cancel invitation for ${invitation.email}`}
      disabled={cancel.isPending}
      onClick={() => cancel.mutate({ invitationId: invitation.id })}
    >
      <XIcon />
    </Button>
  );
}
