"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { deleteOrganizationSchema, transferOwnershipSchema } from "@syncstore/domain";
import { useQueryClient } from "@tanstack/react-query";
import { Loader2Icon } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Controller, useForm, useWatch } from "react-hook-form";
import { toast } from "sonner";
import type { z } from "zod";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
} from "@/components/ui/dialog";
import { Field, fieldControlProps } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { getErrorDetails } from "@/lib/errors";
import { trpc } from "@/lib/trpc/react";
import { toastError } from "@/lib/toast-error";

/** Owner only: transfer ownership to another member, or delete the organization for good. */
export function DangerZone({ organizationName, currentUserId }: { organizationName: string; currentUserId: string }) {
  return (
    <Card className="border-destructive/50">
      <CardHeader>
        <CardTitle>Danger zone</CardTitle>
        <CardDescription>Only the owner sees this.</CardDescription>
      </CardHeader>
      <CardContent className="grid gap-6">
        <TransferOwnership currentUserId={currentUserId} />
        <DeleteOrganization organizationName={organizationName} />
      </CardContent>
    </Card>
  );
}

function TransferOwnership({ currentUserId }: { currentUserId: string }) {
  const utils = trpc.useUtils();
  const members = trpc.team.listMembers.useQuery();
  const others = (members.data ?? []).filter((member) => member.userId !== currentUserId);
  const form = useForm<z.infer<typeof transferOwnershipSchema>>({
    resolver: zodResolver(transferOwnershipSchema),
    defaultValues: { memberId: "" },
  });
  const transfer = trpc.settings.transferOwnership.useMutation({
    onSuccess: async () => {
      toast.success("Ownership transferred; you are an admin now");
      await Promise.all([utils.me.context.invalidate(), utils.team.listMembers.invalidate()]);
    },
    onError: (error) => {
      const message = getErrorDetails(error).fieldErrors.memberId?.[0];
      if (message) form.setError("memberId", { message });
      else toastError(error);
    },
  });
  return (
    <form
      noValidate
      onSubmit={form.handleSubmit((values) => transfer.mutate(values))}
      className="grid gap-3 sm:grid-cols-[1fr_auto] sm:items-end"
    >
      <Field
        id="transfer-member"
        label="Transfer ownership"
        error={form.formState.errors.memberId?.message}
        description="The new owner can delete the organization; you stay on as an admin."
      >
        <Controller
          control={form.control}
          name="memberId"
          render={({ field }) => (
            <Select value={field.value} onValueChange={field.onChange} disabled={others.length === 0}>
              <SelectTrigger
                id="transfer-member"
                className="w-full"
                aria-invalid={form.formState.errors.memberId ? true : undefined}
              >
                <SelectValue placeholder={others.length ? "Choose a member" : "Invite someone first"} />
              </SelectTrigger>
              <SelectContent>
                {others.map((member) => (
                  <SelectItem key={member.id} value={member.id}>
                    {member.name} ({member.email})
                  </SelectItem>
                ))}
              </SelectContent>
            </Select>
          )}
        />
      </Field>
      <Button type="submit" variant="outline" disabled={transfer.isPending || others.length === 0}>
        Transfer
      </Button>
    </form>
  );
}

function DeleteOrganization({ organizationName }: { organizationName: string }) {
  const [open, setOpen] = useState(false);
  const router = useRouter();
  const queryClient = useQueryClient();
  const form = useForm<z.infer<typeof deleteOrganizationSchema>>({
    resolver: zodResolver(deleteOrganizationSchema),
    defaultValues: { confirmation: "" },
  });
  const typed = useWatch({ control: form.control, name: "confirmation" });
  const remove = trpc.settings.deleteOrganization.useMutation({
    onSuccess: () => {
      toast.success(`${organizationName} was deleted`);
      queryClient.clear();
      router.replace("/");
      router.refresh();
    },
    onError: (error) => {
      const message = getErrorDetails(error).fieldErrors.confirmation?.[0];
      if (message) form.setError("confirmation", { message });
      else toastError(error);
    },
  });
  const error = form.formState.errors.confirmation?.message;
  return (
    <div className="flex flex-col gap-3 sm:flex-row sm:items-center sm:justify-between">
      <div className="space-y-1">
        <p className="text-sm font-medium">Delete this organization</p>
        <p className="text-sm text-muted-foreground">
          Products, stock, shop connections, listings and the audit log are deleted. This cannot be undone.
        </p>
      </div>
      <Button variant="destructive" onClick={() => setOpen(true)}>
        Delete organization
      </Button>
      <Dialog open={open} onOpenChange={setOpen}>
        <DialogContent>
          <DialogHeader>
            <DialogTitle>Delete {organizationName}?</DialogTitle>
            <DialogDescription>
              Type <strong>{organizationName}</strong> to confirm. Everything in it is deleted for every member.
            </DialogDescription>
          </DialogHeader>
          <form noValidate onSubmit={form.handleSubmit((values) => remove.mutate(values))} className="grid gap-4">
            <Field id="delete-confirmation" label="Organization name" error={error}>
              <Input
                {...fieldControlProps("delete-confirmation", error)}
                autoComplete="off"
                {...form.register("confirmation")}
              />
            </Field>
            <DialogFooter>
              <Button type="button" variant="outline" onClick={() => setOpen(false)}>
                Cancel
              </Button>
              <Button
                type="submit"
                variant="destructive"
                disabled={typed.trim() !== organizationName || remove.isPending}
              >
                {remove.isPending ? <Loader2Icon className="animate-spin" aria-hidden /> : null}
                Delete forever
              </Button>
            </DialogFooter>
          </form>
        </DialogContent>
      </Dialog>
    </div>
  );
}
