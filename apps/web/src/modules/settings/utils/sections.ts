import type { Permission } from "@syncstore/auth/permissions";

/**
 * The sections of `/settings`, one page each (`app/(dashboard)/settings/<slug>/page.tsx`).
 * To add a section: add its page, wrap it in `SettingsSection` with the same permission, and add
 * one entry here. The nav lists only sections the role may read; the page refuses the others.
 */
export type SettingsGroup = "organization" | "account";

export type SettingsSectionEntry = {
  slug: string;
  label: string;
  description: string;
  group: SettingsGroup;
  /** Needed to see the section; null: every signed-in member (their own account). */
  permission: Permission | null;
};

export const settingsGroups: { id: SettingsGroup; label: string }[] = [
  { id: "organization", label: "Organization" },
  { id: "account", label: "Your account" },
];

export const settingsSections: SettingsSectionEntry[] = [
  {
    slug: "organization",
    label: "General",
    description: "Name, currency, time zone, exchange rates and rounding, margin threshold.",
    group: "organization",
    permission: "settings:read",
  },
  {
    slug: "channels",
    label: "Channels",
    description: "Default price and stock rules, for the organization and for each connected shop.",
    group: "organization",
    permission: "channel:read",
  },
  {
    slug: "inventory",
    label: "Inventory",
    description: "Low-stock threshold and what happens to returned units.",
    group: "organization",
    permission: "settings:read",
  },
  {
    slug: "profile",
    label: "Profile",
    description: "Your name, email, password and signed-in sessions.",
    group: "account",
    permission: null,
  },
  {
    slug: "notifications",
    label: "Notifications",
    description: "Which alerts reach you by email, and whether you get a daily digest.",
    group: "account",
    permission: "alert:read",
  },
];

export function settingsHref(slug: string): string {
  return `/settings/${slug}`;
}

export function visibleSettingsSections(permissions: readonly string[]): SettingsSectionEntry[] {
  return settingsSections.filter((section) => section.permission === null || permissions.includes(section.permission));
}

export function findSettingsSection(slug: string): SettingsSectionEntry | undefined {
  return settingsSections.find((section) => section.slug === slug);
}
