"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { cn } from "@/lib/utils";
import { settingsGroups, settingsHref, visibleSettingsSections } from "../utils/sections";

export function SettingsNav({ permissions }: { permissions: readonly string[] }) {
  const pathname = usePathname();
  const sections = visibleSettingsSections(permissions);
  return (
    <nav aria-label="Settings" className="flex gap-4 overflow-x-auto pb-1 lg:flex-col lg:gap-5 lg:overflow-visible">
      {settingsGroups.map((group) => {
        const items = sections.filter((section) => section.group === group.id);
        if (items.length === 0) return null;
        return (
          <div key={group.id} className="flex shrink-0 items-center gap-1 lg:grid lg:gap-1">
            <p className="hidden px-3 pb-1 text-xs font-medium tracking-wide text-muted-foreground uppercase lg:block">
              {group.label}
            </p>
            {items.map((section) => {
              const href = settingsHref(section.slug);
              const active = pathname === href || pathname.startsWith(`${href}/`);
              return (
                <Link
                  key={section.slug}
                  href={href}
                  aria-current={active ? "page" : undefined}
                  className={cn(
                    "rounded-md px-3 py-1.5 text-sm font-medium whitespace-nowrap text-muted-foreground transition-colors outline-none hover:bg-muted hover:text-foreground focus-visible:ring-[3px] focus-visible:ring-ring/50",
                    active && "bg-muted text-foreground",
                  )}
                >
                  {section.label}
                </Link>
              );
            })}
          </div>
        );
      })}
    </nav>
  );
}
