import type { RealtimeEventName, RealtimeEvents } from "@syncstore/realtime";
import { generateDemoCatalog, insertCatalog, type DemoCatalog } from "@syncstore/db";
import { TRPCError } from "@trpc/server";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ZodError } from "zod";
import { createContext } from "../../core/context";
import { appRouter } from "../../routers";
import { createApiHarness, type ApiHarness } from "../../testing/harness";

type Owner = Awaited<ReturnType<ApiHarness["signUp"]>>;
type Row = Awaited<ReturnType<Owner["caller"]["catalog"]["listVariants"]>>["rows"][number];

let h: ApiHarness;
let a: Owner;
let b: Owner;
let catalogA: DemoCatalog;
const events: { organizationId: string; event: RealtimeEventName; payload: unknown }[] = [];

beforeAll(async () => {
  h = await createApiHarness();
  // Record what goes out after commit instead of publishing it.
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
  catalogA = generateDemoCatalog(30, 1);
  // The same generator for B: identical SKUs, which is fine since SKUs are unique per organization.
  await insertCatalog(h.orm.em.fork(), a.organizationId, catalogA);
  await insertCatalog(h.orm.em.fork(), b.organizationId, generateDemoCatalog(30, 1));
}, 60_000);
afterAll(() => h?.close());
beforeEach(() => {
  events.length = 0;
});

async function rowsOf(owner: Owner, search?: string): Promise<Row[]> {
  return (await owner.caller.catalog.listVariants({ startRow: 0, endRow: 500, search })).rows;
}

async function multiVariantRow(owner: Owner): Promise<{ row: Row; sibling: Row }> {
  const rows = await rowsOf(owner);
  const row = rows.find((r) => rows.some((o) => o.productId === r.productId && o.variantId !== r.variantId))!;
  const sibling = rows.find((o) => o.productId === row.productId && o.variantId !== row.variantId)!;
  return { row, sibling };
}

async function counts() {
  const [row] = await h.query<{ audit: number; movements: number }>(
    `select (select count(*)::int from audit_log where entity in ('product', 'variant')) as audit,
            (select count(*)::int from inventory_movement where reason = 'manual') as movements`,
  );
  return row!;
}

function issuesOf(error: TRPCError): { path: PropertyKey[]; message: string }[] {
  expect(error.cause).toBeInstanceOf(ZodError);
  return (error.cause as ZodError).issues.map((issue) => ({ path: issue.path, message: issue.message }));
}

async function expectError(promise: Promise<unknown>): Promise<TRPCError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TRPCError);
  return error as TRPCError;
}

