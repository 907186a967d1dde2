"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { authClient } from "@syncstore/auth/client";
import { signUpSchema } from "@syncstore/domain";
import { Loader2Icon } from "lucide-react";
import Link from "next/link";
import { useRouter, useSearchParams } from "next/navigation";
import { useEffect, useState } from "react";
import { useForm, useWatch } from "react-hook-form";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardFooter, CardHeader, CardTitle } from "@/components/ui/card";
import { Field, fieldControlProps } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { safeRedirectPath } from "@/lib/safe-redirect";
import { trpc } from "@/lib/trpc/react";
import { authErrorMessage } from "../utils/auth-error-message";
import { FormAlert } from "./form-alert";
import { PasswordRules } from "./password-rules";

export function SignUpForm() {
  const router = useRouter();
  const searchParams = useSearchParams();
  const next = safeRedirectPath(searchParams.get("next"));
  // From an invitation the account is for the invited address only (the server refuses another).
  const invitationId = /^\/invitations\/([^/?#]+)$/.exec(next)?.[1] ?? null;
  const invitation = trpc.team.getInvitation.useQuery(
    { invitationId: invitationId ?? "" },
    { enabled: invitationId !== null, retry: false },
  );
  const invitedEmail = invitation.data?.email ?? searchParams.get("email") ?? "";
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm({
    resolver: zodResolver(signUpSchema),
    defaultValues: { name: "", email: invitedEmail, password: "" },
  });
  const fixedEmail = invitation.data?.email ?? null;
  useEffect(() => {
    if (fixedEmail) form.setValue("email", fixedEmail, { shouldValidate: false });
  }, [fixedEmail, form]);
  const { errors, isSubmitting } = form.formState;
  const password = useWatch({ control: form.control, name: "password" });

  const handleSubmit = form.handleSubmit(async (values) => {
    setFormError(null);
    const { error } = await authClient.signUp.email({
      ...values,
      ...(invitationId ? { fetchOptions: { headers: { "x-invitation-id": invitationId } } } : {}),
    });
    if (error) {
      const message = authErrorMessage(error);
      if (error.code === "WEAK_PASSWORD" || error.code?.startsWith("PASSWORD_")) {
        form.setError("password", { message });
      } else if (
        error.code?.startsWith("USER_ALREADY_EXISTS") ||
        error.code === "INVALID_EMAIL" ||
        error.code === "INVITATION_EMAIL_MISMATCH"
      ) {
        form.setError("email", { message });
      } else {
        setFormError(message);
      }
      return;
    }
    // Sign-up answers the same whether or not the address already has an account, and opens no
    // session: sign in with what was just entered.
    const signIn = await authClient.signIn.email({ email: values.email, password: values.password });
    if (signIn.error) {
      setFormError(
        signIn.error.status === 429
          ? authErrorMessage(signIn.error)
          : "We could not sign you in with these details. If this address already has an account, sign in with its password instead.",
      );
      return;
    }
    router.replace(next);
    router.refresh();
  });

  const signInHref = `/sign-in?${new URLSearchParams({ next, ...(invitedEmail ? { email: invitedEmail } : {}) })}`;

  return (
    <Card>
      <CardHeader>
        <CardTitle className="text-xl">Create your account</CardTitle>
        <CardDescription>
          {next.startsWith("/invitations/")
            ? "Create an account to join the team that invited you."
            : "Start with your own organization. You can invite your team next."}
        </CardDescription>
      </CardHeader>
      <form method="post" onSubmit={handleSubmit} noValidate>
        <CardContent className="grid gap-4">
          <FormAlert message={formError} />
          <Field id="name" label="Name" error={errors.name?.message}>
            <Input
              {...fieldControlProps("name", errors.name?.message)}
              autoComplete="name"
              autoFocus
              {...form.register("name")}
            />
          </Field>
          <Field
            id="email"
            label="Email"
            error={errors.email?.message}
            description={fixedEmail ? "The invitation is for this address." : undefined}
          >
            <Input
              {...fieldControlProps("email", errors.email?.message)}
              type="email"
              autoComplete="email"
              readOnly={fixedEmail !== null}
              className={fixedEmail ? "bg-muted text-muted-foreground" : undefined}
              {...form.register("email")}
            />
          </Field>
          <Field
            id="password"
            label="Password"
            error={errors.password?.message}
            description={<PasswordRules value={password} />}
          >
            <Input
              {...fieldControlProps("password", errors.password?.message, true)}
              type="password"
              autoComplete="new-password"
              {...form.register("password")}
            />
          </Field>
        </CardContent>
        <CardFooter className="mt-6 flex-col gap-3">
          <Button type="submit" className="w-full" disabled={isSubmitting}>
            {isSubmitting ? <Loader2Icon className="animate-spin" aria-hidden /> : null}
            Create account
          </Button>
          <p className="text-sm text-muted-foreground">
            Already have an account?{" "}
            <Link href={signInHref} className="font-medium text-foreground underline-offset-4 hover:underline">
              Sign in
            </Link>
          </p>
        </CardFooter>
      </form>
    </Card>
  );
}
