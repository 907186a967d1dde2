import { describe, expect, it } from "vitest";
import { historyQueryToSearch, parseHistoryQuery, toHistoryInput } from "./history-query";

const id = "3b241101-e2bb-4255-8caf-4136c566a962";

describe("history query in the URL", () => {
  it("round-trips filters and drops bad values one by one", () => {
    const query = parseHistoryQuery(new URLSearchParams(`channel=${id}&outcome=failed&range=7d&product=nope`));
    expect(query).toEqual({ channel: id, product: undefined, outcome: "failed", range: "7d" });
    expect(historyQueryToSearch(query)).toBe(`?channel=${id}&outcome=failed&range=7d`);
    expect(parseHistoryQuery(new URLSearchParams("range=forever&outcome=x"))).toEqual({
      channel: undefined,
      product: undefined,
      outcome: undefined,
      range: "24h",
    });
  });

  it("turns a range into a start time rounded to the minute", () => {
    const now = Date.UTC(2026, 0, 2, 12, 30, 45);
    const input = toHistoryInput({ range: "1h", outcome: "failed" }, now);
    expect(input.from?.toISOString()).toBe("2026-01-02T11:30:00.000Z");
    expect(input.outcomes).toEqual(["failed"]);
    expect(toHistoryInput({ range: "all" }, now).from).toBeUndefined();
  });
});
