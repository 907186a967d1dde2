import { type IncomingHttpHeaders } from "node:http";

/**
 * The client's address: the socket's peer, or behind `trustedHops` reverse proxies the entry that
 * many hops from the right of `X-Forwarded-For` (each proxy appends the address it saw, so entries
 * further left were written by whoever sent the request and prove nothing).
 */
export function forwardedClientAddress(
  socketAddress: string | undefined,
  forwardedFor: string | string[] | undefined,
  trustedHops: number,
): string | null {
  const peer = socketAddress ?? null;
  if (trustedHops <= 0) return peer;
  const header = Array.isArray(forwardedFor) ? forwardedFor.join(",") : (forwardedFor ?? "");
  const chain = [
    ...header
      .split(",")
      .map((part) => part.trim())
      .filter(Boolean),
    ...(peer ? [peer] : []),
  ];
  return chain[Math.max(0, chain.length - 1 - trustedHops)] ?? peer;
}

/**
 * Rewrites the request's forwarding headers to the one address established here, before Next.js,
 * better-auth (its rate limits read `x-forwarded-for`) or our handlers see them.
 */
export function pinClientAddress(
  headers: IncomingHttpHeaders,
  socketAddress: string | undefined,
  trustedHops: number,
): void {
  const client = forwardedClientAddress(socketAddress, headers["x-forwarded-for"], trustedHops);
  delete headers["x-real-ip"];
  delete headers["forwarded"];
  if (client) headers["x-forwarded-for"] = client;
  else delete headers["x-forwarded-for"];
}
