"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { roleDescriptions, type RoleName } from "@syncstore/auth/permissions";
import { emailSchema } from "@syncstore/domain";
import { Loader2Icon, SendIcon } from "lucide-react";
import { useState } from "react";
import { Controller, useForm, useWatch } from "react-hook-form";
import { toast } from "sonner";
import { z } from "zod";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Field, fieldControlProps } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { getErrorDetails } from "@/lib/errors";
import { trpc } from "@/lib/trpc/react";
import { useTeamInvalidation } from "../hooks/use-team-invalidation";
import { CopyLinkField } from "./copy-link-field";
import { toastError } from "@/lib/toast-error";

const inviteSchema = z.object({
  email: emailSchema,
  role: z.enum(["owner", "admin", "editor", "viewer"]),
});

export function InviteForm({ assignableRoles }: { assignableRoles: readonly RoleName[] }) {
  const invalidate = useTeamInvalidation();
  const [lastInvite, setLastInvite] = useState<{ email: string; link: string } | null>(null);
  const form = useForm({
    resolver: zodResolver(inviteSchema),
    defaultValues: { email: "", role: "viewer" as RoleName },
  });
  const invite = trpc.team.invite.useMutation({
    onSuccess: async (result, variables) => {
      setLastInvite({ email: variables.email, link: result.link });
      form.reset({ email: "", role: variables.role });
      toast.success(`Invitation created for ${variables.email}`);
      await invalidate.invitationsChanged();
    },
    onError: (error) => {
      const { fieldErrors } = getErrorDetails(error);
      if (fieldErrors.email?.[0]) form.setError("email", { message: fieldErrors.email[0] });
      else if (fieldErrors.role?.[0]) form.setError("role", { message: fieldErrors.role[0] });
      else toastError(error);
    },
  });
  const { errors } = form.formState;
  const selectedRole = useWatch({ control: form.control, name: "role" });

  return (
    <Card>
      <CardHeader>
        <CardTitle>Invite a teammate</CardTitle>
        <CardDescription>They get a link by email. You can also copy it and send it yourself.</CardDescription>
      </CardHeader>
      <CardContent className="grid gap-4">
        <form
          noValidate
          onSubmit={form.handleSubmit((values) => invite.mutate(values))}
          className="grid gap-4 sm:grid-cols-[1fr_12rem_auto] sm:items-start"
        >
          <Field id="invite-email" label="Email" error={errors.email?.message}>
            <Input
              {...fieldControlProps("invite-email", errors.email?.message)}
              type="email"
              placeholder="colleague@company.com"
              autoComplete="off"
              {...form.register("email")}
            />
          </Field>
          <Field id="invite-role" label="Role" error={errors.role?.message}>
            <Controller
              control={form.control}
              name="role"
              render={({ field }) => (
                <Select value={field.value} onValueChange={field.onChange}>
                  <SelectTrigger
                    id="invite-role"
                    className="w-full capitalize"
                    aria-invalid={errors.role ? true : undefined}
                  >
                    <SelectValue />
                  </SelectTrigger>
                  <SelectContent>
                    {assignableRoles.map((role) => (
                      <SelectItem key={role} value={role} className="capitalize">
                        {role}
                      </SelectItem>
                    ))}
                  </SelectContent>
                </Select>
              )}
            />
          </Field>
          <Button type="submit" className="sm:mt-[1.375rem]" disabled={invite.isPending}>
            {invite.isPending ? <Loader2Icon className="animate-spin" aria-hidden /> : <SendIcon aria-hidden />}
            Send invite
          </Button>
        </form>
        <RoleHint role={selectedRole} />
        {lastInvite ? (
          <div className="grid gap-2 rounded-md border bg-muted/40 p-3" aria-live="polite">
            <p className="text-sm">
              Invitation link for <span className="font-medium">{lastInvite.email}</span>
            </p>
            <CopyLinkField link={lastInvite.link} label={`Invitation link for ${lastInvite.email}`} />
          </div>
        ) : null}
      </CardContent>
    </Card>
  );
}

function RoleHint({ role }: { role: RoleName }) {
  return (
    <p className="text-xs text-muted-foreground">
      <span className="font-medium capitalize">{role}:</span> {roleDescriptions[role]}
    </p>
  );
}
