import { describe, expect, it } from "vitest";
import { isActivePath, visibleNavItems } from "./nav-items";

describe("visibleNavItems", () => {
  it("hides the audit log from roles without audit:read", () => {
    expect(visibleNavItems(["member:read"]).map((item) => item.label)).toEqual(["Home", "Team", "Settings"]);
    expect(visibleNavItems(["member:read", "audit:read"]).map((item) => item.label)).toEqual([
      "Home",
      "Team",
      "Audit log",
      "Settings",
    ]);
  });

  it("lists Products for roles that can read the catalog", () => {
    expect(visibleNavItems(["catalog:read", "member:read"]).map((item) => item.label)).toEqual([
      "Home",
      "Products",
      "Team",
      "Settings",
    ]);
  });
});

describe("Inventory in the navigation", () => {
  it("lists Inventory after Products for roles that can read inventory", () => {
    expect(visibleNavItems(["catalog:read", "inventory:read"]).map((item) => item.label)).toEqual([
      "Home",
      "Products",
      "Inventory",
      "Settings",
    ]);
  });
});

describe("Sync in the navigation", () => {
  it("lists Sync for roles that can read sync status", () => {
    expect(visibleNavItems(["sync:read", "channel:read"]).map((item) => item.label)).toEqual([
      "Home",
      "Channels",
      "Sync",
      "Settings",
    ]);
  });
});

describe("isActivePath", () => {
  it("matches sections but not Home for every page", () => {
    expect(isActivePath("/", "/")).toBe(true);
    expect(isActivePath("/team", "/")).toBe(false);
    expect(isActivePath("/team/invite", "/team")).toBe(true);
    expect(isActivePath("/teams", "/team")).toBe(false);
  });
});

describe("Orders in the navigation", () => {
  it("lists Orders for roles that can read orders", () => {
    expect(visibleNavItems(["catalog:read", "order:read"]).map((item) => item.label)).toEqual([
      "Home",
      "Products",
      "Orders",
      "Settings",
    ]);
  });
});
