import { createMailer, createTaskList } from "@syncstore/services";
import { TRPCError } from "@trpc/server";
import type { JobHelpers } from "graphile-worker";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiHarness, type ApiHarness } from "../../testing/harness";
import { LISTING_BULK_INLINE_LIMIT } from "./bulk";

/*
 * The Unmatched screen's bulk actions on PostgreSQL: "Link by SKU suggestions" and "Create
 * products", in the request and through the bulk job (run in-process as the worker would).
 */

let h: ApiHarness;
type Signed = Awaited<ReturnType<ApiHarness["signUp"]>>;
let owner: Signed;
let other: Signed;
let connectionId = "";
let otherConnectionId = "";
const log = pino({ level: "silent" });

async function addConnection(organizationId: string, name: string, currency: string): Promise<string> {
  const [row] = await h.query<{ id: string }>(
    `insert into channel_connection (id, organization_id, platform, external_shop_id, name, region, status, currency,
                                     created_at, updated_at)
     values (gen_random_uuid(), $1, 'shopee', $2, $3, 'MY', 'active', $4, now(), now()) returning id::text as id`,
    [organizationId, `shop-${name}-${Date.now()}`, name, currency],
  );
  return row!.id;
}

async function addListing(
  connection: string,
  organizationId: string,
  values: { product: string; variant: string; sku: string | null; title: string; price: number; stock: number },
  options: Record<string, string> = {},
): Promise<string> {
  const state = { title: values.title, price: values.price, stock: values.stock, status: "NORMAL", options };
  const [row] = await h.query<{ id: string }>(
    `insert into listing (id, organization_id, connection_id, external_product_id, external_variant_id, external_sku,
                          external_title, channel_status, channel_state, channel_state_at, sync_state, enabled,
                          desired_version, synced_version, created_at, updated_at)
     values (gen_random_uuid(), $1, $2, $3, $4, $5, $6, 'NORMAL', $7::jsonb, now(), 'unlinked', true, 1, 0, now(), now())
     returning id::text as id`,
    [organizationId, connection, values.product, values.variant, values.sku, values.title, JSON.stringify(state)],
  );
  return row!.id;
}

const base = {
  description: null,
  brand: null,
  categoryId: null,
  status: "active" as const,
  tags: [],
  images: [],
  attributes: [],
};
const variant = (sku: string, price: number, stock: number) => ({
  sku,
  options: {},
  price,
  compareAtPrice: null,
  cost: null,
  barcode: null,
  weightGrams: null,
  stockOnHand: stock,
});

async function runBulkJobs(): Promise<number> {
  const taskList = createTaskList({
    orm: h.orm,
    realtime: h.deps.realtime,
    mailer: createMailer({ from: "x@example.test", logger: log }),
    logger: log,
    webUrl: "http://localhost:3000",
    channels: h.deps.channels,
  });
  const jobs = await h.query<{ id: string; payload: unknown; attempts: number; max_attempts: number }>(
    `select j.id::text, j.payload, j.attempts, j.max_attempts
       from graphile_worker._private_jobs j join graphile_worker._private_tasks t on t.id = j.task_id
      where t.identifier = 'catalog-bulk-operation' order by j.id`,
  );
  for (const job of jobs) {
    const helpers = { job: { ...job, attempts: job.attempts + 1 } } as unknown as JobHelpers;
    await taskList["catalog-bulk-operation"]?.(job.payload, helpers);
    await h.query(`select graphile_worker.complete_jobs(array[$1::bigint])`, [job.id]);
  }
  return jobs.length;
}

async function fieldErrorsOf(promise: Promise<unknown>): Promise<Record<string, string[]>> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof TRPCError && error.code === "BAD_REQUEST") {
      const cause = error.cause as { issues?: { path: (string | number)[]; message: string }[] } | undefined;
      const out: Record<string, string[]> = {};
      for (const issue of cause?.issues ?? []) (out[issue.path.join(".")] ??= []).push(issue.message);
      return out;
    }
    throw error;
  }
  throw new Error("expected field errors");
}

const listing = async (id: string) =>
  (
    await h.query<{ variant_id: string | null; product_id: string | null; sync_state: string }>(
      `select variant_id::text, product_id::text, sync_state from listing where id = $1`,
      [id],
    )
  )[0];
