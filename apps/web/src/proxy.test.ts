import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import nextConfig from "../next.config";
import { proxy } from "./proxy";

// The proxy reads the gateway URL from the validated configuration.
process.env.BETTER_AUTH_SECRET ??= "test-secret-test-secret-test-secret-0123";
process.env.DATABASE_URL ??= "postgres://postgres@127.0.0.1:5432/unused";
process.env.TOKEN_ENCRYPTION_KEY ??= Buffer.alloc(32, 7).toString("base64");

function page(path: string, cookie = "better-auth.session_token=abc") {
  return new NextRequest(new URL(path, "http://localhost:3000"), { headers: { cookie } });
}

describe("security headers (finding 5)", () => {
  it("gives every page a CSP with a fresh nonce that Next.js also sees, and forbids framing", () => {
    const first = proxy(page("/products"));
    const second = proxy(page("/sign-in", ""));
    const policy = first.headers.get("content-security-policy") ?? "";
    expect(policy).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
    expect(policy).toContain("frame-ancestors 'none'");
    expect(policy).toContain("object-src 'none'");
    expect(policy).toContain("base-uri 'self'");
    const nonce = /'nonce-([^']+)'/.exec(policy)?.[1];
    // Passed on to the page render, where Next.js puts it on its inline scripts.
    expect(first.headers.get("x-middleware-request-x-nonce")).toBe(nonce);
    expect(first.headers.get("x-middleware-request-content-security-policy")).toBe(policy);
    expect(second.headers.get("content-security-policy")).not.toBe(policy);
  });

  it("sends the static headers on every route, HSTS only in production", async () => {
    const rules = (await nextConfig.headers?.()) ?? [];
    const all = rules.find((rule) => rule.source === "/:path*");
    const names = Object.fromEntries((all?.headers ?? []).map((header) => [header.key, header.value]));
    expect(names).toMatchObject({
      "X-Content-Type-Options": "nosniff",
      "X-Frame-Options": "DENY",
      "Referrer-Policy": "strict-origin-when-cross-origin",
    });
    expect(names["Permissions-Policy"]).toContain("camera=()");
    const { staticSecurityHeaders } = await import("./lib/security-headers");
    expect(staticSecurityHeaders(true).map((header) => header.key)).toContain("Strict-Transport-Security");
    expect(staticSecurityHeaders(false).map((header) => header.key)).not.toContain("Strict-Transport-Security");
  });
});
