import { describe, expect, it } from "vitest";
import { clientIpFromHeaders } from "./client-ip";

describe("clientIpFromHeaders", () => {
  it("reads the one address the web server pinned, as plain IPv4", () => {
    expect(clientIpFromHeaders(new Headers({ "x-forwarded-for": "::ffff:10.0.0.7" }))).toBe("10.0.0.7");
    expect(clientIpFromHeaders(new Headers({ "x-forwarded-for": "2001:db8::1" }))).toBe("2001:db8::1");
  });

  it("returns null when nothing says where the request came from", () => {
    expect(clientIpFromHeaders(new Headers())).toBeNull();
  });
});