describe("catalog.saveChanges", () => {
  it("saves product and variant edits with stock in one transaction: versions, audit, movement, event", async () => {
    const { row, sibling } = await multiVariantRow(a);
    const result = await a.caller.catalog.saveChanges({
      changes: [
        {
          variantId: row.variantId,
          productVersion: row.productVersion,
          variantVersion: row.variantVersion,
          product: { title: "Renamed Tee", tags: ["sale", "sale", "new"] },
          variant: { price: row.price + 100, stockOnHand: row.stockOnHand + 7, barcode: null },
        },
      ],
    });
    if (!("rows" in result)) throw new Error("expected a successful save");
    expect(result.saved).toBe(1);
    const saved = result.rows.find((r) => r.variantId === row.variantId)!;
    expect(saved).toMatchObject({
      productTitle: "Renamed Tee",
      tags: ["sale", "new"],
      price: row.price + 100,
      stockOnHand: row.stockOnHand + 7,
      barcode: null,
      productVersion: row.productVersion + 1,
      variantVersion: row.variantVersion + 1,
    });
    // The sibling shows the new title and product version, so its next save is not a false conflict.
    expect(result.rows.find((r) => r.variantId === sibling.variantId)).toMatchObject({
      productTitle: "Renamed Tee",
      productVersion: row.productVersion + 1,
      variantVersion: sibling.variantVersion,
    });

    const audit = await h.query<{
      action: string;
      entity_id: string;
      diff: Record<string, { before: unknown; after: unknown }>;
      actor_id: string;
    }>(`select action, entity_id, diff, actor_id from audit_log where entity_id in ($1, $2) order by action`, [
      row.productId,
      row.variantId,
    ]);
    expect(audit).toEqual([
      {
        action: "product.update",
        entity_id: row.productId,
        actor_id: a.me.user.id,
        diff: {
          title: { before: row.productTitle, after: "Renamed Tee" },
          tags: { before: row.tags, after: ["sale", "new"] },
        },
      },
      {
        action: "variant.update",
        entity_id: row.variantId,
        actor_id: a.me.user.id,
        diff: {
          price: { before: row.price, after: row.price + 100 },
          barcode: { before: row.barcode, after: null },
          stockOnHand: { before: row.stockOnHand, after: row.stockOnHand + 7 },
        },
      },
    ]);
    const movements = await h.query(
      `select delta, reason, before, after, actor_id from inventory_movement where variant_id = $1 and reason = 'manual'`,
      [row.variantId],
    );
    expect(movements).toEqual([
      { delta: 7, reason: "manual", before: row.stockOnHand, after: row.stockOnHand + 7, actor_id: a.me.user.id },
    ]);

    const changed = events.filter((e) => e.event === "catalog.rows_changed");
    expect(changed).toHaveLength(1);
    expect(changed[0]).toMatchObject({ organizationId: a.organizationId, payload: { actorId: a.me.user.id } });
    expect((changed[0]!.payload as { variantIds: string[] }).variantIds.sort()).toEqual(
      result.rows.map((r) => r.variantId).sort(),
    );
    expect(events.filter((e) => e.event === "audit.created")).toHaveLength(2);
  });

  it("returns conflicts for stale versions and writes nothing", async () => {
    const rows = await rowsOf(a);
    const [stale, fresh] = [rows[3]!, rows[10]!];
    // Someone else saves the first row.
    await a.caller.catalog.saveChanges({
      changes: [
        {
          variantId: stale.variantId,
          productVersion: stale.productVersion,
          variantVersion: stale.variantVersion,
          variant: { price: 4242 },
        },
      ],
    });
    const before = await counts();
    events.length = 0;
    const result = await a.caller.catalog.saveChanges({
      changes: [
        {
          variantId: fresh.variantId,
          productVersion: fresh.productVersion,
          variantVersion: fresh.variantVersion,
          variant: { price: 1 },
        },
        {
          variantId: stale.variantId,
          productVersion: stale.productVersion,
          variantVersion: stale.variantVersion,
          variant: { price: 5000, cost: 10 },
        },
      ],
    });
    expect(result.saved).toBe(0);
    if (!("conflicts" in result)) throw new Error("expected conflicts");
    expect(result.conflicts.map((c) => [c.variantId, c.field, c.yours, c.theirs])).toEqual([
      [stale.variantId, "price", 5000, 4242],
      [stale.variantId, "cost", 10, stale.cost],
    ]);
    expect(result.conflicts[0]!.current).toMatchObject({
      variantId: stale.variantId,
      price: 4242,
      variantVersion: stale.variantVersion + 1,
    });
    // The fresh row was not saved either.
    const [unchanged] = await h.query<{ price: string; version: number }>(
      `select price, version from variant where id = $1`,
      [fresh.variantId],
    );
    expect(unchanged).toEqual({ price: String(fresh.price), version: fresh.variantVersion });
    expect(await counts()).toEqual(before);
    expect(events).toEqual([]);
  });

  it("refuses invalid input with per-cell paths and writes nothing", async () => {
    const rows = await rowsOf(a);
    const [ok, bad] = [rows[20]!, rows[21]!];
    const before = await counts();
    const error = await expectError(
      a.caller.catalog.saveChanges({
        changes: [
          {
            variantId: ok.variantId,
            productVersion: ok.productVersion,
            variantVersion: ok.variantVersion,
            variant: { price: 100 },
          },
          {
            variantId: bad.variantId,
            productVersion: bad.productVersion,
            variantVersion: bad.variantVersion,
            variant: { price: -5, stockOnHand: -1 },
          },
        ],
      }),
    );
    expect(error.code).toBe("BAD_REQUEST");
    const [price] = await h.query<{ price: string }>(`select price from variant where id = $1`, [ok.variantId]);
    expect(price!.price).toBe(String(ok.price));
    expect(await counts()).toEqual(before);
  });

  it("refuses a SKU another variant has, at its cell path, and writes nothing", async () => {
    const rows = await rowsOf(a);
    const [first, second] = [rows[30]!, rows[31]!];
    const before = await counts();
    // A SKU taken by another variant is only known to the database.
    const error = await expectError(
      a.caller.catalog.saveChanges({
        changes: [
          {
            variantId: first.variantId,
            productVersion: first.productVersion,
            variantVersion: first.variantVersion,
            variant: { price: 1234 },
          },
          {
            variantId: second.variantId,
            productVersion: second.productVersion,
            variantVersion: second.variantVersion,
            variant: { sku: first.sku },
          },
        ],
      }),
    );
    expect(error.code).toBe("BAD_REQUEST");
    expect(issuesOf(error)).toMatchObject([
      { path: ["changes", 1, "variant", "sku"], message: `SKU ${first.sku} is already used by another variant` },
    ]);
    const [price] = await h.query<{ price: string }>(`select price from variant where id = $1`, [first.variantId]);
    expect(price!.price).toBe(String(first.price));
    expect(await counts()).toEqual(before);
  });

  it("swaps the SKUs of two rows in one save", async () => {
    const rows = await rowsOf(a);
    const [first, second] = [rows[40]!, rows[41]!];
    const result = await a.caller.catalog.saveChanges({
      changes: [
        {
          variantId: first.variantId,
          productVersion: first.productVersion,
          variantVersion: first.variantVersion,
          variant: { sku: second.sku },
        },
        {
          variantId: second.variantId,
          productVersion: second.productVersion,
          variantVersion: second.variantVersion,
          variant: { sku: first.sku },
        },
      ],
    });
    expect(result.saved).toBe(2);
    const skus = await h.query<{ id: string; sku: string }>(`select id, sku from variant where id = any($1::uuid[])`, [
      [first.variantId, second.variantId],
    ]);
    expect(Object.fromEntries(skus.map((row) => [row.id, row.sku]))).toEqual({
      [first.variantId]: second.sku,
      [second.variantId]: first.sku,
    });
    const audit = await h.query<{ diff: { sku?: { before: string; after: string } } }>(
      `select diff from audit_log where entity = 'variant' and entity_id = $1 order by created_at desc limit 1`,
      [first.variantId],
    );
    expect(audit[0]!.diff.sku).toEqual({ before: first.sku, after: second.sku });
  });

  it("marks the published listing of a variant whose price was saved for sync, with one sync-listing job", async () => {
    const rows = await rowsOf(a);
    const [row, other] = [rows[50]!, rows[51]!];
    const [connection] = await h.query<{ id: string }>(
      `insert into channel_connection (id, organization_id, platform, external_shop_id, name)
       values (gen_random_uuid(), $1, 'shopee', 'sync-hook-shop', 'Hook shop') returning id`,
      [a.organizationId],
    );
    const listing = async (variantId: string, external: string) =>
      (
        await h.query<{ id: string }>(
          `insert into listing (id, organization_id, connection_id, variant_id, product_id, external_product_id,
                                external_variant_id, enabled, sync_state, desired_version, synced_version)
           select gen_random_uuid(), v.organization_id, $2, v.id, v.product_id, $3, $3, true, 'in_sync', 1, 1
             from variant v where v.id = $1 returning id`,
          [variantId, connection!.id, external],
        )
      )[0]!.id;
    const listingId = await listing(row.variantId, "hook-1");
    const untouchedId = await listing(other.variantId, "hook-2");
    const jobs = () =>
      h.query<{ key: string; payload: { listingId: string } }>(
        `select j.key, j.payload from graphile_worker._private_jobs j
           join graphile_worker._private_tasks t on t.id = j.task_id
          where t.identifier = 'sync-listing' and j.payload->>'listingId' = any($1::text[])`,
        [[listingId, untouchedId]],
      );
    const save = async (variant: { price?: number; barcode?: string }) => {
      const [current] = (await a.caller.catalog.getVariants({ ids: [row.variantId] })).rows;
      return a.caller.catalog.saveChanges({
        changes: [
          {
            variantId: row.variantId,
            productVersion: current!.productVersion,
            variantVersion: current!.variantVersion,
            variant,
          },
        ],
      });
    };
    // A field no channel shows does not mark anything.
    await save({ barcode: "4006381333931" });
    expect(await jobs()).toEqual([]);
    await save({ price: row.price + 111 });
    await save({ price: row.price + 222 });
    const states = await h.query<{ id: string; sync_state: string; desired_version: number }>(
      `select id, sync_state, desired_version from listing where id = any($1::uuid[]) order by external_product_id`,
      [[listingId, untouchedId]],
    );
    expect(states).toEqual([
      { id: listingId, sync_state: "pending", desired_version: 3 },
      { id: untouchedId, sync_state: "in_sync", desired_version: 1 },
    ]);
    // Two saves, one coalesced job for the listing.
    expect(await jobs()).toEqual([{ key: `sync-listing:${listingId}`, payload: { listingId } }]);
  });

  it("guards stock: below what is reserved is refused and nothing is written", async () => {
    const rows = await rowsOf(a);
    const [other, reservedRow] = [rows[40]!, rows[41]!];
    await h.query(`update stock_level set on_hand = 10, committed = 5 where variant_id = $1`, [reservedRow.variantId]);
    const fresh = (await rowsOf(a)).find((r) => r.variantId === reservedRow.variantId)!;
    const before = await counts();
    const error = await expectError(
      a.caller.catalog.saveChanges({
        changes: [
          {
            variantId: other.variantId,
            productVersion: other.productVersion,
            variantVersion: other.variantVersion,
            variant: { stockOnHand: other.stockOnHand + 1 },
          },
          {
            variantId: fresh.variantId,
            productVersion: fresh.productVersion,
            variantVersion: fresh.variantVersion,
            variant: { stockOnHand: 2 },
          },
        ],
      }),
    );
    expect(error.code).toBe("BAD_REQUEST");
    expect(issuesOf(error)).toMatchObject([{ path: ["changes", 1, "variant", "stockOnHand"] }]);
    const stock = await h.query<{ variant_id: string; on_hand: number }>(
      `select variant_id, on_hand from stock_level where variant_id in ($1, $2)`,
      [other.variantId, fresh.variantId],
    );
    expect(Object.fromEntries(stock.map((s) => [s.variant_id, s.on_hand]))).toEqual({
      [other.variantId]: other.stockOnHand,
      [fresh.variantId]: 10,
    });
    expect(await counts()).toEqual(before);
    // Exactly the reserved quantity is fine.
    const ok = await a.caller.catalog.saveChanges({
      changes: [
        {
          variantId: fresh.variantId,
          productVersion: fresh.productVersion,
          variantVersion: fresh.variantVersion,
          variant: { stockOnHand: 5 },
        },
      ],
    });
    expect(ok.saved).toBe(1);
  });

  it("refuses two changes that set the same product field differently, and duplicate rows", async () => {
    const { row, sibling } = await multiVariantRow(a);
    const error = await expectError(
      a.caller.catalog.saveChanges({
        changes: [
          {
            variantId: row.variantId,
            productVersion: row.productVersion,
            variantVersion: row.variantVersion,
            product: { title: "One" },
          },
          {
            variantId: sibling.variantId,
            productVersion: sibling.productVersion,
            variantVersion: sibling.variantVersion,
            product: { title: "Two" },
          },
        ],
      }),
    );
    expect(issuesOf(error)).toMatchObject([{ path: ["changes", 1, "product", "title"] }]);
    const duplicate = await expectError(
      a.caller.catalog.saveChanges({
        changes: [
          {
            variantId: row.variantId,
            productVersion: row.productVersion,
            variantVersion: row.variantVersion,
            variant: { price: 1 },
          },
          {
            variantId: row.variantId,
            productVersion: row.productVersion,
            variantVersion: row.variantVersion,
            variant: { price: 2 },
          },
        ],
      }),
    );
    expect(duplicate.code).toBe("BAD_REQUEST");
  });

  it("saves many rows at once, set-based, with one movement per stock change", async () => {
    const rows = await rowsOf(a);
    const targets = rows.slice(0, Math.min(rows.length, 100));
    const before = await counts();
    const result = await a.caller.catalog.saveChanges({
      changes: targets.map((r) => ({
        variantId: r.variantId,
        productVersion: r.productVersion,
        variantVersion: r.variantVersion,
        variant: { price: r.price + 1, stockOnHand: r.stockOnHand + 2 },
      })),
    });
    expect(result.saved).toBe(targets.length);
    const after = await counts();
    expect(after.movements - before.movements).toBe(targets.length);
    expect(after.audit - before.audit).toBe(targets.length);
    // Few audit rows → per-row audit events; the rows changed event is chunked.
    expect(events.filter((e) => e.event === "catalog.rows_changed").length).toBe(1);
  });
});

