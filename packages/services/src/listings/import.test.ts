import { ChannelError, type ChannelProduct } from "@syncstore/channels";
import { describe, expect, it } from "vitest";
import { retryChannelCall } from "../channels/retry-call";
import { importRowsOf } from "./import";

const product = (patch: Partial<ChannelProduct>): ChannelProduct => ({
  productId: "100",
  title: "Tee",
  description: null,
  status: "NORMAL",
  sku: null,
  hasVariants: true,
  updatedAt: null,
  variants: [],
  ...patch,
});

describe("importRowsOf", () => {
  it("makes one row per channel variant with prices in minor units and options", () => {
    const rows = importRowsOf([
      product({
        variants: [
          {
            variantId: "7",
            sku: " TEE-S ",
            price: { amount: "21.50", currency: "SGD" },
            stock: 3,
            locations: [],
            options: { Size: "S" },
          },
          { variantId: "8", sku: null, price: null, stock: 0, locations: [], options: { Size: "M" } },
        ],
      }),
    ]);
    expect(rows).toEqual([
      {
        external_product_id: "100",
        external_variant_id: "7",
        external_sku: "TEE-S",
        external_title: "Tee",
        channel_status: "NORMAL",
        channel_state: { title: "Tee", price: 2150, stock: 3, status: "NORMAL", options: { Size: "S" } },
      },
      expect.objectContaining({ external_variant_id: "8", external_sku: null }),
    ]);
  });

  it("uses the item SKU of a Shopee item without models", () => {
    const [row] = importRowsOf([
      product({
        sku: "MUG-1",
        hasVariants: false,
        variants: [
          { variantId: "0", sku: null, price: { amount: "12", currency: "VND" }, stock: 1, locations: [], options: {} },
        ],
      }),
    ]);
    expect(row).toMatchObject({ external_variant_id: "0", external_sku: "MUG-1", channel_state: { price: 12 } });
  });
});

describe("retryChannelCall", () => {
  it("retries rate limits and transient errors, then returns", async () => {
    const errors = [
      new ChannelError("RATE_LIMITED", "slow down", { retryAfterMs: 10 }),
      new ChannelError("TRANSIENT", "busy"),
    ];
    let calls = 0;
    await expect(
      retryChannelCall(async () => {
        calls++;
        const error = errors.shift();
        if (error) throw error;
        return "ok";
      }),
    ).resolves.toBe("ok");
    expect(calls).toBe(3);
  });

  it("does not retry a validation error", async () => {
    let calls = 0;
    await expect(
      retryChannelCall(async () => {
        calls++;
        throw new ChannelError("VALIDATION", "bad");
      }),
    ).rejects.toMatchObject({ code: "VALIDATION" });
    expect(calls).toBe(1);
  });
});
