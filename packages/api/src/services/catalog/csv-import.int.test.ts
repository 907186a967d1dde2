import { forOrganization } from "@syncstore/db";
import { pruneCatalogImportRecords, runBulkBatch, runImportBatch } from "@syncstore/services";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiHarness, type ApiHarness } from "../../testing/harness";
import { dryRunImport, ImportTooLargeError, storeUpload } from "./csv-import";
import { exportVariantsCsv } from "./export-csv";

type Owner = Awaited<ReturnType<ApiHarness["signUp"]>>;

let h: ApiHarness;
let a: Owner;
let b: Owner;

beforeAll(async () => {
  h = await createApiHarness();
  a = await h.signUp("Importer");
  b = await h.signUp("Other org");
  // A starting catalog in each organization through the import itself.
  for (const owner of [a, b]) {
    const id = await upload(
      owner,
      "SKU,Title,Price,Stock,Status\nBASE-1,Base tee,10.00,5,active\nBASE-2,Base tee,11.00,0,active\n",
    );
    await owner.caller.catalog.import.start({ importId: id, mapping: {} });
  }
}, 60_000);
afterAll(() => h?.close());

const bytes = (text: string) => [new TextEncoder().encode(text)];
const upload = (owner: Owner, text: string | Uint8Array[]) =>
  storeUpload(
    h.orm.em,
    owner.organizationId,
    owner.me.user.id,
    "test.csv",
    typeof text === "string" ? bytes(text) : text,
  );
const dryRun = (owner: Owner, id: string, mapping = {}) =>
  owner.caller.catalog.import.preview({ importId: id, mapping });
const count = async (sql: string, params: unknown[]) => Number((await h.query<{ n: string }>(sql, params))[0]?.n ?? 0);
const variantCount = (owner: Owner) =>
  count(`select count(*) as n from variant where organization_id = $1`, [owner.organizationId]);

