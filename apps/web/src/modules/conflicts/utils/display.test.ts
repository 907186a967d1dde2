import { describe, expect, it } from "vitest";
import type { ConflictFieldGroup } from "@syncstore/domain";
import { ageOf, conflictSummary, type Values } from "./display";

describe("ageOf", () => {
  const now = Date.parse("2026-12-06T12:00:00Z");
  it.each([
    ["seconds", 10_000, "less than a minute ago"],
    ["minutes", 5 * 60_000, "5 minutes ago"],
    ["hours", 3 * 3_600_000, "about 3 hours ago"],
    ["days", 3 * 86_400_000, "3 days ago"],
    // A detection stamped by a server clock slightly ahead of the browser's is not "in" the future.
    ["the future", -30_000, "less than a minute ago"],
  ])("words an age of %s as every other page does", (_, ago, expected) => {
    expect(ageOf(new Date(now - ago), now)).toBe(expected);
  });
});

describe("conflictSummary", () => {
  const cases: [ConflictFieldGroup, Values, Values, string][] = [
    ["price", { price: 1990 }, { price: 2490 }, "SGD 19.90 in master, SGD 24.90 on the shop"],
    ["content", { title: "Mug" }, { title: "Mug, now blue" }, "“Mug, now blue” on the shop"],
    ["status", { status: "active" }, { status: "SELLER_DEACTIVATED" }, "Active in master, Inactive on the shop"],
    ["status", { status: "draft" }, { status: "NORMAL" }, "Inactive in master, Active on the shop"],
    ["status", { status: null }, { status: "UNLIST" }, "Unknown in master, Inactive on the shop"],
    ["images", { images: ["a"] }, { images: ["a", "b"] }, "1 image in master, 2 on the shop"],
    [
      "options",
      { options: { Size: "S" } },
      { options: { Size: "XS", Colour: "Red" } },
      "Size XS, Colour Red on the shop",
    ],
    ["options", { options: { Size: "S" } }, { options: null }, "Options and variants"],
  ];
  it.each(cases)("sums up a %s conflict in one line", (group, master, channel, expected) => {
    expect(conflictSummary(group, master, channel, "SGD")).toBe(expected);
  });
});
