import { describe, expect, it } from "vitest";
import {
  computeSalesBuckets,
  convertToOrganizationMinor,
  localDay,
  MissingRateError,
  orderClass,
  shopTimeZone,
  type SalesOrder,
} from "./sales";

const sg = shopTimeZone("SG");
const us = shopTimeZone("US");

function order(partial: Partial<SalesOrder> & Pick<SalesOrder, "status" | "placedAt">): SalesOrder {
  return {
    connectionId: "shop-a",
    currency: "SGD",
    zone: sg,
    lines: [{ lineKey: "v:1", quantity: 2, unitPrice: 1000 }],
    ...partial,
  };
}

describe("sales definitions on hand-built orders", () => {
  it("valid orders are all orders minus cancelled minus refunded; revenue counts valid lines only", () => {
    const at = new Date("2026-03-10T04:00:00Z");
    const { daily, hourly } = computeSalesBuckets([
      order({ status: "paid", placedAt: at }),
      order({ status: "cancelled", placedAt: at }),
      order({ status: "refunded", placedAt: at }),
      order({ status: "completed", placedAt: at, lines: [{ lineKey: "v:1", quantity: 1, unitPrice: 850 }] }),
    ]);
    expect(daily).toEqual([
      expect.objectContaining({
        day: "2026-03-10",
        orders: 4,
        validOrders: 2,
        units: 7,
        validUnits: 3,
        revenue: 2850,
        cancelledUnits: 2,
        refundedUnits: 2,
      }),
    ]);
    expect(hourly).toEqual([
      expect.objectContaining({ orders: 4, validOrders: 2, cancelledOrders: 1, refundedOrders: 1, revenue: 2850 }),
    ]);
  });

  it("revenue is the discounted line price times quantity; shipping is not a line and never counts", () => {
    const { daily } = computeSalesBuckets([
      order({
        status: "shipped",
        placedAt: new Date("2026-03-10T04:00:00Z"),
        lines: [
          { lineKey: "v:1", quantity: 3, unitPrice: 799 },
          { lineKey: "v:2", quantity: 1, unitPrice: null },
        ],
      }),
    ]);
    expect(daily.find((d) => d.lineKey === "v:1")?.revenue).toBe(2397);
    expect(daily.find((d) => d.lineKey === "v:2")?.revenue).toBe(0);
  });

  it("an order counts on its creation date in the shop's time zone, not UTC", () => {
    // 16:30 UTC on the 9th is 00:30 on the 10th in Singapore, and 08:30 on the 9th in Los Angeles.
    const at = new Date("2026-03-09T16:30:00Z");
    const { daily } = computeSalesBuckets([
      order({ status: "paid", placedAt: at }),
      order({ status: "paid", placedAt: at, connectionId: "shop-us", zone: us, currency: "USD" }),
    ]);
    expect(daily.map((d) => `${d.connectionId} ${d.day}`).sort()).toEqual(["shop-a 2026-03-10", "shop-us 2026-03-09"]);
    expect(localDay(new Date("2026-03-09T15:59:59Z"), sg)).toBe("2026-03-09");
    expect(localDay(new Date("2026-03-09T16:00:00Z"), sg)).toBe("2026-03-10");
  });

  it("keeps each shop's currency apart and converts with the organization's rates", () => {
    const at = new Date("2026-03-10T04:00:00Z");
    const { daily } = computeSalesBuckets([
      order({ status: "paid", placedAt: at }),
      order({
        status: "paid",
        placedAt: at,
        currency: "VND",
        lines: [{ lineKey: "v:1", quantity: 1, unitPrice: 250000 }],
      }),
    ]);
    expect(daily.map((d) => [d.currency, d.revenue]).sort()).toEqual([
      ["SGD", 2000],
      ["VND", 250000],
    ]);
    const rates = { base: "SGD", rates: { VND: 0.000053, USD: 1.35 } };
    expect(convertToOrganizationMinor(2000, "SGD", rates)).toBe(2000);
    expect(convertToOrganizationMinor(250000, "VND", rates)).toBe(1325); // 250,000 ₫ × 0.000053 = 13.25 SGD
    expect(convertToOrganizationMinor(1999, "USD", rates)).toBe(2699); // 19.99 × 1.35 = 26.9865
    expect(() => convertToOrganizationMinor(100, "EUR", rates)).toThrow(MissingRateError);
  });

  it("classes statuses: unknown statuses are open (valid)", () => {
    expect(orderClass("CANCELLED")).toBe("cancelled");
    expect(orderClass("returned")).toBe("refunded");
    expect(orderClass("in_cancel")).toBe("valid");
    expect(orderClass("")).toBe("valid");
  });
});
