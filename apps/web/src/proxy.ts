import { getConfig } from "@syncstore/config";
import { getSessionCookie } from "better-auth/cookies";
import { NextResponse, type NextRequest } from "next/server";
import { contentSecurityPolicy } from "@/lib/security-headers";

/** Pages an anonymous visitor may open. Everything else sends them to sign in first. */
const publicPaths = [/^\/sign-in$/, /^\/sign-up$/, /^\/invitations\/[^/]+$/];

/**
 * A cheap first gate: no session cookie, no dashboard. It does not validate the session (the
 * dashboard layout and every tRPC procedure do), it only spares anonymous visitors a flash of
 * the shell.
 */
export function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  if (!publicPaths.some((pattern) => pattern.test(pathname)) && !getSessionCookie(request)) {
    const url = request.nextUrl.clone();
    url.pathname = "/sign-in";
    url.search = pathname === "/" ? "" : `?next=${encodeURIComponent(`${pathname}${search}`)}`;
    return NextResponse.redirect(url);
  }
  // A fresh nonce per page: Next.js reads it from the request's CSP header and puts it on its
  // inline scripts; the browser gets the same policy on the response.
  const nonce = Buffer.from(crypto.randomUUID()).toString("base64");
  const policy = contentSecurityPolicy({
    nonce,
    gatewayUrl: getConfig().GATEWAY_URL,
    production: process.env.NODE_ENV === "production",
    httpsOnly: getConfig().WEB_URL.startsWith("https://"),
  });
  const headers = new Headers(request.headers);
  headers.set("x-nonce", nonce);
  headers.set("content-security-policy", policy);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("content-security-policy", policy);
  return response;
}

export const config = {
  // Not for API routes (they answer 401 themselves), Next internals or static files.
  matcher: ["/((?!api/|_next/static|_next/image|favicon.ico|.*\\.[a-z0-9]+$).*)"],
};