describe("catalog.saveChanges over HTTP", () => {
  it("reports every bad cell under its full path in zodError.fieldErrors", async () => {
    const rows = await rowsOf(a);
    const [first, second] = [rows[50]!, rows[51]!];
    const post = async (changes: unknown[]) => {
      const response = await fetchRequestHandler({
        endpoint: "/api/trpc",
        req: new Request("http://localhost/api/trpc/catalog.saveChanges", {
          method: "POST",
          headers: { "content-type": "application/json", cookie: a.cookie },
          body: JSON.stringify({ json: { changes } }),
        }),
        router: appRouter,
        createContext: ({ req }) => createContext({ headers: req.headers, deps: h.deps }),
      });
      const body = (await response.json()) as {
        error: { json: { data: { zodError: { fieldErrors: Record<string, string[]> } } } };
      };
      return { status: response.status, fieldErrors: body.error.json.data.zodError.fieldErrors };
    };
    const schema = await post([
      {
        variantId: first.variantId,
        productVersion: first.productVersion,
        variantVersion: first.variantVersion,
        variant: { price: 12.5 },
      },
      {
        variantId: second.variantId,
        productVersion: second.productVersion,
        variantVersion: second.variantVersion,
        variant: { stockOnHand: -1 },
        product: { title: "" },
      },
    ]);
    expect(schema.status).toBe(400);
    expect(schema.fieldErrors).toMatchObject({
      "changes.0.variant.price": ["Price must be a whole number of minor units"],
      "changes.1.variant.stockOnHand": ["Stock must not be negative"],
      "changes.1.product.title": ["Title is required"],
    });
    const database = await post([
      {
        variantId: second.variantId,
        productVersion: second.productVersion,
        variantVersion: second.variantVersion,
        variant: { sku: first.sku },
      },
    ]);
    expect(database.status).toBe(400);
    expect(database.fieldErrors["changes.0.variant.sku"]).toEqual([
      `SKU ${first.sku} is already used by another variant`,
    ]);
  });
});

