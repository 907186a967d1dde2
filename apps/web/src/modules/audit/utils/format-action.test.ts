import { describe, expect, it } from "vitest";
import { formatAction } from "./format-action";

describe("formatAction", () => {
  it("reads dotted action names as words", () => {
    expect(formatAction("member.role_changed")).toBe("Member role changed");
    expect(formatAction("invitation.create")).toBe("Invitation create");
    expect(formatAction("")).toBe("");
  });
});
