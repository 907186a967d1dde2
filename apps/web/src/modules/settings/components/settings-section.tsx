"use client";

import { LockIcon } from "lucide-react";
import type { ReactNode } from "react";
import { EmptyState } from "@/components/common/empty-state";
import { Skeleton } from "@/components/ui/skeleton";
import { useMe } from "@/lib/use-me";
import { findSettingsSection } from "../utils/sections";

/**
 * One settings page: its heading, and its content only when the role may read it (the server
 * checks every procedure again; this keeps a viewer from staring at forms that would refuse).
 */
export function SettingsSection({ slug, children }: { slug: string; children: ReactNode }) {
  const me = useMe();
  const section = findSettingsSection(slug);
  if (!section) throw new Error(`Unknown settings section "${slug}": add it to settingsSections.`);
  const allowed = section.permission === null || (me.data?.permissions.includes(section.permission) ?? false);

  return (
    <section aria-labelledby={`settings-${slug}`} className="grid grid-cols-1 gap-6">
      <div className="space-y-1">
        <h2 id={`settings-${slug}`} className="text-lg font-semibold">
          {section.label}
        </h2>
        <p className="text-sm text-muted-foreground">{section.description}</p>
      </div>
      {!me.data ? (
        <div className="grid gap-3" aria-hidden>
          <Skeleton className="h-40 w-full" />
          <Skeleton className="h-24 w-full" />
        </div>
      ) : allowed ? (
        children
      ) : (
        <EmptyState
          className="rounded-lg border border-dashed"
          icon={LockIcon}
          title="Your role cannot open this section"
          description="Ask an owner or admin of this organization if you need to see or change these settings."
        />
      )}
    </section>
  );
}
