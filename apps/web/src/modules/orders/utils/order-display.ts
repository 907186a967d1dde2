import type { RouterOutputs } from "@/lib/trpc/types";

export type OrderItem = RouterOutputs["orders"]["list"]["items"][number];
export type OrderDetail = RouterOutputs["orders"]["get"];
export type OrderPhase = OrderItem["phase"];
export type LineEffect = OrderDetail["lines"][number]["effect"];

export const platformNames = { shopee: "Shopee", tiktok: "TikTok Shop" } as const;

export const phaseLabels: Record<OrderPhase, string> = {
  open: "Open",
  shipped: "Shipped",
  delivered: "Delivered",
  cancelled: "Cancelled",
  returned: "Returned",
};

/** Tailwind classes of each status badge (colour plus text, never colour alone). */
export const phaseClasses: Record<OrderPhase, string> = {
  open: "border-primary/40 bg-primary/10 text-foreground",
  shipped: "border-warning/40 bg-warning/10 text-foreground",
  delivered: "border-success/40 bg-success/10 text-foreground",
  cancelled: "border-border bg-muted text-muted-foreground",
  returned: "border-destructive/40 bg-destructive/10 text-destructive",
};

/** What a line's recorded stock effect means for the seller. */
export const effectLabels: Record<LineEffect, string> = {
  none: "Not applied",
  committed: "Committed",
  shipped: "Shipped",
  released: "Released",
  restocked: "Restocked",
};

export const reasonLabels: Record<string, string> = {
  order_committed: "Committed by the order",
  order_released: "Released (cancelled)",
  order_shipped: "Shipped",
  return_restocked: "Return restocked",
};

export const bucketLabels: Record<string, string> = {
  on_hand: "On hand",
  committed: "Committed",
  promotion_reserved: "Promotion reserved",
  unavailable: "Unavailable",
};

export const cancellerLabels: Record<string, string> = {
  buyer: "the buyer",
  seller: "you (the seller)",
  platform: "the marketplace",
};
