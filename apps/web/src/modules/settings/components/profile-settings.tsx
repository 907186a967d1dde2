"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { changeEmailSchema, changePasswordSchema, signUpSchema, type ChangePasswordInput } from "@syncstore/domain";
import { formatDistanceToNow } from "date-fns";
import { Loader2Icon, MailCheckIcon, MonitorIcon } from "lucide-react";
import { useState } from "react";
import { useForm, useWatch } from "react-hook-form";
import { toast } from "sonner";
import { ErrorState } from "@/components/common/error-state";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Field, fieldControlProps } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Skeleton } from "@/components/ui/skeleton";
import { getErrorDetails } from "@/lib/errors";
import { trpc } from "@/lib/trpc/react";
import { PasswordRules } from "@/modules/auth/components/password-rules";
import { useHydrated } from "@/lib/use-hydrated";
import { useMe } from "@/lib/use-me";
import { SettingsSection } from "./settings-section";
import { toastError } from "@/lib/toast-error";

const nameSchema = signUpSchema.pick({ name: true });

export function ProfileSettings() {
  const me = useMe();
  // Sessions (relative times) and the forms may start from cached data when this page's code
  // arrives after it: the first client render shows what the server rendered.
  const hydrated = useHydrated();
  return (
    <SettingsSection slug="profile">
      {me.data && hydrated ? (
        <div className="grid gap-6">
          <NameForm key={me.data.user.name} name={me.data.user.name} email={me.data.user.email} />
          <EmailForm email={me.data.user.email} />
          <PasswordForm />
          <SessionsCard />
        </div>
      ) : (
        <div className="grid gap-3" aria-hidden>
          <Skeleton className="h-40 w-full" />
          <Skeleton className="h-24 w-full" />
        </div>
      )}
    </SettingsSection>
  );
}

function EmailForm({ email }: { email: string }) {
  const [sentTo, setSentTo] = useState<string | null>(null);
  const form = useForm({ resolver: zodResolver(changeEmailSchema), defaultValues: { newEmail: "" } });
  const change = trpc.profile.changeEmail.useMutation({
    onSuccess: (_, { newEmail }) => {
      setSentTo(newEmail);
      form.reset();
    },
    onError: (error) => {
      const message = getErrorDetails(error).fieldErrors.newEmail?.[0];
      if (message) form.setError("newEmail", { message });
      else toastError(error);
    },
  });
  const error = form.formState.errors.newEmail?.message;
  return (
    <Card>
      <CardHeader>
        <CardTitle>Email</CardTitle>
        <CardDescription>
          You sign in with {email}. A new address takes over once you open the link we send to it.
        </CardDescription>
      </CardHeader>
      <CardContent className="grid gap-4">
        {sentTo ? (
          <p role="status" className="flex items-start gap-2 rounded-md border bg-muted/40 p-3 text-sm">
            <MailCheckIcon className="mt-0.5 size-4 shrink-0" aria-hidden />
            <span>
              We sent a confirmation link to <span className="font-medium">{sentTo}</span>. Your sign-in email changes
              when you open it; until then keep using {email}.
            </span>
          </p>
        ) : null}
        <form
          noValidate
          onSubmit={form.handleSubmit((values) => change.mutate(values))}
          className="flex flex-col gap-4 sm:flex-row sm:items-start"
        >
          <Field id="profile-new-email" label="New email" error={error} className="flex-1">
            <Input
              {...fieldControlProps("profile-new-email", error)}
              type="email"
              autoComplete="email"
              {...form.register("newEmail")}
            />
          </Field>
          <Button type="submit" className="sm:mt-6" disabled={change.isPending}>
            {change.isPending ? <Loader2Icon className="animate-spin" aria-hidden /> : null}
            Change email
          </Button>
        </form>
      </CardContent>
    </Card>
  );
}

function NameForm({ name, email }: { name: string; email: string }) {
  const utils = trpc.useUtils();
  const form = useForm({ resolver: zodResolver(nameSchema), defaultValues: { name } });
  const update = trpc.profile.updateName.useMutation({
    onSuccess: async () => {
      toast.success("Name saved");
      await utils.me.context.invalidate();
    },
    onError: (error) => {
      const message = getErrorDetails(error).fieldErrors.name?.[0];
      if (message) form.setError("name", { message });
      else toastError(error);
    },
  });
  const error = form.formState.errors.name?.message;
  return (
    <Card>
      <CardHeader>
        <CardTitle>Your details</CardTitle>
        <CardDescription>How teammates see you in the audit log and the team list.</CardDescription>
      </CardHeader>
      <CardContent>
        <form
          noValidate
          onSubmit={form.handleSubmit((values) => update.mutate(values))}
          className="grid gap-4 sm:grid-cols-2"
        >
          <Field id="profile-name" label="Name" error={error}>
            <Input {...fieldControlProps("profile-name", error)} autoComplete="name" {...form.register("name")} />
          </Field>
          <Field id="profile-email" label="Email" description="Your sign-in email.">
            <Input id="profile-email" value={email} readOnly aria-describedby="profile-email-description" />
          </Field>
          <div className="flex justify-end sm:col-span-2">
            <Button type="submit" disabled={!form.formState.isDirty || update.isPending}>
              {update.isPending ? <Loader2Icon className="animate-spin" aria-hidden /> : null}
              Save name
            </Button>
          </div>
        </form>
      </CardContent>
    </Card>
  );
}

