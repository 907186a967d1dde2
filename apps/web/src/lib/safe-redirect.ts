/**
 * A `next` parameter is only followed when it stays on this site: a path starting with one
 * slash, not `//host` or `/\host` (which browsers treat as another origin), and not back into
 * the sign-in pages.
 */
export function safeRedirectPath(next: string | null | undefined, fallback = "/"): string {
  if (!next || !next.startsWith("/") || next.startsWith("//") || next.startsWith("/\\")) return fallback;
  if ([...next].some((char) => char.charCodeAt(0) < 0x20)) return fallback;
  const path = next.split(/[?#]/)[0] ?? "";
  if (path === "/sign-in" || path === "/sign-up") return fallback;
  return next;
}
