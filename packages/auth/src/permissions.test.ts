import { describe, expect, it } from "vitest";
import { allPermissions, can, roleNames } from "./permissions";

describe("roles", () => {
  it("owner may do everything", () => {
    expect(allPermissions.filter((p) => !can("owner", p))).toEqual([]);
  });

  it("admin may do everything but delete the organization or transfer ownership", () => {
    expect(allPermissions.filter((p) => !can("admin", p))).toEqual(["organization:delete", "organization:transfer"]);
  });

  it("editor works the catalog, inventory, orders, sync, conflicts, bulk operations and reports, and manages nobody", () => {
    for (const p of [
      "catalog:write",
      "inventory:write",
      "sync:write",
      "conflict:write",
      "order:write",
      "bulk:write",
      "report:read",
    ] as const) {
      expect(can("editor", p), p).toBe(true);
    }
    for (const p of [
      "member:create",
      "member:update",
      "member:delete",
      "settings:write",
      "audit:read",
      "channel:write",
      "organization:update",
    ] as const) {
      expect(can("editor", p), p).toBe(false);
    }
  });

  it("viewer only reads", () => {
    const allowed = allPermissions.filter((p) => can("viewer", p));
    expect(allowed.every((p) => p.endsWith(":read"))).toBe(true);
    expect(allowed).toContain("report:read");
    expect(allowed).not.toContain("audit:read");
  });

  it("unknown or missing roles grant nothing", () => {
    expect(allPermissions.some((p) => can("member", p) || can(null, p))).toBe(false);
    expect(roleNames).toEqual(["owner", "admin", "editor", "viewer"]);
  });
});
