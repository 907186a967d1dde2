"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { authClient } from "@syncstore/auth/client";
import { signInSchema } from "@syncstore/domain";
import { Loader2Icon } from "lucide-react";
import Link from "next/link";
import { useRouter, useSearchParams } from "next/navigation";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardFooter, CardHeader, CardTitle } from "@/components/ui/card";
import { Field, fieldControlProps } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { safeRedirectPath } from "@/lib/safe-redirect";
import { authErrorMessage } from "../utils/auth-error-message";
import { FormAlert } from "./form-alert";

export function SignInForm() {
  const router = useRouter();
  const searchParams = useSearchParams();
  const next = safeRedirectPath(searchParams.get("next"));
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm({
    resolver: zodResolver(signInSchema),
    defaultValues: { email: searchParams.get("email") ?? "", password: "" },
  });
  const { errors, isSubmitting } = form.formState;

  const handleSubmit = form.handleSubmit(async (values) => {
    setFormError(null);
    const { error } = await authClient.signIn.email(values);
    if (error) {
      setFormError(authErrorMessage(error));
      return;
    }
    router.replace(next);
    router.refresh();
  });

  const signUpHref = `/sign-up?${new URLSearchParams({ next, ...(searchParams.get("email") ? { email: searchParams.get("email") ?? "" } : {}) })}`;

  return (
    <Card>
      <CardHeader>
        <CardTitle className="text-xl">Sign in</CardTitle>
        <CardDescription>Welcome back. Enter your email and password.</CardDescription>
      </CardHeader>
      <form method="post" onSubmit={handleSubmit} noValidate>
        <CardContent className="grid gap-4">
          <FormAlert message={formError} />
          <Field id="email" label="Email" error={errors.email?.message}>
            <Input
              {...fieldControlProps("email", errors.email?.message)}
              type="email"
              autoComplete="email"
              autoFocus
              {...form.register("email")}
            />
          </Field>
          <Field id="password" label="Password" error={errors.password?.message}>
            <Input
              {...fieldControlProps("password", errors.password?.message)}
              type="password"
              autoComplete="current-password"
              {...form.register("password")}
            />
          </Field>
        </CardContent>
        <CardFooter className="mt-6 flex-col gap-3">
          <Button type="submit" className="w-full" disabled={isSubmitting}>
            {isSubmitting ? <Loader2Icon className="animate-spin" aria-hidden /> : null}
            Sign in
          </Button>
          <p className="text-sm text-muted-foreground">
            New to SyncStore?{" "}
            <Link href={signUpHref} className="font-medium text-foreground underline-offset-4 hover:underline">
              Create an account
            </Link>
          </p>
        </CardFooter>
      </form>
    </Card>
  );
}
