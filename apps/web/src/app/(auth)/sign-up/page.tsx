import type { Metadata } from "next";
import { Suspense } from "react";
import { SignUpForm } from "@/modules/auth/components/sign-up-form";
import { AuthCardSkeleton } from "@/modules/auth/components/auth-card-skeleton";

export const metadata: Metadata = { title: "Create account" };

export default function SignUpPage() {
  return (
    <Suspense fallback={<AuthCardSkeleton />}>
      <SignUpForm />
    </Suspense>
  );
}