function PasswordForm() {
  const form = useForm<ChangePasswordInput>({
    resolver: zodResolver(changePasswordSchema),
    defaultValues: { currentPassword: "", newPassword: "" },
  });
  const change = trpc.profile.changePassword.useMutation({
    onSuccess: () => {
      form.reset();
      toast.success("Password changed");
    },
    onError: (error) => {
      const { fieldErrors } = getErrorDetails(error);
      if (fieldErrors.currentPassword?.[0])
        form.setError("currentPassword", { message: fieldErrors.currentPassword[0] });
      else if (fieldErrors.newPassword?.[0]) form.setError("newPassword", { message: fieldErrors.newPassword[0] });
      else toastError(error);
    },
  });
  const { errors } = form.formState;
  const newPassword = useWatch({ control: form.control, name: "newPassword" });
  return (
    <Card>
      <CardHeader>
        <CardTitle>Password</CardTitle>
        <CardDescription>The same rules as at sign-up.</CardDescription>
      </CardHeader>
      <CardContent>
        <form
          noValidate
          onSubmit={form.handleSubmit((values) => change.mutate(values))}
          className="grid gap-4 sm:grid-cols-2"
        >
          <Field id="current-password" label="Current password" error={errors.currentPassword?.message}>
            <Input
              {...fieldControlProps("current-password", errors.currentPassword?.message)}
              type="password"
              autoComplete="current-password"
              {...form.register("currentPassword")}
            />
          </Field>
          <Field
            id="new-password"
            label="New password"
            error={errors.newPassword?.message}
            description={<PasswordRules value={newPassword} />}
          >
            <Input
              {...fieldControlProps("new-password", errors.newPassword?.message, true)}
              type="password"
              autoComplete="new-password"
              {...form.register("newPassword")}
            />
          </Field>
          <div className="flex justify-end sm:col-span-2">
            <Button type="submit" disabled={change.isPending}>
              {change.isPending ? <Loader2Icon className="animate-spin" aria-hidden /> : null}
              Change password
            </Button>
          </div>
        </form>
      </CardContent>
    </Card>
  );
}

function SessionsCard() {
  const utils = trpc.useUtils();
  const sessions = trpc.profile.sessions.useQuery();
  const signOut = trpc.profile.signOutOthers.useMutation({
    onSuccess: async ({ signedOut }) => {
      toast.success(
        signedOut === 0
          ? "No other sessions were signed in"
          : `Signed out ${signedOut} other ${signedOut === 1 ? "session" : "sessions"}`,
      );
      await utils.profile.sessions.invalidate();
    },
    onError: (error) => toastError(error),
  });
  const others = sessions.data?.filter((session) => !session.current).length ?? 0;
  return (
    <Card>
      <CardHeader>
        <CardTitle>Active sessions</CardTitle>
        <CardDescription>Browsers signed in to your account.</CardDescription>
      </CardHeader>
      <CardContent className="grid gap-4">
        {sessions.isError ? (
          <ErrorState
            title="Could not load your sessions"
            error={sessions.error}
            onRetry={() => void sessions.refetch()}
          />
        ) : !sessions.data ? (
          <Skeleton className="h-24 w-full" />
        ) : (
          <ul className="divide-y rounded-md border" aria-label="Sessions">
            {sessions.data.map((session) => (
              <li key={session.id} className="flex items-start gap-3 p-3 text-sm">
                <MonitorIcon className="mt-0.5 size-4 text-muted-foreground" aria-hidden />
                <div className="min-w-0 flex-1">
                  <p className="truncate font-medium">{browserName(session.userAgent)}</p>
                  <p className="text-xs text-muted-foreground">
                    {session.ip ?? "Unknown address"} · active{" "}
                    {formatDistanceToNow(new Date(session.updatedAt), { addSuffix: true })}
                  </p>
                </div>
                {session.current ? <Badge variant="secondary">This browser</Badge> : null}
              </li>
            ))}
          </ul>
        )}
        <div className="flex justify-end">
          <Button variant="outline" onClick={() => signOut.mutate()} disabled={signOut.isPending || others === 0}>
            Sign out everywhere else
          </Button>
        </div>
      </CardContent>
    </Card>
  );
}

/** "Chrome on Linux" from a user agent, enough to tell sessions apart. */
function browserName(userAgent: string | null): string {
  if (!userAgent) return "Unknown browser";
  const browser = /Edg\//.test(userAgent)
    ? "Edge"
    : /Firefox\//.test(userAgent)
      ? "Firefox"
      : /Chrome\//.test(userAgent)
        ? "Chrome"
        : /Safari\//.test(userAgent)
          ? "Safari"
          : "Browser";
  const os = /Windows/.test(userAgent)
    ? "Windows"
    : /Mac OS X/.test(userAgent)
      ? "macOS"
      : /Android/.test(userAgent)
        ? "Android"
        : /iPhone|iPad/.test(userAgent)
          ? "iOS"
          : /Linux/.test(userAgent)
            ? "Linux"
            : "another system";
  return `${browser} on ${os}`;
}