const operationCount = async () =>
  (await h.query<{ n: number }>(`select count(*)::int as n from bulk_operation`))[0]?.n ?? 0;

let mug: Awaited<ReturnType<Signed["caller"]["catalog"]["product"]["create"]>>;

beforeAll(async () => {
  h = await createApiHarness();
  owner = await h.signUp("Bulk Owner");
  other = await h.signUp("Other Owner");
  connectionId = await addConnection(owner.organizationId, "Bulk MY", "MYR");
  otherConnectionId = await addConnection(other.organizationId, "Other MY", "MYR");
  // The catalog is in USD; the shop sells in MYR at 4.5 MYR per USD.
  await h.query(
    `insert into exchange_rate (id, organization_id, currency, rate, rounding, set_at)
     values (gen_random_uuid(), $1, 'MYR', 4.5, '{"kind": "none"}', now())`,
    [owner.organizationId],
  );
  mug = await owner.caller.catalog.product.create({
    ...base,
    title: "Classic Mug",
    variants: [variant("MUG-CLS-01", 1200, 7), variant("MUG-CLS-02", 1200, 3), variant("AB-1", 100, 1)],
  });
  await owner.caller.catalog.product.create({ ...base, title: "Ambiguous", variants: [variant("AB_1", 100, 1)] });
}, 90_000);

afterAll(async () => {
  await h?.close();
});

