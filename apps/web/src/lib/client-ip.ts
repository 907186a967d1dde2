/**
 * The client's IP for audit rows and rate limits. The web server (`server.ts`) replaces
 * `x-forwarded-for` with the one address it established, from the socket or, behind TRUST_PROXY
 * hops, from the proxies' entries, so whatever a client wrote there never reaches us.
 */
export function clientIpFromHeaders(headers: Headers): string | null {
  const candidate = (headers.get("x-forwarded-for") ?? "").split(",")[0]?.trim();
  return candidate ? normalizeIp(candidate) : null;
}

function normalizeIp(value: string): string {
  // IPv4-mapped IPv6 ("::ffff:127.0.0.1") reads better as plain IPv4 in the audit log.
  return value.startsWith("::ffff:") && value.includes(".") ? value.slice("::ffff:".length) : value;
}
