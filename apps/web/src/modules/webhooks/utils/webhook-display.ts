import type { WebhookActivityPayload } from "@syncstore/realtime/events";

export type WebhookStatus = WebhookActivityPayload["status"];

export const platformNames = { shopee: "Shopee", tiktok: "TikTok Shop" } as const;

export const statusLabels: Record<WebhookStatus, string> = {
  received: "Pending",
  processed: "Processed",
  failed: "Failed",
  unknown_shop: "Unknown shop",
  ignored: "Ignored",
};

/** Tailwind classes of each status badge (colour plus text, never colour alone). */
export const statusClasses: Record<WebhookStatus, string> = {
  received: "border-warning/40 bg-warning/10 text-foreground",
  processed: "border-success/40 bg-success/10 text-foreground",
  failed: "border-destructive/40 bg-destructive/10 text-destructive",
  unknown_shop: "border-border bg-muted text-muted-foreground",
  ignored: "border-border bg-muted text-muted-foreground",
};

const kindLabels: Record<string, string> = {
  "order.created": "Order created",
  "order.paid": "Order paid",
  "order.cancelled": "Order cancelled",
  "order.shipped": "Order shipped",
  "order.updated": "Order updated",
  "stock.changed": "Stock changed",
  "product.created": "Product created",
  "product.changed": "Product changed",
  "product.deleted": "Product deleted",
  "product.banned": "Product banned",
  "shop.authorized": "Shop authorized",
  "shop.deauthorized": "Shop deauthorized",
  "authorization.expiring": "Authorization expiring",
};

/** "order.paid" → "Order paid"; platform codes the gateway could not name ("shopee.99") stay as they are. */
export function eventTypeLabel(type: string): string {
  return kindLabels[type] ?? type;
}

/** 840 → "840 ms", 12_300 → "12.3 s", 200_000 → "3 min 20 s"; null → "—". */
export function formatLatency(ms: number | null): string {
  if (ms === null) return "—";
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
  const minutes = Math.floor(ms / 60_000);
  const seconds = Math.round((ms % 60_000) / 1000);
  if (minutes < 60) return seconds ? `${minutes} min ${seconds} s` : `${minutes} min`;
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}
