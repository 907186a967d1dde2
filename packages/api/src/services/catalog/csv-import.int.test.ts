import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { forOrganization } from "@syncstore/db";
import { runBulkBatch, runImportBatch } from "@syncstore/jobs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiHarness, type ApiHarness } from "../../testing/harness";
import { dryRunImport, ImportTooLargeError, storeUpload } from "./csv-import";
import { exportVariantsCsv } from "./export-csv";

type Owner = Awaited<ReturnType<ApiHarness["signUp"]>>;

let h: ApiHarness;
let a: Owner;
let b: Owner;
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "syncstore-import-"));
  process.env.IMPORT_DIR = dir;
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
afterAll(async () => {
  await h?.close();
  await rm(dir, { recursive: true, force: true });
});

const bytes = (text: string) => [new TextEncoder().encode(text)];
const upload = (owner: Owner, text: string | Uint8Array[]) =>
  storeUpload(owner.organizationId, owner.me.user.id, "test.csv", typeof text === "string" ? bytes(text) : text);
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
      storeUpload(a.organizationId, a.me.user.id, null, bytes("SKU\n" + "A-1\n".repeat(100)), 50),
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
    expect(statuses).toEqual(["running:100", "running:200", "succeeded:260"]);
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
