export type ConnectionStatus = "active" | "expiring" | "needs_reauth" | "error" | "disconnected";
export type Platform = "shopee" | "tiktok";

export const platformLabels: Record<Platform, string> = { shopee: "Shopee", tiktok: "TikTok Shop" };

type BadgeVariant = "default" | "secondary" | "destructive" | "outline";

export const statusDisplay: Record<ConnectionStatus, { label: string; variant: BadgeVariant; hint: string }> = {
  active: { label: "Active", variant: "default", hint: "Connected and healthy" },
  expiring: { label: "Token expiring", variant: "secondary", hint: "Authorization ends soon; reconnect to renew it" },
  needs_reauth: { label: "Needs re-authorization", variant: "destructive", hint: "The shop must be connected again" },
  error: { label: "Error", variant: "destructive", hint: "The last health check failed" },
  disconnected: { label: "Disconnected", variant: "outline", hint: "Tokens deleted; connect again to use it" },
};

export interface QuotaView {
  limit: number | null;
  remaining: number | null;
  resetAt: string | null;
}

/** "42 / 50 left" when known, "Not reported" when the platform sends no quota. */
export function formatQuota(quota: QuotaView | null): string {
  if (!quota || (quota.limit === null && quota.remaining === null)) return "Not reported";
  if (quota.limit !== null && quota.remaining !== null) return `${quota.remaining} / ${quota.limit} left`;
  if (quota.remaining !== null) return `${quota.remaining} left`;
  return `limit ${quota.limit ?? "?"}`;
}

/** The outcome of an OAuth round-trip as the callback reported it in the query string. */
export function callbackOutcome(
  params: URLSearchParams,
): { kind: "connected"; platform: Platform } | { kind: "error"; message: string } | null {
  const connected = params.get("connected");
  if (connected === "shopee" || connected === "tiktok") return { kind: "connected", platform: connected };
  const error = params.get("error");
  if (error) return { kind: "error", message: error.slice(0, 300) };
  return null;
}
