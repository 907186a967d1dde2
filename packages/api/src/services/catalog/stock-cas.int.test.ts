import { applyStockMovements, generateDemoCatalog, insertCatalog } from "@syncstore/db";
import { writeCatalogChanges } from "@syncstore/services";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiHarness, type ApiHarness } from "../../testing/harness";
import { storeUpload } from "./csv-import";

/**
 * Compare-and-set for stock from every catalog save (docs/inventory.md): an order-driven change
 * made after the grid, the editor or the import file was loaded is never silently overwritten.
 */

type Owner = Awaited<ReturnType<ApiHarness["signUp"]>>;
type Row = Awaited<ReturnType<Owner["caller"]["catalog"]["listVariants"]>>["rows"][number];

let h: ApiHarness;
let a: Owner;

beforeAll(async () => {
  h = await createApiHarness();
  a = await h.signUp("Stock keeper");
  await insertCatalog(h.orm.em.fork(), a.organizationId, generateDemoCatalog(10, 3));
}, 60_000);
afterAll(() => h?.close());

const rows = async (): Promise<Row[]> =>
  (await a.caller.catalog.listVariants({ startRow: 0, endRow: 500, sort: [{ field: "sku", direction: "asc" }] })).rows;

const onHand = async (variantId: string) =>
  (await h.query<{ on_hand: number }>(`select on_hand from stock_level where variant_id = $1`, [variantId]))[0]
    ?.on_hand;

/** An order ships `units` through the stock writer itself, committed in its own transaction. */
async function ship(variantId: string, units: number): Promise<void> {
  await h.orm.em.fork().transactional(async (tx) => {
    const applied = await applyStockMovements(tx, {
      organizationId: a.organizationId,
      deltas: [{ variantId, onHand: -units }],
      reason: "order_shipped",
      sourceRef: "test-order",
      actorId: null,
    });
    expect(applied).toHaveLength(1);
  });
}

async function setStock(variantId: string, units: number): Promise<void> {
  await h.query(`update stock_level set on_hand = $2, committed = 0 where variant_id = $1`, [variantId, units]);
}

