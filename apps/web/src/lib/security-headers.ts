/**
 * Response headers every admin response carries (finding 5). The Content-Security-Policy is per
 * request (`contentSecurityPolicy`, set by `proxy.ts`): Next.js's inline bootstrap scripts carry
 * that request's nonce, and `'strict-dynamic'` lets the scripts they load run.
 */
export function staticSecurityHeaders(production: boolean): { key: string; value: string }[] {
  return [
    { key: "X-Content-Type-Options", value: "nosniff" },
    { key: "X-Frame-Options", value: "DENY" },
    { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
    { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
    {
      key: "Permissions-Policy",
      value: "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()",
    },
    ...(production ? [{ key: "Strict-Transport-Security", value: "max-age=63072000; includeSubDomains" }] : []),
  ];
}

export interface CspOptions {
  nonce: string;
  /** The gateway's origin (socket.io over HTTP and WebSocket). */
  gatewayUrl: string;
  production: boolean;
  /** The admin is served over HTTPS (WEB_URL). */
  httpsOnly: boolean;
}

export function contentSecurityPolicy({ nonce, gatewayUrl, production, httpsOnly }: CspOptions): string {
  const gateway = new URL(gatewayUrl);
  const socket = `${gateway.protocol === "https:" ? "wss:" : "ws:"}//${gateway.host}`;
  return [
    "default-src 'self'",
    // React's development build evaluates strings for its stack traces; production never does.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${production ? "" : " 'unsafe-eval'"}`,
    // Style attributes (AG Grid column widths, Radix positioning) cannot carry a nonce.
    "style-src 'self' 'unsafe-inline'",
    // Product images are URLs anywhere on the web.
    "img-src 'self' data: blob: https:",
    "font-src 'self' data:",
    `connect-src 'self' ${gateway.origin} ${socket}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    // Only when the admin itself is served over HTTPS (a local production build on http://localhost is not).
    ...(production && httpsOnly ? ["upgrade-insecure-requests"] : []),
  ].join("; ");
}
