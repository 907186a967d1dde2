import { formatDistance } from "date-fns";
import {
  conflictFieldGroupLabels,
  formatMinor,
  normaliseDescription,
  normaliseStatus,
  type ConflictFieldGroup,
  type NormalStatus,
} from "@syncstore/domain";

export interface Values {
  title?: string | null | undefined;
  description?: string | null | undefined;
  images?: string[] | null | undefined;
  options?: Record<string, string> | null | undefined;
  price?: number | null | undefined;
  currency?: string | null | undefined;
  status?: string | null | undefined;
}

export const groupLabel = (group: ConflictFieldGroup) => conflictFieldGroupLabels[group];

/** Money with its currency, through the one minor-units formatter. */
export function formatPrice(values: Values | null | undefined, fallbackCurrency: string): string {
  if (!values || values.price === null || values.price === undefined) return "–";
  const currency = values.currency ?? fallbackCurrency;
  return `${currency} ${formatMinor(values.price, currency)}`;
}

/** The text a side shows for a content conflict (description as plain text for the diff). */
export function contentText(values: Values | null | undefined): { title: string; description: string } {
  return { title: values?.title ?? "", description: normaliseDescription(values?.description ?? "") };
}

export const statusLabels: Record<NormalStatus, string> = {
  active: "Active (on sale)",
  inactive: "Inactive (not on sale)",
  deleted: "Deleted",
};

/** One line for the review list: what master and the shop show, so listings of one product tell apart. */
export function conflictSummary(
  group: ConflictFieldGroup,
  master: Values | null | undefined,
  channel: Values | null | undefined,
  currency: string,
): string {
  switch (group) {
    case "price":
      return `${formatPrice(master, currency)} in master, ${formatPrice(channel, currency)} on the shop`;
    case "content":
      return `“${channel?.title ?? ""}” on the shop`;
    case "status": {
      const words = { active: "Active", inactive: "Inactive", deleted: "Deleted" } as const;
      const label = (values: Values | null | undefined) => {
        const normal = normaliseStatus(values?.status);
        return normal ? words[normal] : "Unknown";
      };
      return `${label(master)} in master, ${label(channel)} on the shop`;
    }
    case "images": {
      const count = (values: Values | null | undefined) => values?.images?.length ?? 0;
      return `${count(master)} image${count(master) === 1 ? "" : "s"} in master, ${count(channel)} on the shop`;
    }
    case "options": {
      const text = Object.entries(channel?.options ?? {})
        .map(([name, value]) => `${name} ${value}`)
        .join(", ");
      return text ? `${text} on the shop` : groupLabel(group);
    }
  }
}

export const platformNames = { shopee: "Shopee", tiktok: "TikTok Shop" } as const;

/** "less than a minute ago", "5 minutes ago", "about 2 hours ago": as every other page words it. */
export function ageOf(date: Date, now = Date.now()): string {
  return formatDistance(date, Math.max(now, date.getTime()), { addSuffix: true });
}
