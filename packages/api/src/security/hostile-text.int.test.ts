import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiHarness, type ApiHarness } from "../testing/harness";

/**
 * The eight places where a NUL byte or an unpaired surrogate reached PostgreSQL and came back as a
 * 500. Each must be a field error now; searches run and find nothing.
 */
let h: ApiHarness;
let owner: Awaited<ReturnType<ApiHarness["signUp"]>>;

beforeAll(async () => {
  h = await createApiHarness();
  owner = await h.signUp("Hostile text");
}, 60_000);

afterAll(() => h?.close());

const poisons = ["bad\u0000value", "bad\uD800value"];

async function refusal(call: () => Promise<unknown>): Promise<TRPCError> {
  try {
    await call();
  } catch (error) {
    if (error instanceof TRPCError) return error;
    throw error;
  }
  throw new Error("the call succeeded");
}

function product(title: string, optionKey = "size") {
  return {
    title,
    description: null,
    brand: null,
    categoryId: null,
    status: "draft" as const,
    tags: [],
    images: [],
    attributes: [],
    variants: [
      {
        sku: `SKU-${Math.random().toString(36).slice(2, 8)}`,
        options: { [optionKey]: "M" },
        price: 100,
        compareAtPrice: null,
        cost: null,
        barcode: null,
        weightGrams: null,
        stockOnHand: 1,
      },
    ],
  };
}

describe("NUL bytes and lone surrogates", () => {
  it.each(poisons)("are field errors in product titles, option keys, view names and filters (%j)", async (poison) => {
    const c = owner.caller;
    const calls: [string, () => Promise<unknown>][] = [
      ["product title", () => c.catalog.product.create(product(poison))],
      ["option key", () => c.catalog.product.create(product("Fine", poison))],
      ["view name", () => c.catalog.views.save({ name: poison, state: { columns: [], sort: [], filter: {} } })],
      ["brand filter", () => c.catalog.listVariants({ startRow: 0, endRow: 10, filter: { brands: [poison] } })],
      ["webhook filter", () => c.webhooks.list({ eventType: poison })],
      ["audit filter", () => c.audit.list({ action: poison })],
    ];
    for (const [label, call] of calls) {
      const error = await refusal(call);
      expect(error.code, label).toBe("BAD_REQUEST");
    }
    const rows = await h.query<{ n: string }>(`select count(*) as n from product`);
    expect(Number(rows[0]?.n)).toBe(0);
  });

  it.each(poisons)("are searched for as text (%j)", async (poison) => {
    const c = owner.caller;
    await c.catalog.product.create(product("Hoodie"));
    const quick = await c.catalog.listVariants({ startRow: 0, endRow: 10, search: poison });
    expect(quick.rows).toEqual([]);
    const events = await c.webhooks.list({ search: poison });
    expect(events.items).toEqual([]);
  });
});
