import type { RealtimeEventName, RealtimeEvents } from "@syncstore/realtime";
import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ZodError } from "zod";
import { createApiHarness, type ApiHarness } from "../../testing/harness";
import { copySku } from "./product";

type Owner = Awaited<ReturnType<ApiHarness["signUp"]>>;
type CreateInput = Parameters<Owner["caller"]["catalog"]["product"]["create"]>[0];

let h: ApiHarness;
let a: Owner;
let b: Owner;
const events: { organizationId: string; event: RealtimeEventName; payload: unknown }[] = [];
let skuCounter = 0;

beforeAll(async () => {
  h = await createApiHarness();
  h.deps.realtime = {
    toOrganization: (organizationId) => ({
      emit: async <E extends RealtimeEventName>(event: E, payload: RealtimeEvents[E]) => {
        events.push({ organizationId, event, payload });
      },
    }),
    emitToOrganization: async (organizationId, event, payload) => {
      events.push({ organizationId, event, payload });
    },
  };
  a = await h.signUp("Ann");
  b = await h.signUp("Ben");
}, 60_000);
afterAll(() => h?.close());
beforeEach(() => {
  events.length = 0;
});

function input(overrides: Partial<CreateInput> = {}): CreateInput {
  const n = ++skuCounter;
  return {
    title: `Linen Shirt ${n}`,
    description: "Breathable",
    brand: "Acme",
    categoryId: null,
    status: "active",
    tags: ["summer"],
    images: ["https://img.example.test/1.jpg", "https://img.example.test/2.jpg"],
    attributes: [{ key: "Material", value: "Linen" }],
    variants: [
      {
        sku: `LS-${n}-S`,
        options: { colour: "White", size: "S" },
        price: 4999,
        compareAtPrice: 5999,
        cost: 2000,
        barcode: "123",
        weightGrams: 250,
        stockOnHand: 5,
      },
      {
        sku: `LS-${n}-M`,
        options: { colour: "White", size: "M" },
        price: 4999,
        compareAtPrice: null,
        cost: null,
        barcode: null,
        weightGrams: null,
        stockOnHand: 0,
      },
    ],
    ...overrides,
  };
}

async function expectError(promise: Promise<unknown>): Promise<TRPCError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TRPCError);
  return error as TRPCError;
}

function pathsOf(error: TRPCError): string[] {
  expect(error.cause).toBeInstanceOf(ZodError);
  return (error.cause as ZodError).issues.map((issue) => issue.path.join("."));
}

async function countsFor(organizationId: string) {
  const [row] = await h.query<{ products: number; variants: number; movements: number; audit: number }>(
    `select (select count(*)::int from product where organization_id = $1) as products,
            (select count(*)::int from variant where organization_id = $1) as variants,
            (select count(*)::int from inventory_movement where organization_id = $1) as movements,
            (select count(*)::int from audit_log where organization_id = $1 and entity = 'product') as audit`,
    [organizationId],
  );
  return row!;
}

