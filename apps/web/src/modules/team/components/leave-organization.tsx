"use client";

import { useQueryClient } from "@tanstack/react-query";
import { LogOutIcon } from "lucide-react";
import { useRouter } from "next/navigation";
import { toast } from "sonner";
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
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";

import { trpc } from "@/lib/trpc/react";
import { toastError } from "@/lib/toast-error";

export function LeaveOrganization({ organizationName, isOwner }: { organizationName: string; isOwner: boolean }) {
  const router = useRouter();
  const queryClient = useQueryClient();
  const leave = trpc.team.leave.useMutation({
    onSuccess: () => {
      toast.success(`You left ${organizationName}`);
      // The active organization changes with it: nothing cached still applies.
      queryClient.clear();
      router.push("/");
      router.refresh();
    },
    onError: (error) => toastError(error),
  });
  return (
    <Card className="border-destructive/30">
      <CardHeader>
        <CardTitle>Leave organization</CardTitle>
        <CardDescription>
          You lose access to {organizationName}.
          {isOwner ? " The last owner cannot leave; transfer ownership first." : ""}
        </CardDescription>
      </CardHeader>
      <CardContent>
        <AlertDialog>
          <AlertDialogTrigger asChild>
            <Button variant="outline" className="text-destructive hover:text-destructive" disabled={leave.isPending}>
              <LogOutIcon aria-hidden />
              Leave {organizationName}
            </Button>
          </AlertDialogTrigger>
          <AlertDialogContent>
            <AlertDialogHeader>
              <AlertDialogTitle>Leave {organizationName}?</AlertDialogTitle>
              <AlertDialogDescription>You will need a new invitation to come back.</AlertDialogDescription>
            </AlertDialogHeader>
            <AlertDialogFooter>
              <AlertDialogCancel>Stay</AlertDialogCancel>
              <AlertDialogAction onClick={() => leave.mutate({})}>Leave organization</AlertDialogAction>
            </AlertDialogFooter>
          </AlertDialogContent>
        </AlertDialog>
      </CardContent>
    </Card>
  );
}
