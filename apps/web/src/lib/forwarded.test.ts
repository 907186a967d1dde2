import { describe, expect, it } from "vitest";
import { forwardedClientAddress, pinClientAddress } from "./forwarded";

describe("the client address (finding 1)", () => {
  it("is the socket's peer when no proxy is trusted, whatever X-Forwarded-For says", () => {
    expect(forwardedClientAddress("10.0.0.7", "6.6.6.6", 0)).toBe("10.0.0.7");
    expect(forwardedClientAddress("10.0.0.7", ["6.6.6.6", "7.7.7.7"], 0)).toBe("10.0.0.7");
  });

  it("is the entry the trusted proxy appended, never one the client wrote before it", () => {
    // The client sent "6.6.6.6"; the proxy (socket 10.0.0.1) appended the address it saw.
    expect(forwardedClientAddress("10.0.0.1", "6.6.6.6, 203.0.113.9", 1)).toBe("203.0.113.9");
    // Two proxies: a CDN appended the client, the load balancer appended the CDN.
    expect(forwardedClientAddress("10.0.0.1", "6.6.6.6, 203.0.113.9, 198.51.100.4", 2)).toBe("203.0.113.9");
    // A proxy that forwards without the header: the socket is all we know.
    expect(forwardedClientAddress("10.0.0.1", undefined, 1)).toBe("10.0.0.1");
  });

  it("replaces the forwarding headers Next.js and better-auth read with that address", () => {
    const rotated = Array.from({ length: 50 }, (_, i) => {
      const headers: Record<string, string | string[] | undefined> = {
        "x-forwarded-for": `198.18.0.${i}`,
        "x-real-ip": `198.18.1.${i}`,
        forwarded: `for=198.18.2.${i}`,
      };
      pinClientAddress(headers, "192.0.2.10", 0);
      return headers;
    });
    expect(new Set(rotated.map((headers) => headers["x-forwarded-for"]))).toEqual(new Set(["192.0.2.10"]));
    expect(rotated.every((headers) => !headers["x-real-ip"] && !headers.forwarded)).toBe(true);
  });
});
