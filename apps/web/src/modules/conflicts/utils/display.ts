import { formatDistance } from "date-fns";
import {
  conflictFieldGroupLabels,
  formatMinor,
  normaliseDescription,
  type ConflictFieldGroup,
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

export const platformNames = { shopee: "Shopee", tiktok: "TikTok Shop" } as const;

/** "less than a minute ago", "5 minutes ago", "about 2 hours ago": as every other page words it. */
export function ageOf(date: Date, now = Date.now()): string {
  return formatDistance(date, Math.max(now, date.getTime()), { addSuffix: true });
}
