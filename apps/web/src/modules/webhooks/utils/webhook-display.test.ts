import { describe, expect, it } from "vitest";
import { eventTypeLabel, formatLatency } from "./webhook-display";

describe("webhook display helpers", () => {
  it("formats processing latency for people", () => {
    expect(formatLatency(null)).toBe("—");
    expect(formatLatency(840)).toBe("840 ms");
    expect(formatLatency(1_234)).toBe("1.23 s");
    expect(formatLatency(12_300)).toBe("12.3 s");
    expect(formatLatency(200_000)).toBe("3 min 20 s");
    expect(formatLatency(120_000)).toBe("2 min");
    expect(formatLatency(3 * 3_600_000 + 5 * 60_000)).toBe("3 h 5 min");
  });

  it("names event kinds, keeping unknown ones", () => {
    expect(eventTypeLabel("order.paid")).toBe("Order paid");
    expect(eventTypeLabel("shopee.99")).toBe("shopee.99");
  });
});
