import { forOrganization, generateDemoCatalog, insertCatalog } from "@syncstore/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiHarness, type ApiHarness } from "../../testing/harness";
import { EXPORT_CHUNK, exportVariantsCsv } from "./export-csv";

let h: ApiHarness;
let owner: Awaited<ReturnType<ApiHarness["signUp"]>>;
let other: Awaited<ReturnType<ApiHarness["signUp"]>>;
let large: Awaited<ReturnType<ApiHarness["signUp"]>>;

beforeAll(async () => {
  h = await createApiHarness();
  owner = await h.signUp("Exporter");
  other = await h.signUp("Someone else");
  await insertCatalog(h.orm.em.fork(), owner.organizationId, generateDemoCatalog(60));
  await insertCatalog(h.orm.em.fork(), other.organizationId, generateDemoCatalog(5));
  // More than two export chunks, so the export fetches a chunk while it writes the one before.
  large = await h.signUp("Large catalog");
  await insertCatalog(h.orm.em.fork(), large.organizationId, generateDemoCatalog(1500));
}, 120_000);
afterAll(() => h?.close());

async function collect(generator: AsyncGenerator<string>): Promise<string> {
  let text = "";
  for await (const chunk of generator) text += chunk;
  return text;
}

describe("catalog CSV export", () => {
  it("streams the whole catalog of the organization with a BOM and a header row", async () => {
    const em = forOrganization(h.orm.em, owner.organizationId);
    const text = await collect(exportVariantsCsv(em, {}));
    expect(text.startsWith("\ufeffSKU,Title,Options,Price,")).toBe(true);
    const lines = text.trimEnd().split("\n");
    const { total } = await owner.caller.catalog.listVariants({ startRow: 0, endRow: 1 });
    expect(lines).toHaveLength(total + 1);
    // Money leaves as decimal text, never a float artefact.
    const prices = lines.slice(1).map((line) => line.match(/,(\d+\.\d{2}),/)?.[1]);
    expect(prices.every(Boolean)).toBe(true);
  });

  it("exports the grid's view: its filter, search, sort and columns", async () => {
    const em = forOrganization(h.orm.em, owner.organizationId);
    const view = await owner.caller.catalog.listVariants({
      startRow: 0,
      endRow: 500,
      filter: { status: ["active"] },
      sort: [{ field: "price", direction: "desc" }],
    });
    const text = await collect(
      exportVariantsCsv(em, { filter: { status: ["active"] }, sort: [{ field: "price", direction: "desc" }] }, [
        "sku",
        "status",
      ]),
    );
    const lines = text.replace("\ufeff", "").trimEnd().split("\n");
    expect(lines[0]).toBe("SKU,Status");
    expect(lines.slice(1)).toEqual(view.rows.map((row) => `${row.sku},active`));
  });

  it("never includes another organization's rows", async () => {
    const emOther = forOrganization(h.orm.em, other.organizationId);
    const text = await collect(exportVariantsCsv(emOther, {}, ["sku"]));
    const { rows } = await other.caller.catalog.listVariants({ startRow: 0, endRow: 500 });
    expect(text.replace("\ufeff", "").trimEnd().split("\n").slice(1).sort()).toEqual(rows.map((r) => r.sku).sort());
  });
});

describe("catalog CSV export across chunks", () => {
  it("writes every row exactly once, in the grid's order", async () => {
    const { total } = await large.caller.catalog.listVariants({ startRow: 0, endRow: 1 });
    expect(total).toBeGreaterThan(2 * EXPORT_CHUNK);
    const text = await collect(exportVariantsCsv(forOrganization(h.orm.em, large.organizationId), {}, ["sku"]));
    const skus = text.replace("\ufeff", "").trimEnd().split("\n").slice(1);
    expect(skus).toHaveLength(total);
    expect(new Set(skus).size).toBe(total);
    // Each chunk boundary continues the grid's order: compare a window around the first one.
    const around = await large.caller.catalog.listVariants({ startRow: EXPORT_CHUNK - 50, endRow: EXPORT_CHUNK + 50 });
    expect(skus.slice(EXPORT_CHUNK - 50, EXPORT_CHUNK + 50)).toEqual(around.rows.map((row) => row.sku));
  });

  it("releases its transaction when cancelled while the next chunk is being fetched", async () => {
    const generator = exportVariantsCsv(forOrganization(h.orm.em, large.organizationId), {}, ["sku"]);
    await generator.next(); // header
    const first = await generator.next(); // the first chunk; the second is being fetched now
    expect(first.value?.split("\n").length).toBeGreaterThan(EXPORT_CHUNK - 1);
    await generator.return(undefined);
    const open = await h.query<{ n: number }>(
      `select count(*)::int as n from pg_stat_activity where datname = current_database() and state like 'idle in transaction%'`,
    );
    expect(open[0]?.n).toBe(0);
  });
});

describe("catalog CSV export, cancelled", () => {
  it("releases its transaction when the consumer stops early", async () => {
    const em = forOrganization(h.orm.em, owner.organizationId);
    const generator = exportVariantsCsv(em, {}, ["sku"]);
    await generator.next(); // header
    await generator.return(undefined);
    const open = await h.query<{ n: number }>(
      `select count(*)::int as n from pg_stat_activity where datname = current_database() and state like 'idle in transaction%'`,
    );
    expect(open[0]?.n).toBe(0);
  });
});