describe("tenant isolation of the catalog", () => {
  it("never lists, counts, facets or searches another organization's rows", async () => {
    const rowsA = await rowsOf(a);
    const rowsB = await rowsOf(b);
    const idsA = new Set(rowsA.map((r) => r.variantId));
    expect(rowsB.some((r) => idsA.has(r.variantId))).toBe(false);
    const sku = rowsA[0]!.sku;
    const searched = await b.caller.catalog.listVariants({ startRow: 0, endRow: 50, search: sku });
    expect(searched.rows.some((r) => idsA.has(r.variantId))).toBe(false);
    // A's categories never appear in B's facets (B has its own copies with other ids).
    const facetsA = await a.caller.catalog.facets();
    const facetsB = await b.caller.catalog.facets();
    const categoryIdsA = new Set(facetsA.categories.map((c) => c.id));
    expect(facetsB.categories.some((c) => categoryIdsA.has(c.id))).toBe(false);
    // Filtering by A's category from B finds nothing.
    const byForeignCategory = await b.caller.catalog.listVariants({
      startRow: 0,
      endRow: 50,
      filter: { categoryIds: [facetsA.categories[0]!.id] },
    });
    expect(byForeignCategory.total).toBe(0);
    // Fetching rows by id (live updates) returns only one's own.
    const ids = rowsA.slice(0, 3).map((r) => r.variantId);
    expect((await a.caller.catalog.getVariants({ ids })).rows.map((r) => r.variantId).sort()).toEqual([...ids].sort());
    expect((await b.caller.catalog.getVariants({ ids })).rows).toEqual([]);
  });

  it("cannot save A's variants, or assign A's category, from B", async () => {
    const row = (await rowsOf(a))[5]!;
    const error = await expectError(
      b.caller.catalog.saveChanges({
        changes: [
          {
            variantId: row.variantId,
            productVersion: row.productVersion,
            variantVersion: row.variantVersion,
            variant: { price: 1 },
            product: { title: "Hijacked" },
          },
        ],
      }),
    );
    expect(error.code).toBe("NOT_FOUND");
    const [still] = await h.query<{ price: string; title: string }>(
      `select v.price, p.title from variant v join product p on p.id = v.product_id where v.id = $1`,
      [row.variantId],
    );
    expect(still).toEqual({ price: String(row.price), title: row.productTitle });

    const rowB = (await rowsOf(b))[0]!;
    const categoryA = (await a.caller.catalog.facets()).categories[0]!;
    const foreign = await expectError(
      b.caller.catalog.saveChanges({
        changes: [
          {
            variantId: rowB.variantId,
            productVersion: rowB.productVersion,
            variantVersion: rowB.variantVersion,
            product: { categoryId: categoryA.id },
          },
        ],
      }),
    );
    expect(foreign.code).toBe("BAD_REQUEST");
  });

  it("keeps grid layouts and views per organization", async () => {
    const state = { columns: [], sort: [], filter: { title: "a" } };
    await a.caller.catalog.gridState.save(state);
    const { id } = await a.caller.catalog.views.save({ name: "Mine", state });
    expect(await b.caller.catalog.gridState.get()).toBeNull();
    expect(await b.caller.catalog.views.list()).toEqual([]);
    expect((await expectError(b.caller.catalog.views.delete({ id }))).code).toBe("NOT_FOUND");
    expect((await expectError(b.caller.catalog.views.save({ id, name: "Stolen", state }))).code).toBe("NOT_FOUND");
    expect((await a.caller.catalog.views.list()).map((v) => v.name)).toEqual(["Mine"]);
  });
});
