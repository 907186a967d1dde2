import { describe, expect, it } from "vitest";
import { safeRedirectPath } from "./safe-redirect";

describe("safeRedirectPath", () => {
  it("keeps paths on this site", () => {
    expect(safeRedirectPath("/team")).toBe("/team");
    expect(safeRedirectPath("/audit?action=member.invite")).toBe("/audit?action=member.invite");
  });

  it("refuses other origins and odd input", () => {
    for (const value of [
      "https://evil.test",
      "//evil.test",
      "/\\evil.test",
      "team",
      "/\tjavascript:x",
      "",
      null,
      undefined,
    ]) {
      expect(safeRedirectPath(value)).toBe("/");
    }
  });

  it("never loops back into the sign-in pages", () => {
    expect(safeRedirectPath("/sign-in?next=/team", "/home")).toBe("/home");
  });
});
