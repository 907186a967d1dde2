import { describe, expect, it } from "vitest";
import { ChannelError } from "./errors";
import { decimalFromNumber, shopeePriceDecimals, toFixedDecimal } from "./money";

describe("prices", () => {
  it("knows Shopee's two-decimal regions", () => {
    expect(shopeePriceDecimals("SG")).toBe(2);
    expect(shopeePriceDecimals("my")).toBe(2);
    expect(shopeePriceDecimals("VN")).toBe(0);
    expect(shopeePriceDecimals("ID")).toBe(0);
    expect(shopeePriceDecimals(undefined)).toBe(2);
  });

  it("pads and trims to the platform's decimals without rounding", () => {
    expect(toFixedDecimal("19.9", 2)).toBe("19.90");
    expect(toFixedDecimal("007.5", 2)).toBe("7.50");
    expect(toFixedDecimal("150000.00", 0)).toBe("150000");
    expect(toFixedDecimal("0", 2)).toBe("0.00");
    expect(() => toFixedDecimal("19.999", 2)).toThrow(ChannelError);
    expect(() => toFixedDecimal("19.5", 0)).toThrow(/more than 0 decimals/);
    expect(() => toFixedDecimal("-1", 2)).toThrow(/negative/);
    expect(() => toFixedDecimal("1e3", 2)).toThrow(/not a decimal/);
  });

  it("reads platform floats exactly at the region's precision", () => {
    expect(decimalFromNumber(19.9, 2)).toBe("19.90");
    expect(decimalFromNumber(0.1 + 0.2, 2)).toBe("0.30");
    expect(decimalFromNumber(150000, 0)).toBe("150000");
  });
});
