import { describe, expect, it } from "vitest";
import { hasActiveFilters, parseWebhookFilters, toListInput, webhookFiltersToSearch } from "./webhook-filters";

describe("webhook filters in the URL", () => {
  it("keeps valid values and drops invalid ones", () => {
    const filters = parseWebhookFilters(
      new URLSearchParams("platform=shopee&status=bogus&shop=not-a-uuid&q=%20260101ABC%20"),
    );
    expect(filters).toEqual({ platform: "shopee", status: undefined, shop: undefined, q: "260101ABC" });
    expect(toListInput(filters)).toEqual({ platform: "shopee", search: "260101ABC" });
    expect(hasActiveFilters(filters)).toBe(true);
    expect(hasActiveFilters(parseWebhookFilters(new URLSearchParams()))).toBe(false);
  });

  it("round-trips through the search string", () => {
    const filters = { status: "failed" as const, q: "x y" };
    expect(parseWebhookFilters(new URLSearchParams(webhookFiltersToSearch(filters)))).toMatchObject(filters);
    expect(webhookFiltersToSearch({})).toBe("");
  });
});
