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

export function ageOf(date: Date, now = Date.now()): string {
  const minutes = Math.max(0, Math.round((now - date.getTime()) / 60_000));
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.round(minutes / 60);
  if (hours < 48) return `${hours} h ago`;
  return `${Math.round(hours / 24)} days ago`;
}
