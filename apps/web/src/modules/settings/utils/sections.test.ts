import { describe, expect, it } from "vitest";
import { findSettingsSection, settingsSections, visibleSettingsSections } from "./sections";

describe("visibleSettingsSections", () => {
  it("always lists the member's own profile", () => {
    expect(visibleSettingsSections([]).map((section) => section.slug)).toEqual(["profile"]);
  });
});

describe("organization sections", () => {
  it("lists them only to roles that may read them", () => {
    expect(visibleSettingsSections(["settings:read"]).map((section) => section.slug)).toEqual([
      "organization",
      "inventory",
      "profile",
    ]);
    expect(visibleSettingsSections(["settings:read", "channel:read"]).map((section) => section.slug)).toContain(
      "channels",
    );
  });
});

describe("account sections", () => {
  it("lists Notifications to every role that reads alerts", () => {
    expect(visibleSettingsSections(["alert:read"]).map((section) => section.slug)).toEqual([
      "profile",
      "notifications",
    ]);
  });
});

describe("settingsSections", () => {
  it("has one entry per slug", () => {
    const slugs = settingsSections.map((section) => section.slug);
    expect(new Set(slugs).size).toBe(slugs.length);
    expect(findSettingsSection("profile")?.label).toBe("Profile");
  });
});
