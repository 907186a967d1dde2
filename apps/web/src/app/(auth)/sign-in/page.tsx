import type { Metadata } from "next";
import { Suspense } from "react";
import { SignInForm } from "@/modules/auth/components/sign-in-form";
import { AuthCardSkeleton } from "@/modules/auth/components/auth-card-skeleton";

export const metadata: Metadata = { title: "Sign in" };

export default function SignInPage() {
  return (
    <Suspense fallback={<AuthCardSkeleton />}>
      <SignInForm />
    </Suspense>
  );
}
