import { variantSyncStatusLabels, type VariantSyncStatus } from "@syncstore/domain";

export type BadgeTone = "success" | "warning" | "danger" | "info" | "muted";

/** Colour of a listing/variant sync state or an attempt outcome. */
export const toneOf: Record<string, BadgeTone> = {
  in_sync: "success",
  succeeded: "success",
  pending: "info",
  syncing: "info",
  retrying: "warning",
  conflict: "warning",
  failed: "danger",
  skipped: "muted",
  not_listed: "muted",
  unlinked: "muted",
  disabled: "muted",
};

export const toneClasses: Record<BadgeTone, string> = {
  success: "border-success/30 bg-success/10 text-success",
  warning: "border-warning/40 bg-warning/10 text-foreground",
  danger: "border-destructive/30 bg-destructive/10 text-destructive",
  info: "border-chart-2/30 bg-chart-2/10 text-foreground",
  muted: "border-border bg-muted text-muted-foreground",
};

const extraLabels: Record<string, string> = {
  succeeded: "Succeeded",
  retrying: "Retrying",
  skipped: "Skipped",
  unlinked: "Unlinked",
  disabled: "Disabled",
};

export function syncLabel(state: string): string {
  return variantSyncStatusLabels[state as VariantSyncStatus] ?? extraLabels[state] ?? state;
}

export const platformNames = { shopee: "Shopee", tiktok: "TikTok Shop" } as const;

/** "Sync all" / run kinds as people say them. */
export function runLabel(run: { kind: string; scope: Record<string, unknown> }, channelName?: string): string {
  if (run.kind === "all") return "Sync all";
  if (run.kind === "channel") return channelName ? `Sync ${channelName}` : "Sync channel";
  if (run.kind === "products") {
    const count = Array.isArray(run.scope.productIds) ? run.scope.productIds.length : 0;
    return `Sync ${count} product${count === 1 ? "" : "s"}`;
  }
  return "Bulk sync";
}
