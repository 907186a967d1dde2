/**
 * The client's IP for audit rows and rate limits. Next's server appends the socket address to
 * `x-forwarded-for`, so the last entry is the peer that reached us; earlier entries are only
 * believed behind a trusted reverse proxy (TRUST_PROXY), where the first one is the client.
 */
export function clientIpFromHeaders(headers: Headers, trustProxy: boolean): string | null {
  const forwarded = (headers.get("x-forwarded-for") ?? "")
    .split(",")
    .map((part) => part.trim())
    .filter(Boolean);
  const candidate = trustProxy ? (forwarded[0] ?? headers.get("x-real-ip")) : forwarded.at(-1);
  return candidate ? normalizeIp(candidate) : null;
}

function normalizeIp(value: string): string {
  // IPv4-mapped IPv6 ("::ffff:127.0.0.1") reads better as plain IPv4 in the audit log.
  return value.startsWith("::ffff:") && value.includes(".") ? value.slice("::ffff:".length) : value;
}
