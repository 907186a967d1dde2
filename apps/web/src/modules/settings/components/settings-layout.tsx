"use client";

import type { ReactNode } from "react";
import { PageHeader } from "@/components/common/page-header";
import { Skeleton } from "@/components/ui/skeleton";
import { useMe } from "@/lib/use-me";
import { SettingsNav } from "./settings-nav";

export function SettingsLayout({ children }: { children: ReactNode }) {
  const me = useMe();
  return (
    <div className="grid grid-cols-1 gap-6">
      <PageHeader title="Settings" description="Your organization's defaults and your own account." />
      <div className="grid grid-cols-1 gap-6 lg:grid-cols-[12rem_minmax(0,1fr)] lg:gap-10">
        <aside>
          {me.data ? (
            <SettingsNav permissions={me.data.permissions} />
          ) : (
            <div className="grid gap-2" aria-hidden>
              <Skeleton className="h-8 w-full" />
              <Skeleton className="h-8 w-3/4" />
            </div>
          )}
        </aside>
        <div className="min-w-0">{children}</div>
      </div>
    </div>
  );
}
