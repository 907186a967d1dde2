import type { ReactNode } from "react";
import { Logo } from "@/components/common/logo";

export default function AuthLayout({ children }: { children: ReactNode }) {
  return (
    <div className="flex min-h-svh flex-col items-center justify-center gap-6 bg-muted/40 p-4 sm:p-8">
      <Logo className="text-lg" />
      <main className="w-full max-w-sm">{children}</main>
      <p className="text-xs text-muted-foreground">One catalog, every marketplace.</p>
    </div>
  );
}
