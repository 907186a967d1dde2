"use client";

import { roleDescriptions, isRoleName } from "@syncstore/auth/permissions";
import { authClient } from "@syncstore/auth/client";
import { useQueryClient } from "@tanstack/react-query";
import { Loader2Icon, MailXIcon } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { toast } from "sonner";
import { EmptyState } from "@/components/common/empty-state";
import { ErrorState } from "@/components/common/error-state";
import { RoleBadge } from "@/components/common/role-badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardFooter, CardHeader, CardTitle } from "@/components/ui/card";
import { getErrorDetails } from "@/lib/errors";
import { trpc } from "@/lib/trpc/react";
import { AuthCardSkeleton } from "@/modules/auth/components/auth-card-skeleton";
import { toastError } from "@/lib/toast-error";

export function InvitationLanding({ invitationId }: { invitationId: string }) {
  const router = useRouter();
  const queryClient = useQueryClient();
  const session = authClient.useSession();
  const invitation = trpc.team.getInvitation.useQuery({ invitationId }, { retry: false });
  const accept = trpc.team.acceptInvitation.useMutation();
  const setActive = trpc.organization.setActive.useMutation();

  if (invitation.isPending || session.isPending) return <AuthCardSkeleton />;

  if (invitation.isError) {
    const code = getErrorDetails(invitation.error).code;
    // A malformed id is as unknown as a missing one.
    return code === "NOT_FOUND" || code === "BAD_REQUEST" ? (
      <Card>
        <EmptyState
          icon={MailXIcon}
          title="Invitation not found"
          description="The link may be mistyped, or the invitation was canceled. Ask for a new one."
        />
      </Card>
    ) : (
      <Card className="p-2">
        <ErrorState
          title="Could not load the invitation"
          error={invitation.error}
          onRetry={() => void invitation.refetch()}
        />
      </Card>
    );
  }

  const data = invitation.data;
  const user = session.data?.user;
  const next = `/invitations/${invitationId}`;
  const emailQuery = new URLSearchParams({ next, email: data.email }).toString();
  const usable = data.status === "pending" && !data.expired;
  const wrongAccount = user && user.email.toLowerCase() !== data.email.toLowerCase();
  const accepting = accept.isPending || setActive.isPending;

  const handleAccept = async () => {
    try {
      const { organizationId } = await accept.mutateAsync({ invitationId });
      await setActive.mutateAsync({ organizationId });
      queryClient.clear();
      toast.success(`Welcome to ${data.organizationName}`);
      router.push("/");
      router.refresh();
    } catch (error) {
      toastError(error);
    }
  };

  const handleSwitchAccount = async () => {
    await authClient.signOut();
    router.push(`/sign-in?${emailQuery}`);
  };

  return (
    <Card>
      <CardHeader>
        <CardTitle className="text-xl">Join {data.organizationName}</CardTitle>
        <CardDescription>
          {data.inviterName ?? "A teammate"} invited <span className="font-medium text-foreground">{data.email}</span>{" "}
          to SyncStore.
        </CardDescription>
      </CardHeader>
      <CardContent className="grid gap-3">
        <div className="flex items-center gap-2 text-sm">
          <span className="text-muted-foreground">Role</span>
          <RoleBadge role={data.role} />
        </div>
        {isRoleName(data.role) ? <p className="text-sm text-muted-foreground">{roleDescriptions[data.role]}</p> : null}
        {!usable ? (
          <p
            role="alert"
            className="rounded-md border border-destructive/30 bg-destructive/5 px-3 py-2 text-sm text-destructive"
          >
            {data.expired ? "This invitation has expired." : `This invitation was already ${data.status}.`} Ask{" "}
            {data.inviterName ?? "the person who invited you"} for a new one.
          </p>
        ) : wrongAccount ? (
          <p role="alert" className="rounded-md border px-3 py-2 text-sm">
            You are signed in as <span className="font-medium">{user.email}</span>. This invitation is for{" "}
            <span className="font-medium">{data.email}</span>.
          </p>
        ) : null}
      </CardContent>
      {usable ? (
        <CardFooter className="flex-col gap-2">
          {!user ? (
            <>
              <Button asChild className="w-full">
                <Link href={`/sign-up?${emailQuery}`}>Create account and join</Link>
              </Button>
              <Button asChild variant="outline" className="w-full">
                <Link href={`/sign-in?${emailQuery}`}>I already have an account</Link>
              </Button>
            </>
          ) : wrongAccount ? (
            <Button variant="outline" className="w-full" onClick={() => void handleSwitchAccount()}>
              Sign in as {data.email}
            </Button>
          ) : (
            <Button className="w-full" onClick={() => void handleAccept()} disabled={accepting}>
              {accepting ? <Loader2Icon className="animate-spin" aria-hidden /> : null}
              Accept invitation
            </Button>
          )}
        </CardFooter>
      ) : null}
    </Card>
  );
}
