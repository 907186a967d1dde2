import { generateDemoCatalog, insertCatalog, type DemoCatalog } from "@syncstore/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiHarness, type ApiHarness } from "../../testing/harness";

let h: ApiHarness;
let owner: Awaited<ReturnType<ApiHarness["signUp"]>>;
let catalog: DemoCatalog;

beforeAll(async () => {
  h = await createApiHarness();
  owner = await h.signUp("Lister");
  catalog = generateDemoCatalog(60);
  await insertCatalog(h.orm.em.fork(), owner.organizationId, catalog);
}, 60_000);
afterAll(() => h?.close());

const all = { startRow: 0, endRow: 500 };

describe("catalog.listVariants", () => {
  it("returns a block of rows with the total, grouped by product in title order", async () => {
    const first = await owner.caller.catalog.listVariants({ startRow: 0, endRow: 50 });
    expect(first.total).toBe(catalog.variants.length);
    expect(first.rows).toHaveLength(50);
    expect(first.currency).toBe("USD");
    // Title order as the database collates it (the test server's locale decides).
    const ordered = await h.query<{ title: string }>(
      `select title from product where organization_id = $1 order by title, id`,
      [owner.organizationId],
    );
    const firstTitles = [...new Set(first.rows.map((row) => row.productTitle))];
    expect(firstTitles).toEqual([...new Set(ordered.map((row) => row.title))].slice(0, firstTitles.length));
    // Variants of one product are adjacent and in position order.
    const seen = new Set<string>();
    let previous: { productId: string; position: number } | null = null;
    for (const row of first.rows) {
      if (previous?.productId === row.productId) expect(row.position).toBeGreaterThan(previous.position);
      else expect(seen.has(row.productId)).toBe(false);
      seen.add(row.productId);
      previous = row;
    }
    const second = await owner.caller.catalog.listVariants({ startRow: 50, endRow: 100 });
    const both = await owner.caller.catalog.listVariants({ startRow: 0, endRow: 100 });
    expect([...first.rows, ...second.rows].map((r) => r.variantId)).toEqual(both.rows.map((r) => r.variantId));
    const last = await owner.caller.catalog.listVariants({
      startRow: catalog.variants.length - 3,
      endRow: catalog.variants.length + 47,
    });
    expect(last.rows).toHaveLength(3);
    expect(last.total).toBe(catalog.variants.length);
  });

  it("sorts by a column, then keeps product grouping as the tie-breaker", async () => {
    const { rows } = await owner.caller.catalog.listVariants({ ...all, sort: [{ field: "price", direction: "desc" }] });
    const prices = rows.map((row) => row.price);
    expect(prices).toEqual([...prices].sort((a, b) => b - a));
    const bySku = await owner.caller.catalog.listVariants({
      ...all,
      sort: [
        { field: "stockOnHand", direction: "asc" },
        { field: "price", direction: "desc" },
      ],
    });
    for (let i = 1; i < bySku.rows.length; i++) {
      const [a, b] = [bySku.rows[i - 1]!, bySku.rows[i]!];
      expect(a.stockOnHand < b.stockOnHand || (a.stockOnHand === b.stockOnHand && a.price >= b.price)).toBe(true);
    }
  });

  it("filters by status, price and stock ranges, brand, tags and text", async () => {
    const filtered = await owner.caller.catalog.listVariants({
      ...all,
      filter: { status: ["active"], price: { min: 2000, max: 9000 }, stockOnHand: { min: 1 } },
    });
    const expected = catalog.variants.filter((v) => {
      const product = catalog.products.find((p) => p.id === v.productId)!;
      return product.status === "active" && v.price >= 2000 && v.price <= 9000 && v.onHand >= 1;
    });
    expect(filtered.total).toBe(expected.length);
    expect(new Set(filtered.rows.map((r) => r.variantId))).toEqual(new Set(expected.map((v) => v.id)));

    const brand = catalog.products[0]!.brand;
    const byBrand = await owner.caller.catalog.listVariants({ ...all, filter: { brands: [brand] } });
    expect(byBrand.rows.length).toBeGreaterThan(0);
    expect(byBrand.rows.every((r) => r.brand === brand)).toBe(true);

    const tagged = await owner.caller.catalog.listVariants({ ...all, filter: { tags: ["eco"] } });
    expect(tagged.rows.every((r) => r.tags.includes("eco"))).toBe(true);

    const vNeck = await owner.caller.catalog.listVariants({ ...all, filter: { title: "v-neck" } });
    expect(vNeck.rows.length).toBeGreaterThan(0);
    expect(vNeck.rows.every((r) => r.productTitle.includes("V-Neck"))).toBe(true);

    const skuPart = await owner.caller.catalog.listVariants({ ...all, filter: { sku: "ts-00001" } });
    expect(skuPart.rows.map((r) => r.sku).every((sku) => sku.startsWith("TS-00001"))).toBe(true);
    expect(skuPart.rows.length).toBeGreaterThan(0);

    // Wildcards in user text match literally.
    const literal = await owner.caller.catalog.listVariants({ ...all, filter: { sku: "%" } });
    expect(literal.total).toBe(0);
  });

  it("filters a category with everything below it", async () => {
    const apparel = catalog.categories.find((c) => c.path === "Apparel")!;
    const { rows, total } = await owner.caller.catalog.listVariants({ ...all, filter: { categoryIds: [apparel.id] } });
    expect(total).toBeGreaterThan(0);
    expect(rows.every((r) => r.categoryPath?.startsWith("Apparel / "))).toBe(true);
    const apparelVariants = catalog.variants.filter((v) => {
      const product = catalog.products.find((p) => p.id === v.productId)!;
      return catalog.categories.find((c) => c.id === product.categoryId)?.path.startsWith("Apparel / ");
    });
    expect(total).toBe(apparelVariants.length);
  });

  it("quick search forgives typos and finds partial SKUs", async () => {
    const typo = await owner.caller.catalog.listVariants({ startRow: 0, endRow: 20, search: "tshrit" });
    expect(typo.rows.length).toBeGreaterThan(0);
    expect(typo.rows[0]!.productTitle).toMatch(/T-Shirt/);
    expect(typo.rows.every((r) => /T-Shirt/.test(r.productTitle))).toBe(true);

    const sku = catalog.variants.find((v) => v.sku.startsWith("SN-"))!;
    const partial = sku.sku.slice(3, 9); // e.g. "00004-"
    const bySku = await owner.caller.catalog.listVariants({ startRow: 0, endRow: 20, search: partial });
    expect(bySku.rows.map((r) => r.variantId)).toContain(sku.id);

    const words = await owner.caller.catalog.listVariants({ startRow: 0, endRow: 50, search: "organic hoodie" });
    expect(words.rows.length).toBeGreaterThan(0);
    expect(words.rows[0]!.productTitle).toMatch(/Organic .*Hoodie/);

    const brand = await owner.caller.catalog.listVariants({ startRow: 0, endRow: 500, search: "tidewatr" });
    expect(brand.rows.length).toBeGreaterThan(0);
    expect(brand.rows.every((r) => r.brand === "Tidewater")).toBe(true);

    const nothing = await owner.caller.catalog.listVariants({ startRow: 0, endRow: 20, search: "zzqqxx" });
    expect(nothing).toMatchObject({ rows: [], total: 0 });
  });

  it("quick search needs every word, forgives a typo in each and ranks exact titles and SKUs first", async () => {
    const mugs = catalog.products.filter((p) => p.title === "Classic Coffee Mug");
    expect(mugs.length).toBeGreaterThan(0);
    const mugVariants = new Set(
      catalog.variants.filter((v) => mugs.some((p) => p.id === v.productId)).map((v) => v.id),
    );
    for (const search of ["Classic Coffee Mug", "classic  coffee mug", "clasic cofee mug", "mug classic"]) {
      const found = await owner.caller.catalog.listVariants({ ...all, search });
      expect(new Set(found.rows.map((r) => r.variantId)), search).toEqual(mugVariants);
      expect(found.total, search).toBe(mugVariants.size);
    }

    // A word may match another field: the brand, or a part of the SKU.
    const mug = mugs[0]!;
    const byBrand = await owner.caller.catalog.listVariants({ ...all, search: `coffee ${mug.brand}` });
    expect(byBrand.rows.length).toBeGreaterThan(0);
    expect(byBrand.rows.every((r) => /Coffee/.test(r.productTitle) && r.brand === mug.brand)).toBe(true);
    const mugVariant = catalog.variants.find((v) => v.productId === mug.id)!;
    const bySku = await owner.caller.catalog.listVariants({ ...all, search: `${mugVariant.sku} mug` });
    expect(bySku.rows.map((r) => r.variantId)).toEqual([mugVariant.id]);

    // An exact SKU comes first even where its words also match other rows.
    const exactSku = await owner.caller.catalog.listVariants({ ...all, search: mugVariant.sku.toLowerCase() });
    expect(exactSku.rows[0]!.variantId).toBe(mugVariant.id);

    // An exact title comes before the titles its words (or near spellings: "Sweatshirt") match.
    const tees = await owner.caller.catalog.listVariants({ ...all, search: "Classic T-Shirt" });
    expect(tees.rows.some((r) => r.productTitle !== "Classic T-Shirt")).toBe(true);
    expect(tees.rows.every((r) => r.productTitle.startsWith("Classic "))).toBe(true);
    const exactTitles = tees.rows.filter((r) => r.productTitle === "Classic T-Shirt").length;
    expect(exactTitles).toBeGreaterThan(0);
    expect(tees.rows.slice(0, exactTitles).every((r) => r.productTitle === "Classic T-Shirt")).toBe(true);
  });

  it("search with a typo combines with filters and sorts, and counts what it lists", async () => {
    const typo = await owner.caller.catalog.listVariants({ startRow: 0, endRow: 5, search: "hodie" });
    expect(typo.rows[0]!.productTitle).toMatch(/Hoodie/);
    const everything = await owner.caller.catalog.listVariants({ startRow: 0, endRow: 500, search: "hodie" });
    expect(everything.rows.length).toBeLessThan(500);
    expect(typo.total).toBe(everything.rows.length);
    const active = everything.rows.filter((r) => r.status === "active");
    const filtered = await owner.caller.catalog.listVariants({
      startRow: 0,
      endRow: 500,
      search: "hodie",
      filter: { status: ["active"] },
      sort: [{ field: "price", direction: "desc" }],
    });
    expect(filtered.total).toBe(active.length);
    expect(new Set(filtered.rows.map((r) => r.variantId))).toEqual(new Set(active.map((r) => r.variantId)));
    const prices = filtered.rows.map((r) => r.price);
    expect(prices).toEqual([...prices].sort((a, b) => b - a));
  });

  it("refuses blocks larger than 500 rows and unknown sort fields", async () => {
    await expect(owner.caller.catalog.listVariants({ startRow: 0, endRow: 501 })).rejects.toMatchObject({
      code: "BAD_REQUEST",
    });
    await expect(
      owner.caller.catalog.listVariants({
        startRow: 0,
        endRow: 10,
        sort: [{ field: "password" as "sku", direction: "asc" }],
      }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });
});

describe("catalog.facets", () => {
  it("lists brands, the category tree and tags of the organization", async () => {
    const facets = await owner.caller.catalog.facets();
    expect(facets.currency).toBe("USD");
    expect(facets.categories.map((c) => c.path)).toContain("Apparel / T-Shirts");
    expect(facets.categories).toHaveLength(catalog.categories.length);
    expect(facets.brands).toEqual([...new Set(catalog.products.map((p) => p.brand))].sort());
    expect(facets.tags.length).toBeGreaterThan(0);
  });
});

describe("grid state and saved views", () => {
  const state = {
    columns: [
      { field: "sku", width: 140, pinned: "left" as const },
      { field: "cost", hidden: true },
    ],
    sort: [{ field: "price" as const, direction: "desc" as const }],
    filter: { status: ["active" as const] },
  };

  it("keeps the layout per user", async () => {
    expect(await owner.caller.catalog.gridState.get()).toBeNull();
    await owner.caller.catalog.gridState.save(state);
    await owner.caller.catalog.gridState.save({ ...state, sort: [] });
    expect(await owner.caller.catalog.gridState.get()).toEqual({ ...state, sort: [] });
    const colleague = await h.signUp("Colleague");
    await h.addMember(owner.organizationId, colleague.me.user.id, "viewer");
    await colleague.caller.organization.setActive({ organizationId: owner.organizationId });
    const asViewer = await h.callerFor(colleague.cookie);
    expect(await asViewer.catalog.gridState.get()).toBeNull();
  });

  it("saves, renames, lists and deletes named views, audited", async () => {
    const { id } = await owner.caller.catalog.views.save({ name: "Active by price", state });
    await owner.caller.catalog.views.save({ name: "Empty", state: { columns: [], sort: [], filter: {} } });
    await expect(owner.caller.catalog.views.save({ id, name: "Empty", state })).rejects.toMatchObject({
      code: "CONFLICT",
    });
    await owner.caller.catalog.views.save({ id, name: "Active, priciest first", state });
    const views = await owner.caller.catalog.views.list();
    expect(views.map((v) => v.name)).toEqual(["Active, priciest first", "Empty"]);
    expect(views[0]!.state).toEqual(state);
    await owner.caller.catalog.views.delete({ id });
    expect((await owner.caller.catalog.views.list()).map((v) => v.name)).toEqual(["Empty"]);
    const audit = await h.query<{ action: string }>(
      `select action from audit_log where entity = 'saved_view' and entity_id = $1 order by created_at`,
      [id],
    );
    expect(audit.map((a) => a.action)).toEqual(["view.create", "view.update", "view.delete"]);
  });
});
