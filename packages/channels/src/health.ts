import { type ApiQuota } from "./types";

/**
 * Neither platform documents quota headers; when a gateway in front of them (or the simulator)
 * sends the common `X-RateLimit-*` trio we surface it, otherwise quota stays unknown (null).
 */
export function readQuota(headers: Headers): ApiQuota | null {
  const number = (name: string) => {
    const value = headers.get(name);
    return value !== null && /^\d+$/.test(value.trim()) ? Number(value) : null;
  };
  const limit = number("x-ratelimit-limit");
  const remaining = number("x-ratelimit-remaining");
  const reset = number("x-ratelimit-reset");
  if (limit === null && remaining === null) return null;
  // Reset is either seconds from now or a Unix time; values below 10^9 are relative.
  const resetAt = reset === null ? null : new Date(reset < 1e9 ? Date.now() + reset * 1000 : reset * 1000);
  return { limit, remaining, resetAt };
}