describe("catalog.product.create / get", () => {
  it("creates a product with ordered variants, stock movements, audit and an event", async () => {
    const created = await a.caller.catalog.product.create(input());
    expect(created).toMatchObject({ status: "active", version: 1, tags: ["summer"], currency: expect.any(String) });
    expect(created.images).toEqual(["https://img.example.test/1.jpg", "https://img.example.test/2.jpg"]);
    expect(created.attributes).toEqual([{ key: "Material", value: "Linen" }]);
    expect(created.variants.map((v) => [v.sku.endsWith("-S"), v.position, v.stockOnHand])).toEqual([
      [true, 0, 5],
      [false, 1, 0],
    ]);
    const fetched = await a.caller.catalog.product.get({ id: created.id });
    expect(fetched).toEqual(created);
    const movements = await h.query<{ reason: string; before: number; after: number }>(
      `select reason, before, after from inventory_movement where variant_id = $1`,
      [created.variants[0]!.id],
    );
    expect(movements).toEqual([{ reason: "manual", before: 0, after: 5 }]);
    const audit = await h.query<{ action: string }>(`select action from audit_log where entity_id = $1`, [created.id]);
    expect(audit).toEqual([{ action: "product.create" }]);
    const changed = events.find((e) => e.event === "catalog.rows_changed");
    expect(changed?.organizationId).toBe(a.organizationId);
    expect((changed?.payload as { variantIds: string[] }).variantIds.sort()).toEqual(
      created.variants.map((v) => v.id).sort(),
    );
    // The grid lists the new rows.
    const listed = await a.caller.catalog.listVariants({ startRow: 0, endRow: 50, filter: { title: created.title } });
    expect(listed.total).toBe(2);
  });

  it("reports a taken SKU at variants.N.sku and writes nothing", async () => {
    const first = await a.caller.catalog.product.create(input());
    const before = await countsFor(a.organizationId);
    const dup = input();
    dup.variants[1]!.sku = first.variants[0]!.sku;
    const error = await expectError(a.caller.catalog.product.create(dup));
    expect(error.code).toBe("BAD_REQUEST");
    expect(pathsOf(error)).toEqual(["variants.1.sku"]);
    expect(await countsFor(a.organizationId)).toEqual(before);
    events.length = 0;
  });

  it("rejects invalid fields by schema (duplicate SKUs in the form, bad URL, negative price) writing nothing", async () => {
    const before = await countsFor(a.organizationId);
    const bad = input({ images: ["not a url"] });
    bad.variants[1]!.sku = bad.variants[0]!.sku.toLowerCase();
    bad.variants[0]!.price = -1;
    const error = await expectError(a.caller.catalog.product.create(bad));
    expect(error.code).toBe("BAD_REQUEST");
    expect(pathsOf(error).sort()).toEqual(["images.0", "variants.0.price", "variants.1.sku"]);
    expect(await countsFor(a.organizationId)).toEqual(before);
    expect(events).toEqual([]);
  });
});