describe("stock compare-and-set from catalog saves", () => {
  it("grid: a stock cell an order moved since the page was loaded comes back as a conflict for that cell only", async () => {
    const [row, other] = (await rows()).slice(0, 2) as [Row, Row];
    await setStock(row.variantId, 10);
    await setStock(other.variantId, 10);
    const [loaded, loadedOther] = (await rows()).slice(0, 2) as [Row, Row];
    expect(loaded.stockOnHand).toBe(10);

    await ship(row.variantId, 3); // 10 → 7 after the grid was loaded; the row's version is unchanged
    const change = (r: Row, variant: { price?: number; stockOnHand?: number }) => ({
      variantId: r.variantId,
      productVersion: r.productVersion,
      variantVersion: r.variantVersion,
      expectedStockOnHand: r.stockOnHand,
      variant,
    });
    const result = await a.caller.catalog.saveChanges({
      changes: [change(loaded, { price: loaded.price + 1, stockOnHand: 12 }), change(loadedOther, { stockOnHand: 11 })],
    });
    expect(result).toMatchObject({
      saved: 0,
      conflicts: [{ variantId: row.variantId, field: "stockOnHand", yours: 12, theirs: 7 }],
    });
    if (!("conflicts" in result)) throw new Error("expected conflicts");
    expect(result.conflicts).toHaveLength(1);
    expect(result.conflicts[0]!.current.stockOnHand).toBe(7);
    // Like every grid conflict: nothing was written.
    expect(await onHand(row.variantId)).toBe(7);
    expect(await onHand(other.variantId)).toBe(10);

    // "Keep mine": the grid resends with the stock it now knows as expected; the save goes through.
    const saved = await a.caller.catalog.saveChanges({
      changes: [
        { ...change(loaded, { price: loaded.price + 1, stockOnHand: 12 }), expectedStockOnHand: 7 },
        change(loadedOther, { stockOnHand: 11 }),
      ],
    });
    expect(saved.saved).toBe(2);
    expect(await onHand(row.variantId)).toBe(12);
    const [movement] = await h.query<{ before: number; after: number; reason: string }>(
      `select before, after, reason from inventory_movement where variant_id = $1 order by at desc, id limit 1`,
      [row.variantId],
    );
    expect(movement).toEqual({ before: 7, after: 12, reason: "manual" });
  });

  it("editor: a stock an order moved since the product was opened is a CONFLICT and nothing is written", async () => {
    const row = (await rows())[5]!;
    await setStock(row.variantId, 20);
    const product = await a.caller.catalog.product.get({ id: row.productId });
    const body = {
      id: product.id,
      productVersion: product.version,
      title: `${product.title} (edited)`,
      description: product.description,
      brand: product.brand,
      categoryId: product.categoryId,
      status: product.status,
      tags: product.tags,
      images: product.images,
      attributes: product.attributes,
      variants: product.variants.map((v) => ({
        id: v.id,
        version: v.version,
        sku: v.sku,
        options: v.options,
        price: v.price,
        compareAtPrice: v.compareAtPrice,
        cost: v.cost,
        barcode: v.barcode,
        weightGrams: v.weightGrams,
        stockOnHand: v.id === row.variantId ? 25 : v.stockOnHand,
        expectedStockOnHand: v.stockOnHand,
      })),
      removedVariantIds: [],
    };
    await ship(row.variantId, 4);
    await expect(a.caller.catalog.product.update(body)).rejects.toMatchObject({
      code: "CONFLICT",
      message: expect.stringMatching(/changed to 16 since you opened this product/),
    });
    expect(await onHand(row.variantId)).toBe(16);
    expect((await a.caller.catalog.product.get({ id: row.productId })).title).toBe(product.title);
  });

  it("import: a row whose Expected stock no longer matches is refused with its reason; the other rows apply", async () => {
    const [stale, fresh] = (await rows()).slice(10, 12) as [Row, Row];
    await setStock(stale.variantId, 30);
    await setStock(fresh.variantId, 30);
    const file = `SKU,Stock on hand,Expected stock\n${stale.sku},35,30\n${fresh.sku},36,30\n`;
    const importId = await storeUpload(h.orm.em, a.organizationId, a.me.user.id, "count.csv", [
      new TextEncoder().encode(file),
    ]);
    const preview = await a.caller.catalog.import.preview({ importId, mapping: {} });
    expect(preview).toMatchObject({ mapping: ["sku", "stockOnHand", "expectedStockOnHand"], updates: 2, errorRows: 0 });

    await ship(stale.variantId, 2); // after the dry run, before the apply
    const operation = await a.caller.catalog.import.start({ importId, mapping: {} });
    const done = await a.caller.catalog.bulk.get({ id: operation.id });
    expect(done).toMatchObject({ status: "succeeded", failed: 1 });
    expect(await onHand(stale.variantId)).toBe(28);
    expect(await onHand(fresh.variantId)).toBe(36);
    const [item] = await h.query<{ reason: string }>(`select reason from bulk_operation_item where operation_id = $1`, [
      operation.id,
    ]);
    expect(item?.reason).toMatch(/Stock on hand is now 28, not the expected 30/);
  });

  it("bulk: set stock reads the on hand under lock in its own transaction, so an order in flight is waited for and recorded", async () => {
    const row = (await rows())[15]!;
    await setStock(row.variantId, 40);
    // An order ships while its transaction is still open: the bulk batch must wait for it.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let shipped!: () => void;
    const hasShipped = new Promise<void>((resolve) => (shipped = resolve));
    const order = h.orm.em.fork().transactional(async (tx) => {
      await applyStockMovements(tx, {
        organizationId: a.organizationId,
        deltas: [{ variantId: row.variantId, onHand: -5 }],
        reason: "order_shipped",
        sourceRef: "test-order",
        actorId: null,
      });
      shipped();
      await held;
    });
    await hasShipped;
    const bulk = a.caller.catalog.bulk.start({
      selection: { mode: "ids", variantIds: [row.variantId] },
      action: { kind: "set_stock", quantity: 50 },
    });
    // The bulk statement is now waiting on the order's row lock; let the order commit.
    await waitForLockWait();
    release();
    await order;
    const operation = await bulk;
    expect(await a.caller.catalog.bulk.get({ id: operation.id })).toMatchObject({ status: "succeeded", failed: 0 });
    // The bulk's movement starts from the order's result: nothing was overwritten unseen.
    const movements = await h.query<{ reason: string; before: number; after: number }>(
      `select reason, before, after from inventory_movement where variant_id = $1 and bucket = 'on_hand'
        order by at, id`,
      [row.variantId],
    );
    expect(movements.slice(-2)).toEqual([
      { reason: "order_shipped", before: 40, after: 35 },
      { reason: "bulk", before: 35, after: 50 },
    ]);
  });

  it("writer: an expected value that no longer holds refuses that variant's stock and its other fields", async () => {
    const row = (await rows())[20]!;
    await setStock(row.variantId, 9);
    const result = await h.orm.em.fork().transactional((tx) =>
      writeCatalogChanges(tx, {
        organizationId: a.organizationId,
        actorId: a.me.user.id,
        reason: "manual",
        sourceRef: "test",
        variants: [{ id: row.variantId, before: { price: row.price }, after: { price: row.price + 5 } }],
        stock: [{ variantId: row.variantId, onHand: 3, expected: 8 }],
      }),
    );
    expect(result.refused).toEqual([{ variantId: row.variantId, reason: "stale", onHand: 9, held: 0 }]);
    expect(result.variantIds).toEqual([]);
    expect(await onHand(row.variantId)).toBe(9);
    const [variant] = await h.query<{ price: string }>(`select price::text from variant where id = $1`, [
      row.variantId,
    ]);
    expect(Number(variant?.price)).toBe(row.price);
  });
});

/** Resolves once some backend of the test database waits for a row lock (the bulk batch). */
async function waitForLockWait(): Promise<void> {
  for (let attempt = 0; attempt < 500; attempt++) {
    const [row] = await h.query<{ n: number }>(
      `select count(*)::int as n from pg_stat_activity
        where datname = current_database() and wait_event_type = 'Lock'`,
    );
    if ((row?.n ?? 0) > 0) return;
    await new Promise((resolve) => setImmediate(resolve));
  }
  throw new Error("The bulk batch never waited for the order's lock");
}
