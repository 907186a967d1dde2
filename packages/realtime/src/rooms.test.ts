import { describe, expect, it } from "vitest";
import { organizationRoom } from "./rooms";

describe("organizationRoom", () => {
  it("prefixes the organization id", () => {
    expect(organizationRoom("abc")).toBe("org:abc");
  });
  it("refuses an empty id", () => {
    expect(() => organizationRoom("")).toThrow(/non-empty/);
  });
});