describe("CSV import", () => {
  it("dry-runs: counts creates, updates and unchanged, lists errors, writes nothing", async () => {
    const before = await variantCount(a);
    const id = await upload(
      a,
      [
        "Variant SKU,Name,Price,Qty,Colour notes",
        "BASE-1,Base tee,10.00,5,x", // unchanged
        "BASE-2,Base tee,12.50,0,x", // update (price)
        'NEW-1,Hoodie,"1,234.50",3,x', // create (new product)
        "NEW-2,Hoodie,40,1,x", // create (same new product)
        "NEW-3,Hoodie,abc,1,x", // bad number
        "NEW-1,Hoodie,40,1,x", // duplicate SKU
        "NEW-4,Hoodie,40", // wrong column count
        "NEW-5,,40,1,x", // new SKU without title
      ].join("\n"),
    );
    const report = await dryRun(a, id);
    expect(report).toMatchObject({
      headers: ["Variant SKU", "Name", "Price", "Qty", "Colour notes"],
      mapping: ["sku", "title", "price", "stockOnHand", null],
      unknownColumns: [{ column: 4, header: "Colour notes" }],
      problems: [],
      rows: 8,
      creates: 2,
      newProducts: 1,
      updates: 1,
      unchanged: 1,
      errorRows: 4,
    });
    expect(report.errors).toEqual([
      { row: 6, column: "Price", message: expect.stringContaining('"abc" is not an amount') },
      { row: 7, column: "Variant SKU", message: "Duplicate SKU NEW-1: it is already in row 4" },
      { row: 8, column: null, message: "Row has 3 columns, the header has 5" },
      { row: 9, column: "Name", message: expect.stringContaining("a title is needed") },
    ]);
    expect(await variantCount(a)).toBe(before);
  });

  it("reads UTF-8 with or without a BOM the same way, and the export round-trips as unchanged", async () => {
    const text = "SKU,Title,Price\nBASE-1,Base tee — ünïcode,10.00\n";
    const withBom = await dryRun(a, await upload(a, `\ufeff${text}`));
    const without = await dryRun(a, await upload(a, text));
    expect(withBom.headers).toEqual(["SKU", "Title", "Price"]);
    expect({ ...withBom, importId: "" }).toEqual({ ...without, importId: "" });
    expect(withBom.updates).toBe(1);

    let exported = "";
    for await (const chunk of exportVariantsCsv(forOrganization(h.orm.em, a.organizationId), {})) exported += chunk;
    const roundTrip = await dryRun(a, await upload(a, exported));
    expect(roundTrip).toMatchObject({ errorRows: 0, creates: 0, updates: 0, unknownColumns: [] });
    expect(roundTrip.unchanged).toBe(await variantCount(a));
  });

  it("refuses invalid UTF-8, oversized files, malformed quoting and a file without SKU column", async () => {
    await expect(upload(a, [new Uint8Array([0x53, 0x4b, 0x55, 0x0a, 0xff, 0xfe, 0x41])])).rejects.toThrow(
      /not valid UTF-8/,
    );
    await expect(
      storeUpload(h.orm.em, a.organizationId, a.me.user.id, null, bytes("SKU\n" + "A-1\n".repeat(100)), 50),
    ).rejects.toBeInstanceOf(ImportTooLargeError);
    const malformed = await dryRun(a, await upload(a, 'SKU,Title\nQ-1,"open quote\nQ-2,Fine\n'));
    expect(malformed.errorRows).toBeGreaterThan(0);
    expect(malformed.errors[0]?.message).toMatch(/Malformed CSV/);
    const noSku = await dryRun(a, await upload(a, "Name,Price\nTee,1\n"));
    expect(noSku.problems).toContain("Map a column to SKU: rows are matched by SKU");
    // The user's mapping fixes it.
    const mapped = await dryRun(a, await upload(a, "Code,Price\nBASE-1,10\n"), { Code: "sku" });
    expect(mapped).toMatchObject({ problems: [], unchanged: 1 });
  });

  it("applies: creates products and variants, updates changed fields, moves stock, audits, reports bad rows", async () => {
    const id = await upload(
      a,
      [
        "SKU,Title,Price,Stock,Tags,Options",
        "BASE-2,Base tee,12.50,7,,",
        'AP-1,Applied jacket,99.90,4,"winter, warm",Size: M',
        "AP-2,Applied jacket,99.90,2,,Size: L",
        "AP-3,Applied jacket,-1,2,,",
      ].join("\n"),
    );
    const op = await a.caller.catalog.import.start({ importId: id, mapping: {} });
    expect(op).toMatchObject({ kind: "catalog.import", action: null, selectionMode: "import", total: 4 });
    expect(op).toMatchObject({ status: "succeeded", done: 4, failed: 1 });
    const rows = await h.query<{
      sku: string;
      title: string;
      price: string;
      on_hand: number;
      options: unknown;
      position: number;
    }>(
      `select v.sku, p.title, v.price::text as price, s.on_hand, v.options, v.position from variant v
         join product p on p.id = v.product_id left join stock_level s on s.variant_id = v.id
        where v.organization_id = $1 and v.sku in ('BASE-2', 'AP-1', 'AP-2', 'AP-3') order by v.sku`,
      [a.organizationId],
    );
    expect(rows).toEqual([
      { sku: "AP-1", title: "Applied jacket", price: "9990", on_hand: 4, options: { Size: "M" }, position: 0 },
      { sku: "AP-2", title: "Applied jacket", price: "9990", on_hand: 2, options: { Size: "L" }, position: 1 },
      { sku: "BASE-2", title: "Base tee", price: "1250", on_hand: 7, options: {}, position: 1 },
    ]);
    expect(
      await count(
        `select count(distinct product_id) as n from variant where organization_id = $1 and sku like 'AP-%'`,
        [a.organizationId],
      ),
    ).toBe(1);
    expect(
      await h.query(
        `select m.reason, m.before, m.after from inventory_movement m join variant v on v.id = m.variant_id
          where v.sku = 'BASE-2' and v.organization_id = $1 and m.reason = 'import'`,
        [a.organizationId],
      ),
    ).toEqual([{ reason: "import", before: 0, after: 7 }]);
    const audit = await h.query<{ action: string }>(
      `select action from audit_log where organization_id = $1 and request_id = $2 order by action`,
      [a.organizationId, `bulk_operation:${op.id}`],
    );
    expect(new Set(audit.map((r) => r.action))).toEqual(
      new Set(["product.create", "variant.create", "variant.update"]),
    );
    const detail = await a.caller.catalog.bulk.get({ id: op.id });
    expect(detail.failures).toEqual([
      expect.objectContaining({ reason: expect.stringMatching(/^Row 5 \(AP-3\): Price/) }),
    ]);
    // Applied uploads are gone: they cannot be applied twice.
    await expect(a.caller.catalog.import.start({ importId: id, mapping: {} })).rejects.toThrow(/not found/);
    // The operations list shows it (without loading its rows).
    expect((await a.caller.catalog.bulk.list({})).some((item) => item.id === op.id)).toBe(true);
  });

  it("runs a large import as a job in batches", async () => {
    const lines = ["SKU,Title,Price"];
    for (let i = 0; i < 260; i++) lines.push(`JOB-${String(i).padStart(3, "0")},Job product ${i % 10},${i}.00`);
    const op = await a.caller.catalog.import.start({ importId: await upload(a, lines.join("\n")), mapping: {} });
    expect(op).toMatchObject({ status: "queued", total: 260, done: 0 });
    const statuses: string[] = [];
    for (;;) {
      // What the worker does, with smaller batches: each commits its rows and its cursor.
      const result = await h.orm.em.fork().transactional((tx) => runImportBatch(tx, op.id, 100));
      statuses.push(`${result.status}:${result.progress.done}`);
      if (result.status !== "running") break;
    }
    // First the dry run's validation (nothing to reject here), then the rows in batches.
    expect(statuses).toEqual(["running:0", "running:100", "running:200", "succeeded:260"]);
    // A finished import does nothing when the job runs again (through the shared entry point).
    const again = await h.orm.em.fork().transactional((tx) => runBulkBatch(tx, op.id));
    expect(again).toMatchObject({ processed: 0, status: "succeeded" });
    expect(
      await count(`select count(*) as n from variant where organization_id = $1 and sku like 'JOB-%'`, [
        a.organizationId,
      ]),
    ).toBe(260);
    expect(
      await count(`select count(*) as n from product where organization_id = $1 and title like 'Job product %'`, [
        a.organizationId,
      ]),
    ).toBe(10);
  });

  it("applies exactly what the dry run reported, and marks the changed listings for sync", async () => {
    const lines = ["SKU,Title,Price,Stock"];
    lines.push("BASE-1,Base tee,10.00,5"); // unchanged
    for (let i = 0; i < 30; i++) lines.push(`AGREE-${i},Agree product ${i % 4},${i + 1}.00,${i}`); // creates
    lines.push("AGREE-3,Agree product 3,1.00,1"); // duplicate
    lines.push("AGREE-X,Agree product 9,nope,1"); // bad number
    lines.push("AGREE-Y,,1.00,1"); // new SKU without title
    const first = await upload(a, lines.join("\n"));
    const dry = await dryRun(a, first);
    expect(dry).toMatchObject({ rows: 34, creates: 30, unchanged: 1, updates: 0, errorRows: 3, newProducts: 4 });
    const op = await a.caller.catalog.import.start({ importId: first, mapping: {} });
    expect(op).toMatchObject({ status: "succeeded", total: dry.rows, done: dry.rows, failed: dry.errorRows });
    expect(
      await count(`select count(*) as n from variant where organization_id = $1 and sku like 'AGREE-%'`, [
        a.organizationId,
      ]),
    ).toBe(dry.creates);
    const failures = (await a.caller.catalog.bulk.get({ id: op.id })).failures.map((f) => f.reason).sort();
    expect(failures).toEqual([
      expect.stringMatching(/^Row 33 \(AGREE-3\): SKU: Duplicate SKU AGREE-3/),
      expect.stringMatching(/^Row 34 \(AGREE-X\): Price: /),
      expect.stringMatching(/^Row 35 \(AGREE-Y\): Title: SKU AGREE-Y is new/),
    ]);

    // An update the dry run counts is the update the apply makes; its listing is marked for sync.
    const [connection] = await h.query<{ id: string }>(
      `insert into channel_connection (id, organization_id, platform, external_shop_id, name)
       values (gen_random_uuid(), $1, 'shopee', 'import-hook', 'Import shop') returning id`,
      [a.organizationId],
    );
    const [listing] = await h.query<{ id: string }>(
      `insert into listing (id, organization_id, connection_id, variant_id, product_id, external_product_id,
                            external_variant_id, sync_state)
       select gen_random_uuid(), v.organization_id, $2, v.id, v.product_id, 'imp-1', 'imp-1', 'in_sync'
         from variant v where v.organization_id = $1 and v.sku = 'AGREE-0' returning id`,
      [a.organizationId, connection!.id],
    );
    const second = await upload(a, "SKU,Title,Price\nAGREE-0,Agree product 0,7.77\nAGREE-1,Agree product 1,2.00\n");
    expect(await dryRun(a, second)).toMatchObject({ updates: 1, unchanged: 1, errorRows: 0 });
    expect(await a.caller.catalog.import.start({ importId: second, mapping: {} })).toMatchObject({
      status: "succeeded",
      failed: 0,
    });
    expect(await h.query(`select sync_state from listing where id = $1`, [listing!.id])).toEqual([
      { sync_state: "pending" },
    ]);
    expect(
      await count(`select count(*) as n from graphile_worker._private_jobs where key = $1`, [
        `sync-listing:${listing!.id}`,
      ]),
    ).toBe(1);
    // The staged uploads are gone once applied.
    expect(await count(`select count(*) as n from catalog_import where id = any($1::uuid[])`, [[first, second]])).toBe(
      0,
    );
  });

  it("stops a running import job when cancelled, and housekeeping removes abandoned uploads", async () => {
    const lines = ["SKU,Title,Price"];
    for (let i = 0; i < 300; i++) lines.push(`CANCEL-${i},Cancel product,${i}.00`);
    const id = await upload(a, lines.join("\n"));
    expect(await count(`select count(*) as n from catalog_import_row where import_id = $1`, [id])).toBe(300);
    const op = await a.caller.catalog.import.start({ importId: id, mapping: {} });
    expect(op).toMatchObject({ status: "queued", total: 300 });
    const step = () => h.orm.em.fork().transactional((tx) => runImportBatch(tx, op.id, 100));
    await step(); // validation
    expect(await step()).toMatchObject({ status: "running", progress: { done: 100 } });
    expect(await a.caller.catalog.bulk.cancel({ id: op.id })).toMatchObject({ status: "cancelled", done: 100 });
    expect(await step()).toMatchObject({ status: "cancelled", processed: 0 });
    expect(
      await count(`select count(*) as n from variant where organization_id = $1 and sku like 'CANCEL-%'`, [
        a.organizationId,
      ]),
    ).toBe(100);
    expect((await a.caller.catalog.bulk.get({ id: op.id })).status).toBe("cancelled");

    // A cancelled import's upload and one abandoned for more than a day go; a fresh one stays.
    const abandoned = await upload(a, "SKU\nOLD-1\n");
    const fresh = await upload(a, "SKU\nNEW-1\n");
    await h.query(`update catalog_import set created_at = now() - interval '25 hours' where id = $1`, [abandoned]);
    await pruneCatalogImportRecords(h.orm.em.fork());
    const left = await h.query<{ id: string }>(`select id from catalog_import where id = any($1::uuid[])`, [
      [id, abandoned, fresh],
    ]);
    expect(left).toEqual([{ id: fresh }]);
    expect(await count(`select count(*) as n from catalog_import_row where import_id = $1`, [id])).toBe(0);
  });

  it("keeps organizations apart", async () => {
    const id = await upload(a, "SKU,Title,Price\nBASE-1,Base tee,10.00\nB-ONLY,X,1\n");
    // Another organization cannot see or apply the upload.
    await expect(dryRun(b, id)).rejects.toThrow(/not found/);
    await expect(b.caller.catalog.import.start({ importId: id, mapping: {} })).rejects.toThrow(/not found/);
    // SKUs of another organization do not count as existing.
    const bId = await upload(b, "SKU,Title,Price\nAP-1,Jacket,1\nBASE-1,Base tee,10.00\n");
    expect(await dryRun(b, bId)).toMatchObject({ creates: 1, unchanged: 1 });
    expect(await dryRunImport(forOrganization(h.orm.em, a.organizationId), a.organizationId, id)).toMatchObject({
      unchanged: 1,
      creates: 1,
    });
  });
});