describe("catalog.product.update", () => {
  it("updates fields, upserts and reorders variants, removes one, sets stock, in one transaction", async () => {
    const created = await a.caller.catalog.product.create(input());
    const [s, m] = created.variants;
    const movementsOfRemoved = await h.query(`select id from inventory_movement where variant_id = $1`, [m!.id]);
    const updated = await a.caller.catalog.product.update({
      id: created.id,
      productVersion: created.version,
      title: "Linen Shirt Renamed",
      description: null,
      brand: null,
      categoryId: null,
      status: "draft",
      tags: ["summer", "linen"],
      images: ["https://img.example.test/2.jpg"],
      attributes: [],
      variants: [
        { id: s!.id, version: s!.version, ...pick(s!), sku: `${s!.sku}-X`, stockOnHand: 9 },
        {
          sku: `NEW-${++skuCounter}`,
          options: { colour: "Blue", size: "L" },
          price: 100,
          compareAtPrice: null,
          cost: null,
          barcode: null,
          weightGrams: null,
          stockOnHand: 3,
        },
      ],
      removedVariantIds: [m!.id],
    });
    expect(updated).toMatchObject({ title: "Linen Shirt Renamed", status: "draft", version: 2, description: null });
    expect(updated.variants.map((v) => [v.sku, v.position, v.stockOnHand])).toEqual([
      [`${s!.sku}-X`, 0, 9],
      [expect.stringMatching(/^NEW-/), 1, 3],
    ]);
    expect(updated.variants[0]!.version).toBe(s!.version + 1);
    const rows = await h.query(`select 1 from variant where id = $1`, [m!.id]);
    expect(rows).toEqual([]);
    // The stock trail outlives the removed variant (its link is cleared, the rows stay).
    const kept = await h.query<{ variant_id: string | null }>(
      `select variant_id from inventory_movement where id = any($1::uuid[])`,
      [movementsOfRemoved.map((row) => (row as { id: string }).id)],
    );
    expect(kept).toEqual(movementsOfRemoved.map(() => ({ variant_id: null })));
    const movements = await h.query<{ before: number; after: number }>(
      `select before, after from inventory_movement where variant_id = $1 order by at`,
      [s!.id],
    );
    expect(movements).toEqual([
      { before: 0, after: 5 },
      { before: 5, after: 9 },
    ]);
    const audit = await h.query<{ diff: Record<string, unknown> }>(
      `select diff from audit_log where entity_id = $1 and action = 'product.update'`,
      [created.id],
    );
    expect(Object.keys(audit[0]!.diff)).toEqual(
      expect.arrayContaining(["title", "status", "tags", "images", "variants"]),
    );
    const ids = (events.find((e) => e.event === "catalog.rows_changed")?.payload as { variantIds: string[] })
      .variantIds;
    expect(ids).toContain(m!.id);
  });

  it("refuses a stale product version with CONFLICT and writes nothing", async () => {
    const created = await a.caller.catalog.product.create(input());
    const body = toUpdate(created);
    await a.caller.catalog.product.update({ ...body, title: "First edit" });
    const error = await expectError(a.caller.catalog.product.update({ ...body, title: "Second edit" }));
    expect(error.code).toBe("CONFLICT");
    expect(error.message).toMatch(/changed by someone else/);
    expect((await a.caller.catalog.product.get({ id: created.id })).title).toBe("First edit");
  });

  it("refuses a variant changed in the grid since the editor loaded it", async () => {
    const created = await a.caller.catalog.product.create(input());
    const v = created.variants[0]!;
    await a.caller.catalog.saveChanges({
      changes: [{ variantId: v.id, productVersion: created.version, variantVersion: v.version, variant: { price: 1 } }],
    });
    const error = await expectError(a.caller.catalog.product.update({ ...toUpdate(created), title: "Late" }));
    expect(error.code).toBe("CONFLICT");
  });

  it("validation against the database leaves nothing written", async () => {
    const other = await a.caller.catalog.product.create(input());
    const created = await a.caller.catalog.product.create(input());
    const before = await countsFor(a.organizationId);
    const body = toUpdate(created);
    body.variants[0]!.stockOnHand = 77;
    body.variants[1]!.sku = other.variants[0]!.sku;
    const error = await expectError(a.caller.catalog.product.update({ ...body, title: "Nope" }));
    expect(pathsOf(error)).toEqual(["variants.1.sku"]);
    expect(await countsFor(a.organizationId)).toEqual(before);
    const still = await a.caller.catalog.product.get({ id: created.id });
    expect(still).toEqual(created);
  });
});

