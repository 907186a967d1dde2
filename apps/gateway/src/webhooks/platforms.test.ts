import { describe, expect, it } from "vitest";
import { isTimestampAcceptable, peekEnvelope } from "./platforms";

describe("peekEnvelope", () => {
  it("reads the timestamp and the claimed shop, from data for partner-level pushes", () => {
    expect(peekEnvelope(Buffer.from('{"shop_id": 12, "timestamp": 1700000000}'))).toEqual({
      timestamp: 1700000000,
      shopId: "12",
    });
    expect(peekEnvelope(Buffer.from('{"timestamp": "1700000000", "data": {"shop_id": "7495"}}'))).toEqual({
      timestamp: 1700000000,
      shopId: "7495",
    });
  });

  it("never throws and ignores shop ids that are not plain identifiers", () => {
    expect(peekEnvelope(Buffer.from("{not json"))).toEqual({ timestamp: null, shopId: null });
    expect(peekEnvelope(Buffer.from("[1]"))).toEqual({ timestamp: null, shopId: null });
    expect(peekEnvelope(Buffer.from('{"shop_id": "1; drop table"}')).shopId).toBeNull();
  });
});

describe("isTimestampAcceptable", () => {
  const window = { maxAgeSeconds: 600, maxSkewSeconds: 300 };
  it("accepts timestamps inside the window and messages without one", () => {
    expect(isTimestampAcceptable(1_000_000, window, 1_000_000)).toBe(true);
    expect(isTimestampAcceptable(1_000_000 - 600, window, 1_000_000)).toBe(true);
    expect(isTimestampAcceptable(1_000_000 + 300, window, 1_000_000)).toBe(true);
    expect(isTimestampAcceptable(null, window, 1_000_000)).toBe(true);
  });

  it("refuses replays older than the window and clocks too far ahead", () => {
    expect(isTimestampAcceptable(1_000_000 - 601, window, 1_000_000)).toBe(false);
    expect(isTimestampAcceptable(1_000_000 + 301, window, 1_000_000)).toBe(false);
  });
});
