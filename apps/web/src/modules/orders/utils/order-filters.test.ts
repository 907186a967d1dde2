import { describe, expect, it } from "vitest";
import { exportHref, hasActiveFilters, orderFiltersToSearch, parseOrderFilters, toListInput } from "./order-filters";

describe("order filters in the URL", () => {
  it("keeps what is valid and drops what is not", () => {
    const filters = parseOrderFilters(
      new URLSearchParams(
        "status=cancelled&shop=nope&from=2026-12-01&to=2026-13-45&oversold=1&unmatched=yes&sku=%20TEE%20",
      ),
    );
    expect(filters).toEqual({ status: "cancelled", from: "2026-12-01", oversold: "1", sku: "TEE" });
    expect(hasActiveFilters(filters)).toBe(true);
    expect(hasActiveFilters(parseOrderFilters(new URLSearchParams("")))).toBe(false);
  });

  it("round-trips through the search string", () => {
    const filters = { status: "open" as const, q: "2612030002AZCU", unmatched: "1" as const };
    expect(parseOrderFilters(new URLSearchParams(orderFiltersToSearch(filters)))).toEqual(filters);
    expect(orderFiltersToSearch({})).toBe("");
  });

  it("turns days into the local day's bounds, the last day included", () => {
    const input = toListInput({ from: "2026-12-01", to: "2026-12-03", oversold: "1", shop: undefined });
    expect(input.from).toEqual(new Date(2026, 11, 1));
    expect(input.to).toEqual(new Date(2026, 11, 4));
    expect(input.oversold).toBe(true);
    expect("connectionId" in input).toBe(false);
    expect(decodeURIComponent(exportHref({ status: "open" }))).toBe('/api/orders/export?filter={"phase":"open"}');
  });
});
