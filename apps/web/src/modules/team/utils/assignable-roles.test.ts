import { describe, expect, it } from "vitest";
import { assignableRoles } from "./assignable-roles";

describe("assignableRoles", () => {
  it("lets owners grant every role and admins all but owner", () => {
    expect(assignableRoles("owner")).toEqual(["owner", "admin", "editor", "viewer"]);
    expect(assignableRoles("admin")).toEqual(["admin", "editor", "viewer"]);
  });

  it("gives editors, viewers and strangers nothing to grant", () => {
    expect(assignableRoles("editor")).toEqual([]);
    expect(assignableRoles(null)).toEqual([]);
  });
});
