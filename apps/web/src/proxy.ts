import { getSessionCookie } from "better-auth/cookies";
import { NextResponse, type NextRequest } from "next/server";

/** Pages an anonymous visitor may open. Everything else sends them to sign in first. */
const publicPaths = [/^\/sign-in$/, /^\/sign-up$/, /^\/invitations\/[^/]+$/];

/**
 * A cheap first gate: no session cookie, no dashboard. It does not validate the session (the
 * dashboard layout and every tRPC procedure do), it only spares anonymous visitors a flash of
 * the shell.
 */
export function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  if (publicPaths.some((pattern) => pattern.test(pathname))) return NextResponse.next();
  if (getSessionCookie(request)) return NextResponse.next();
  const url = request.nextUrl.clone();
  url.pathname = "/sign-in";
  url.search = pathname === "/" ? "" : `?next=${encodeURIComponent(`${pathname}${search}`)}`;
  return NextResponse.redirect(url);
}

export const config = {
  // Not for API routes (they answer 401 themselves), Next internals or static files.
  matcher: ["/((?!api/|_next/static|_next/image|favicon.ico|.*\\.[a-z0-9]+$).*)"],
};
