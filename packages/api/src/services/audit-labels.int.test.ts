import { forOrganization, generateDemoCatalog, insertCatalog } from "@syncstore/db";
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiHarness, type ApiHarness } from "../testing/harness";
import { exportAuditCsv } from "./audit-export";

let h: ApiHarness;
let owner: Awaited<ReturnType<ApiHarness["signUp"]>>;

beforeAll(async () => {
  h = await createApiHarness();
  owner = await h.signUp("Audra");
  await insertCatalog(h.orm.em.fork(), owner.organizationId, generateDemoCatalog(6, 3));
}, 60_000);
afterAll(() => h?.close());

async function firstRow() {
  return (await owner.caller.catalog.listVariants({ startRow: 0, endRow: 1 })).rows[0]!;
}

describe("audit labels", () => {
  it("keep what the entity was called when the row was written, and link to it while it exists", async () => {
    const row = await firstRow();
    const saved = await owner.caller.catalog.saveChanges({
      changes: [
        {
          variantId: row.variantId,
          productVersion: row.productVersion,
          variantVersion: row.variantVersion,
          product: { title: "Labelled Mug" },
          variant: { price: row.price + 100 },
        },
      ],
    });
    expect("rows" in saved).toBe(true);

    const { items } = await owner.caller.audit.list({ limit: 50 });
    const variantRow = items.find((item) => item.entity === "variant" && item.entityId === row.variantId)!;
    expect(variantRow).toMatchObject({ label: row.sku, href: `/products/${row.productId}` });
    const productRow = items.find((item) => item.entity === "product" && item.entityId === row.productId)!;
    expect(productRow).toMatchObject({ label: "Labelled Mug", href: `/products/${row.productId}` });
    // better-auth's own writer (the new organization) is labelled too.
    const created = items.find((item) => item.action === "organization.create")!;
    expect(created.label).toMatch(/store$/);

    // The label is the name at write time: renaming later does not rewrite history ...
    const renamed = await firstRow();
    await owner.caller.catalog.saveChanges({
      changes: [
        {
          variantId: renamed.variantId,
          productVersion: renamed.productVersion,
          variantVersion: renamed.variantVersion,
          product: { title: "Renamed Mug" },
        },
      ],
    });
    const after = await owner.caller.audit.list({ limit: 50, entity: "product" });
    expect(after.items.map((item) => item.label)).toEqual(expect.arrayContaining(["Labelled Mug", "Renamed Mug"]));

    // ... and an entity that is gone keeps its label but loses its link.
    await h.query(`delete from product where id = $1`, [row.productId]);
    const gone = await owner.caller.audit.list({ limit: 50, entity: "product" });
    expect(gone.items.every((item) => item.entityId !== row.productId || item.href === null)).toBe(true);
    expect(gone.items.some((item) => item.label === "Labelled Mug")).toBe(true);
    // The Home page's recent activity carries the same labels.
    const home = await owner.caller.home.summary();
    expect(home.recentAudit?.some((item) => item.label === "Renamed Mug")).toBe(true);
  });

  it("exports the filtered log as CSV, labels included, newest first", async () => {
    const em = forOrganization(h.orm.em, owner.organizationId);
    let csv = "";
    for await (const chunk of exportAuditCsv(em, { entity: "product" })) csv += chunk;
    const records = parse(csv, { columns: true }) as Record<string, string>[];
    expect(records.length).toBeGreaterThan(1);
    expect(records.every((record) => record.Entity === "product")).toBe(true);
    expect(records[0]!["Entity label"]).toBe("Renamed Mug");
    expect(records.map((record) => record["Time (UTC)"])).toEqual(
      records
        .map((record) => record["Time (UTC)"])
        .sort()
        .reverse(),
    );
  });
});