describe("catalog.product.archive / duplicate", () => {
  it("archives with the current version and refuses a stale one", async () => {
    const created = await a.caller.catalog.product.create(input());
    const stale = await expectError(a.caller.catalog.product.archive({ id: created.id, productVersion: 99 }));
    expect(stale.code).toBe("CONFLICT");
    expect(await a.caller.catalog.product.archive({ id: created.id, productVersion: 1 })).toEqual({
      id: created.id,
      version: 2,
    });
    expect((await a.caller.catalog.product.get({ id: created.id })).status).toBe("archived");
    expect(events.some((e) => e.event === "catalog.rows_changed")).toBe(true);
  });

  it("marks the published listings of the product for sync when it changes what a channel shows", async () => {
    const created = await a.caller.catalog.product.create(input());
    const [connection] = await h.query<{ id: string }>(
      `insert into channel_connection (id, organization_id, platform, external_shop_id, name)
       values (gen_random_uuid(), $1, 'tiktok', 'editor-hook', 'Editor shop') returning id`,
      [a.organizationId],
    );
    await h.query(
      `insert into listing (id, organization_id, connection_id, variant_id, product_id, external_product_id,
                            external_variant_id, sync_state)
       select gen_random_uuid(), v.organization_id, $2, v.id, v.product_id, 'ed-' || v.sku, 'ed-' || v.sku, 'in_sync'
         from variant v where v.product_id = $1`,
      [created.id, connection!.id],
    );
    const versions = async () =>
      (
        await h.query<{ desired_version: number }>(
          `select desired_version from listing where product_id = $1 order by external_product_id`,
          [created.id],
        )
      ).map((row) => row.desired_version);
    const update = (detail: Detail, fields: Partial<Parameters<Owner["caller"]["catalog"]["product"]["update"]>[0]>) =>
      a.caller.catalog.product.update({
        id: detail.id,
        productVersion: detail.version,
        title: detail.title,
        description: detail.description,
        brand: detail.brand,
        categoryId: detail.categoryId,
        status: detail.status,
        tags: detail.tags,
        images: detail.images,
        attributes: detail.attributes,
        variants: detail.variants.map((v) => ({ id: v.id, version: v.version, ...pick(v) })),
        removedVariantIds: [],
        ...fields,
      });
    // Brand and tags are not on the listing: nothing to push.
    const rebranded = await update(created, { brand: "Other", tags: ["x"] });
    expect(await versions()).toEqual([1, 1]);
    // A new description reaches both variants' listings.
    const described = await update(rebranded, { description: "Now with pockets" });
    expect(await versions()).toEqual([2, 2]);
    await a.caller.catalog.product.archive({ id: described.id, productVersion: described.version });
    expect(await versions()).toEqual([3, 3]);
    expect(await h.query(`select distinct sync_state from listing where product_id = $1`, [created.id])).toEqual([
      { sync_state: "pending" },
    ]);
  });

  it("duplicates as a draft copy with unique -COPY SKUs and no stock", async () => {
    const created = await a.caller.catalog.product.create(input());
    const copy = await a.caller.catalog.product.duplicate({ id: created.id });
    expect(copy).toMatchObject({ title: `${created.title} (copy)`, status: "draft", images: created.images });
    expect(copy.variants.map((v) => [v.sku, v.stockOnHand, v.options])).toEqual(
      created.variants.map((v) => [`${v.sku}-COPY`, 0, v.options]),
    );
    const again = await a.caller.catalog.product.duplicate({ id: created.id });
    expect(again.variants.map((v) => v.sku)).toEqual(created.variants.map((v) => `${v.sku}-COPY-2`));
    expect(copySku("X".repeat(64), new Set()).length).toBe(64);
  });
});

describe("tenant isolation of product procedures", () => {
  it("never reads, updates, archives or duplicates another organization's product", async () => {
    const created = await a.caller.catalog.product.create(input());
    for (const call of [
      () => b.caller.catalog.product.get({ id: created.id }),
      () => b.caller.catalog.product.update({ ...toUpdate(created), title: "Hijacked" }),
      () => b.caller.catalog.product.archive({ id: created.id, productVersion: created.version }),
      () => b.caller.catalog.product.duplicate({ id: created.id }),
    ]) {
      expect((await expectError(call())).code).toBe("NOT_FOUND");
    }
    expect(await a.caller.catalog.product.get({ id: created.id })).toEqual(created);
    // B may use the same SKUs: they are unique per organization.
    const same = input();
    same.variants = created.variants.map((v) => ({ ...pick(v), sku: v.sku }));
    await expect(b.caller.catalog.product.create(same)).resolves.toMatchObject({ title: same.title });
    expect((await countsFor(b.organizationId)).products).toBe(1);
  });
});

type Detail = Awaited<ReturnType<Owner["caller"]["catalog"]["product"]["get"]>>;

function pick(v: Detail["variants"][number]) {
  return {
    sku: v.sku,
    options: v.options,
    price: v.price,
    compareAtPrice: v.compareAtPrice,
    cost: v.cost,
    barcode: v.barcode,
    weightGrams: v.weightGrams,
    stockOnHand: v.stockOnHand,
  };
}

function toUpdate(p: Detail) {
  return {
    id: p.id,
    productVersion: p.version,
    title: p.title,
    description: p.description,
    brand: p.brand,
    categoryId: p.categoryId,
    status: p.status,
    tags: p.tags,
    images: p.images,
    attributes: p.attributes,
    variants: p.variants.map((v) => ({ id: v.id, version: v.version, ...pick(v) })),
    removedVariantIds: [],
  };
}
