import { generateDemoCatalog, insertCatalog } from "@syncstore/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiHarness, type ApiHarness } from "../../testing/harness";
import { LIST_COUNT_CAP } from "./list-query";

type Owner = Awaited<ReturnType<ApiHarness["signUp"]>>;

let h: ApiHarness;
let a: Owner;
let variants: number;

beforeAll(async () => {
  h = await createApiHarness();
  a = await h.signUp("Big catalog");
  const catalog = generateDemoCatalog(Math.ceil((LIST_COUNT_CAP + 500) / 3), 7);
  variants = catalog.variants.length;
  await insertCatalog(h.orm.em.fork(), a.organizationId, catalog);
}, 120_000);
afterAll(() => h?.close());

describe("catalog.listVariants count", () => {
  it("counts exactly up to the cap and says 'more than' beyond it", async () => {
    expect(variants).toBeGreaterThan(LIST_COUNT_CAP);
    const first = await a.caller.catalog.listVariants({ startRow: 0, endRow: 100 });
    expect(first).toMatchObject({ total: LIST_COUNT_CAP, totalExact: false });
    expect(first.rows).toHaveLength(100);

    // A filter that matches fewer rows than the cap is counted exactly.
    const [{ n } = { n: 0 }] = await h.query<{ n: number }>(
      `select count(*)::int as n from variant v join product p on p.id = v.product_id
        where v.organization_id = $1 and p.status = 'draft'`,
      [a.organizationId],
    );
    expect(n).toBeLessThan(LIST_COUNT_CAP);
    const drafts = await a.caller.catalog.listVariants({ startRow: 0, endRow: 100, filter: { status: ["draft"] } });
    expect(drafts).toMatchObject({ total: n, totalExact: true });

    // The last block knows the exact total, whatever the cap.
    const last = await a.caller.catalog.listVariants({ startRow: variants - 10, endRow: variants + 90 });
    expect(last).toMatchObject({ total: variants, totalExact: true });
    expect(last.rows).toHaveLength(10);
    // Seeding and deep blocks over 10,000 rows: room for a busy machine (no timing is asserted).
  }, 120_000);
});
