import { describe, expect, it } from "vitest";
import { auditFiltersToSearch, hasActiveFilters, parseAuditFilters, toAuditListInput } from "./audit-filters";

describe("parseAuditFilters", () => {
  it("keeps valid values", () => {
    const filters = parseAuditFilters(
      new URLSearchParams("actor=u_1&action=member.invite&entity=invitation&from=2026-03-01&to=2026-03-07"),
    );
    expect(filters).toEqual({
      actor: "u_1",
      action: "member.invite",
      entity: "invitation",
      from: "2026-03-01",
      to: "2026-03-07",
    });
  });

  it("drops only the values that are malformed", () => {
    const filters = parseAuditFilters(
      new URLSearchParams("action=<script>&from=yesterday&to=2026-02-30&entity=member"),
    );
    expect(filters).toEqual({ actor: undefined, action: undefined, entity: "member", from: undefined, to: undefined });
  });

  it("swaps a reversed date range", () => {
    const filters = parseAuditFilters(new URLSearchParams("from=2026-03-07&to=2026-03-01"));
    expect([filters.from, filters.to]).toEqual(["2026-03-01", "2026-03-07"]);
  });

  it("round-trips through the URL", () => {
    const filters = { action: "member.invite", from: "2026-03-01" };
    expect(auditFiltersToSearch(filters)).toBe("?action=member.invite&from=2026-03-01");
    expect(parseAuditFilters(new URLSearchParams(auditFiltersToSearch(filters)))).toMatchObject(filters);
    expect(auditFiltersToSearch({})).toBe("");
    expect(hasActiveFilters({})).toBe(false);
    expect(hasActiveFilters({ entity: "member" })).toBe(true);
  });
});

describe("toAuditListInput", () => {
  it("covers whole local days at both ends", () => {
    const input = toAuditListInput({ from: "2026-03-01", to: "2026-03-02", actor: "u_1" });
    expect(input.actorId).toBe("u_1");
    expect([input.from?.getDate(), input.from?.getHours()]).toEqual([1, 0]);
    expect([input.to?.getDate(), input.to?.getHours(), input.to?.getMinutes()]).toEqual([2, 23, 59]);
  });
});
