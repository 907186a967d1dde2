import { describe, expect, it } from "vitest";
import { alertFiltersToSearch, hasActiveAlertFilters, parseAlertFilters, toAlertListInput } from "./alert-filters";

describe("alert filters in the URL", () => {
  it("parses known values and drops junk", () => {
    const filters = parseAlertFilters(
      new URLSearchParams("state=resolved&severity=critical&group=stock&shop=nope&from=2026-12-01&to=yesterday"),
    );
    expect(filters).toEqual({ state: "resolved", severity: "critical", group: "stock", from: "2026-12-01" });
    expect(parseAlertFilters(new URLSearchParams("state=bogus")).state).toBe("active");
  });

  it("writes back only what differs from the defaults", () => {
    expect(alertFiltersToSearch({ state: "active" })).toBe("");
    expect(alertFiltersToSearch({ state: "all", group: "webhooks" })).toBe("?state=all&group=webhooks");
    expect(hasActiveAlertFilters({ state: "active" })).toBe(false);
    expect(hasActiveAlertFilters({ state: "active", severity: "warning" })).toBe(true);
  });

  it("makes the end day inclusive", () => {
    const input = toAlertListInput({ state: "all", from: "2026-12-01", to: "2026-12-01" });
    expect(input.to!.getTime() - input.from!.getTime()).toBe(24 * 60 * 60 * 1000);
  });
});

describe("a link to one alert", () => {
  it("keeps a valid alert id from the URL, drops junk, and never filters the list by it", () => {
    const id = "0b6a3a0e-3c1e-4f57-9d7e-2f1c9a6b7d10";
    const filters = parseAlertFilters(new URLSearchParams(`alert=${id}&severity=warning`));
    expect(filters).toEqual({ state: "active", severity: "warning", alert: id });
    expect(alertFiltersToSearch(filters)).toBe(`?severity=warning&alert=${id}`);
    expect(parseAlertFilters(new URLSearchParams("alert=not-an-id")).alert).toBeUndefined();
    expect(hasActiveAlertFilters({ state: "active", alert: id })).toBe(false);
    expect(toAlertListInput({ state: "active", alert: id })).toEqual({ state: "active" });
  });
});
