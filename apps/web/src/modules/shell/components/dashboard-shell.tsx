"use client";

import { PageSkeleton } from "@/components/common/page-skeleton";
import { useHydrated } from "@/lib/use-hydrated";
import { Building2Icon } from "lucide-react";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useState, type ReactNode } from "react";
import { EmptyState } from "@/components/common/empty-state";
import { ErrorState } from "@/components/common/error-state";
import { Logo } from "@/components/common/logo";
import { Button } from "@/components/ui/button";
import { Skeleton } from "@/components/ui/skeleton";
import { RealtimeProvider } from "@/lib/realtime/realtime-provider";
import { useMe, useSeedMe, type MeContext } from "@/lib/use-me";
import { AlertsBell } from "@/modules/alerts/components/alerts-bell";
import { CreateOrganizationDialog } from "./create-organization-dialog";
import { MobileNav } from "./mobile-nav";
import { OrganizationSwitcher } from "./organization-switcher";
import { RealtimeSync } from "./realtime-sync";
import { SidebarNav } from "./sidebar-nav";
import { UserMenu } from "./user-menu";

/** Spreadsheet-like pages use the whole width; reading pages keep a comfortable measure. */
const fullWidthPages = ["/products"];

/** One realtime connection for the whole shell: the header's alerts bell listens too. */
export function DashboardShell({
  gatewayUrl,
  initialMe,
  children,
}: {
  gatewayUrl: string;
  initialMe: MeContext | null;
  children: ReactNode;
}) {
  useSeedMe(initialMe);
  const me = useMe();
  return (
    <RealtimeProvider gatewayUrl={gatewayUrl} organizationId={me.data?.activeOrganization?.id ?? null}>
      <ShellLayout>{children}</ShellLayout>
    </RealtimeProvider>
  );
}

function ShellLayout({ children }: { children: ReactNode }) {
  const pathname = usePathname();
  const fullWidth = fullWidthPages.some((page) => pathname.startsWith(page));
  const me = useMe();
  const permissions = me.data?.permissions ?? [];
  const hydrated = useHydrated();

  return (
    <div className="flex min-h-svh">
      <a
        href="#main"
        className="sr-only z-50 rounded-md bg-background px-3 py-2 text-sm shadow focus:not-sr-only focus:fixed focus:top-2 focus:left-2"
      >
        Skip to content
      </a>
      <aside className="sticky top-0 hidden h-svh w-60 shrink-0 flex-col border-r bg-sidebar md:flex">
        <div className="flex h-14 items-center border-b px-5">
          <Link href="/" className="rounded-md outline-none focus-visible:ring-[3px] focus-visible:ring-ring/50">
            <Logo />
          </Link>
        </div>
        <div className="flex-1 overflow-y-auto py-4">
          {me.isPending ? <NavSkeleton /> : <SidebarNav permissions={permissions} />}
        </div>
      </aside>
      <div className="flex min-w-0 flex-1 flex-col">
        <header className="sticky top-0 z-30 flex h-14 items-center gap-2 border-b bg-background/95 px-4 backdrop-blur supports-[backdrop-filter]:bg-background/80 md:px-6">
          <MobileNav permissions={permissions} />
          {me.data ? (
            <>
              <OrganizationSwitcher
                organizations={me.data.organizations}
                activeOrganization={me.data.activeOrganization}
              />
              <div className="ml-auto flex items-center gap-1">
                {me.data.activeOrganization && me.data.permissions.includes("alert:read") ? <AlertsBell /> : null}
                <UserMenu user={me.data.user} role={me.data.role} />
              </div>
            </>
          ) : (
            <>
              <Skeleton className="h-9 w-44" />
              <Skeleton className="ml-auto size-8 rounded-full" />
            </>
          )}
        </header>
        <main id="main" tabIndex={-1} className="flex-1 p-4 outline-none md:p-6 lg:p-8">
          <div className={fullWidth ? "w-full" : "mx-auto w-full max-w-6xl"}>
            {me.isError ? (
              <ErrorState title="Could not load your account" error={me.error} onRetry={() => void me.refetch()} />
            ) : me.data && !me.data.activeOrganization ? (
              <NoOrganization />
            ) : (
              <>
                <RealtimeSync />
                {/*
                  Pages render in the browser only: their data comes from client queries, which may
                  already be cached (the shell's own, or refetched) when a page's code arrives after
                  the shell hydrated. Rendering the page on the server would then differ from the
                  browser's first render (React #418); the server sends the page's outline instead.
                */}
                {hydrated ? children : <PageSkeleton />}
              </>
            )}
          </div>
        </main>
      </div>
    </div>
  );
}

function NavSkeleton() {
  return (
    <div className="grid gap-2 px-3" aria-hidden>
      <Skeleton className="h-8 w-full" />
      <Skeleton className="h-8 w-full" />
      <Skeleton className="h-8 w-3/4" />
    </div>
  );
}

function NoOrganization() {
  const [open, setOpen] = useState(false);
  return (
    <>
      <EmptyState
        className="rounded-lg border border-dashed py-16"
        icon={Building2Icon}
        title="You are not part of an organization"
        description="Create one to start, or open the invitation link a teammate sent you."
        action={<Button onClick={() => setOpen(true)}>Create organization</Button>}
      />
      <CreateOrganizationDialog open={open} onOpenChange={setOpen} />
    </>
  );
}