describe("link by SKU suggestions", () => {
  it("previews a suggestion per listing, links the confirmed ones with stock reconciled, and skips the linked ones on a repeat", async () => {
    const one = await addListing(connectionId, owner.organizationId, {
      product: "p1",
      variant: "v1",
      sku: "mug cls 01",
      title: "Mug one",
      price: 5400,
      stock: 2,
    });
    const two = await addListing(connectionId, owner.organizationId, {
      product: "p1",
      variant: "v2",
      sku: "mug_cls_02",
      title: "Mug two",
      price: 5400,
      stock: 2,
    });
    const none = await addListing(connectionId, owner.organizationId, {
      product: "p2",
      variant: "v1",
      sku: "NOPE-9",
      title: "Nothing",
      price: 100,
      stock: 1,
    });
    const ambiguous = await addListing(connectionId, owner.organizationId, {
      product: "p3",
      variant: "v1",
      sku: "ab1",
      title: "Two matches",
      price: 100,
      stock: 1,
    });
    const preview = await owner.caller.channels.listings.previewBulkLink({
      connectionId,
      selection: { mode: "ids", listingIds: [one, two, none, ambiguous] },
    });
    expect(preview).toMatchObject({ linkable: 2, skipped: 2 });
    const byId = new Map(preview.rows.map((row) => [row.listingId, row]));
    expect(byId.get(one)).toMatchObject({ sku: "MUG-CLS-01", productTitle: "Classic Mug", reason: null });
    expect(byId.get(none)).toMatchObject({ variantId: null, reason: "No master variant has a SKU like NOPE-9" });
    expect(byId.get(ambiguous)?.reason).toContain("2 master variants match");

    const links = preview.rows.flatMap((row) =>
      row.variantId ? [{ listingId: row.listingId, variantId: row.variantId }] : [],
    );
    const done = await owner.caller.channels.listings.bulkLink({ connectionId, links });
    expect(done).toMatchObject({ kind: "link", status: "succeeded", total: 2, done: 2, failed: 0 });
    expect(done.results.map((r) => [r.listingId, r.outcome, r.sku])).toEqual([
      [one, "linked", "MUG-CLS-01"],
      [two, "linked", "MUG-CLS-02"],
    ]);
    // As a single link: linked, its stock allocation queued for a push at once.
    expect(await listing(one)).toMatchObject({
      variant_id: mug.variants.find((v) => v.sku === "MUG-CLS-01")?.id,
      product_id: mug.id,
      sync_state: "pending",
    });
    const [job] = await h.query<{ n: number }>(`select count(*)::int as n from graphile_worker.jobs where key = $1`, [
      `sync-listing:${one}`,
    ]);
    expect(job?.n).toBe(1);
    const audit = await h.query<{ entity_label: string | null }>(
      `select entity_label from audit_log where action = 'listing.link' and entity_id = $1`,
      [one],
    );
    expect(audit).toEqual([{ entity_label: "mug cls 01" }]);

    // Idempotent: confirming the same links again skips them, with the reason, and changes nothing.
    const again = await owner.caller.channels.listings.bulkLink({ connectionId, links });
    expect(again).toMatchObject({ status: "failed", done: 2, failed: 2 });
    expect(again.results.map((r) => [r.outcome, r.reason])).toEqual([
      ["skipped", "Already linked to MUG-CLS-01"],
      ["skipped", "Already linked to MUG-CLS-02"],
    ]);
    expect((await owner.caller.channels.listings.getBulk({ operationId: again.operationId })).results).toHaveLength(2);
  });

  it("refuses a listing or variant of another organization with the field at fault, creating nothing", async () => {
    const foreign = await addListing(otherConnectionId, other.organizationId, {
      product: "x1",
      variant: "v1",
      sku: "MUG-CLS-01",
      title: "Not yours",
      price: 100,
      stock: 1,
    });
    const mine = await addListing(connectionId, owner.organizationId, {
      product: "p9",
      variant: "v1",
      sku: "AB-1",
      title: "Mine",
      price: 100,
      stock: 1,
    });
    const before = await operationCount();
    const errors = await fieldErrorsOf(
      owner.caller.channels.listings.bulkLink({
        connectionId,
        links: [
          { listingId: mine, variantId: mug.variants[2]!.id },
          { listingId: foreign, variantId: mug.variants[0]!.id },
        ],
      }),
    );
    expect(errors).toEqual({ "links.1.listingId": ["This listing does not exist in this organization"] });
    const otherVariant = await other.caller.catalog.product.create({
      ...base,
      title: "Theirs",
      variants: [variant("THEIRS-1", 100, 1)],
    });
    expect(
      await fieldErrorsOf(
        owner.caller.channels.listings.bulkLink({
          connectionId,
          links: [{ listingId: mine, variantId: otherVariant.variants[0]!.id }],
        }),
      ),
    ).toEqual({ "links.0.variantId": ["This variant does not exist in this organization"] });
    // Another organization's shop is not found; bad input is a zod error at the field.
    await expect(
      owner.caller.channels.listings.previewBulkLink({
        connectionId: otherConnectionId,
        selection: { mode: "ids", listingIds: [foreign] },
      }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(
      await fieldErrorsOf(
        owner.caller.channels.listings.bulkLink({ connectionId, links: [{ listingId: "nope", variantId: "x" }] }),
      ),
    ).toEqual({
      "links.0.listingId": ["Must be a valid listing id"],
      "links.0.variantId": ["Must be a valid variant id"],
    });
    expect(await operationCount()).toBe(before);
    expect(await listing(mine)).toMatchObject({ variant_id: null, sync_state: "unlinked" });
  });
});

describe("create products", () => {
  it("previews products with prices in both currencies, then creates and links them through the bulk job", async () => {
    const ids: string[] = [];
    // One channel product with two variants, and enough single ones to need the job.
    ids.push(
      await addListing(
        connectionId,
        owner.organizationId,
        { product: "lamp", variant: "red", sku: "LAMP-R", title: "Desk Lamp", price: 4590, stock: 4 },
        { Colour: "Red" },
      ),
      await addListing(
        connectionId,
        owner.organizationId,
        { product: "lamp", variant: "blue", sku: "LAMP-B", title: "Desk Lamp", price: 4590, stock: 0 },
        { Colour: "Blue" },
      ),
      await addListing(connectionId, owner.organizationId, {
        product: "taken",
        variant: "v1",
        sku: "mug-cls-01",
        title: "Taken SKU",
        price: 100,
        stock: 1,
      }),
      await addListing(connectionId, owner.organizationId, {
        product: "nosku",
        variant: "v1",
        sku: null,
        title: "No SKU",
        price: 100,
        stock: 1,
      }),
    );
    for (let i = 0; i < LISTING_BULK_INLINE_LIMIT; i++)
      ids.push(
        await addListing(connectionId, owner.organizationId, {
          product: `single-${i}`,
          variant: "v1",
          sku: `SINGLE-${String(i).padStart(2, "0")}`,
          title: `Single ${i}`,
          price: 900,
          stock: i,
        }),
      );
    const preview = await owner.caller.channels.listings.previewBulkCreate({
      connectionId,
      selection: { mode: "ids", listingIds: ids },
    });
    expect(preview).toMatchObject({
      products: 1 + LISTING_BULK_INLINE_LIMIT,
      variants: 2 + LISTING_BULK_INLINE_LIMIT,
      skipped: 2,
    });
    const lamp = preview.groups.find((g) => g.externalProductId === "lamp");
    expect(lamp).toMatchObject({ title: "Desk Lamp" });
    // 45.90 MYR at 4.5 MYR per USD → 10.20 USD.
    expect(lamp?.variants[0]).toMatchObject({
      sku: "LAMP-R",
      shopPrice: 4590,
      shopCurrency: "MYR",
      masterPrice: 1020,
      masterCurrency: "USD",
      stock: 4,
      options: { Colour: "Red" },
      reason: null,
    });
    expect(preview.groups.find((g) => g.externalProductId === "taken")?.variants[0]?.reason).toBe(
      "SKU mug-cls-01 already belongs to a master variant: link the listing instead",
    );
    expect(preview.groups.find((g) => g.externalProductId === "nosku")?.variants[0]?.reason).toContain("no SKU");

    const started = await owner.caller.channels.listings.bulkCreate({ connectionId, listingIds: ids });
    expect(started).toMatchObject({ kind: "create", status: "queued", done: 0, total: ids.length });
    expect(await runBulkJobs()).toBe(1);
    const finished = await owner.caller.channels.listings.getBulk({ operationId: started.operationId });
    expect(finished).toMatchObject({ status: "succeeded", done: ids.length, failed: 2 });
    const outcomes = new Map(finished.results.map((r) => [r.listingId, r]));
    expect(outcomes.get(ids[0]!)).toMatchObject({ outcome: "created", sku: "LAMP-R" });
    expect(outcomes.get(ids[1]!)?.productId).toBe(outcomes.get(ids[0]!)?.productId);
    expect(outcomes.get(ids[2]!)).toMatchObject({ outcome: "skipped" });
    expect(outcomes.get(ids[3]!)).toMatchObject({ outcome: "skipped" });

    const product = await owner.caller.catalog.product.get({ id: outcomes.get(ids[0]!)!.productId! });
    expect(product).toMatchObject({ title: "Desk Lamp", currency: "USD" });
    expect(product.variants.map((v) => [v.sku, v.price, v.stockOnHand, v.options])).toEqual([
      ["LAMP-R", 1020, 4, { Colour: "Red" }],
      ["LAMP-B", 1020, 0, { Colour: "Blue" }],
    ]);
    expect(await listing(ids[0]!)).toMatchObject({ variant_id: product.variants[0]!.id, product_id: product.id });
    expect(await listing(ids[2]!)).toMatchObject({ variant_id: null });

    // Idempotent: the created ones are now linked and are skipped; nothing is created twice.
    const products = async () =>
      (
        await h.query<{ n: number }>(`select count(*)::int as n from product where organization_id = $1`, [
          owner.organizationId,
        ])
      )[0]?.n;
    const before = await products();
    const again = await owner.caller.channels.listings.bulkCreate({ connectionId, listingIds: ids.slice(0, 2) });
    expect(again.results.map((r) => [r.outcome, r.reason])).toEqual([
      ["skipped", "Already linked to LAMP-R"],
      ["skipped", "Already linked to LAMP-B"],
    ]);
    expect(await products()).toBe(before);
  });

  it("refuses a listing of another organization and needs catalog write access", async () => {
    const foreign = await addListing(otherConnectionId, other.organizationId, {
      product: "f",
      variant: "v1",
      sku: "FOREIGN-1",
      title: "Foreign",
      price: 100,
      stock: 1,
    });
    const before = await operationCount();
    expect(
      await fieldErrorsOf(owner.caller.channels.listings.bulkCreate({ connectionId, listingIds: [foreign] })),
    ).toEqual({ "listingIds.0": ["This listing does not exist in this organization"] });
    expect(await operationCount()).toBe(before);
    expect(await listing(foreign)).toMatchObject({ variant_id: null });

    const viewer = await h.signUp("Viewer");
    await h.addMember(owner.organizationId, viewer.me.user.id, "viewer");
    await h.query(`update session set active_organization_id = $1 where user_id = $2`, [
      owner.organizationId,
      viewer.me.user.id,
    ]);
    const asViewer = await h.callerFor(viewer.cookie);
    await expect(asViewer.channels.listings.bulkCreate({ connectionId, listingIds: [foreign] })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
  });
});
