import { describe, expect, it } from "vitest";
import { clientIpFromHeaders } from "./client-ip";

describe("clientIpFromHeaders", () => {
  it("uses the peer Next appended when no proxy is trusted, ignoring spoofed entries", () => {
    const headers = new Headers({ "x-forwarded-for": "6.6.6.6, ::ffff:10.0.0.7" });
    expect(clientIpFromHeaders(headers, false)).toBe("10.0.0.7");
  });

  it("uses the first entry behind a trusted proxy", () => {
    const headers = new Headers({ "x-forwarded-for": "203.0.113.9, 10.0.0.1" });
    expect(clientIpFromHeaders(headers, true)).toBe("203.0.113.9");
    expect(clientIpFromHeaders(new Headers({ "x-real-ip": "198.51.100.2" }), true)).toBe("198.51.100.2");
  });

  it("returns null when nothing says where the request came from", () => {
    expect(clientIpFromHeaders(new Headers(), false)).toBeNull();
  });
});
