/**
 * Alert kinds fall into groups a person chooses by (Settings → Notifications, the Alerts page's
 * filter). A kind is "<group>.<what>"; `channel.*` and `sync.*` are both about a shop connection.
 */
export const alertGroups = ["stock", "channels", "webhooks", "conflicts"] as const;
export type AlertGroup = (typeof alertGroups)[number];

export const alertGroupLabels: Record<AlertGroup, string> = {
  stock: "Stock (low, out of stock, oversold)",
  channels: "Shop connections (access revoked, sync failures)",
  webhooks: "Webhooks (failed events, signature failures, missed events)",
  conflicts: "Conflicts between SyncStore and a shop",
};

export const alertKindLabels: Record<string, string> = {
  "stock.low": "Low stock",
  "stock.out": "Out of stock",
  "stock.oversold": "Oversold",
  "channel.reauth": "Shop access revoked",
  "sync.failed": "Sync failed",
  "webhook.signature_failures": "Signature failures",
  "webhook.event_failed": "Failed events",
  "webhook.missed": "Missed webhooks",
  "webhook.event_id_reused": "Event id reused",
  "conflict.opened": "Conflicts",
};

/** The group of a kind; a kind no group claims is null (always listed, emailed with critical). */
export function alertGroupOf(kind: string): AlertGroup | null {
  const prefix = kind.split(".")[0] ?? "";
  switch (prefix) {
    case "stock":
      return "stock";
    case "channel":
    case "sync":
      return "channels";
    case "webhook":
      return "webhooks";
    case "conflict":
      return "conflicts";
    default:
      return null;
  }
}

/** The kinds of a group, as SQL `like` patterns (`stock.%`). */
export function alertGroupPatterns(group: AlertGroup): string[] {
  switch (group) {
    case "stock":
      return ["stock.%"];
    case "channels":
      return ["channel.%", "sync.%"];
    case "webhooks":
      return ["webhook.%"];
    case "conflicts":
      return ["conflict.%"];
  }
}

export function alertKindLabel(kind: string): string {
  return alertKindLabels[kind] ?? kind;
}
