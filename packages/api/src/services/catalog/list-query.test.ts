import { variantSyncStatusValues } from "@syncstore/db";
import { variantSyncStatuses } from "@syncstore/domain";
import { describe, expect, it } from "vitest";
import { buildListQuery, prefixTsQuery, searchText } from "./list-query";
import { likeContains } from "../sql";

describe("catalog list query", () => {
  it("normalises search text like catalog_search_text", () => {
    expect(searchText("T-Shirt")).toBe("tshirt");
    expect(searchText("USB_C.cable/2")).toBe("usbccable2");
  });

  it("builds a prefix tsquery from words only (no operators from user text)", () => {
    expect(prefixTsQuery("T-shirt  blue")).toBe("t:* & shirt:* & blue:*");
    expect(prefixTsQuery("a & !b | (c)")).toBe("a:* & b:* & c:*");
    expect(prefixTsQuery(" -- ")).toBeNull();
  });

  it("escapes LIKE wildcards", () => {
    expect(likeContains("50%_off\\")).toBe("%50\\%\\_off\\\\%");
  });

  it("passes every value as a parameter, and counts without limit and offset", () => {
    const built = buildListQuery(
      "org-1",
      {
        startRow: 100,
        endRow: 150,
        search: "x'; drop table product; --",
        filter: { title: "o'brien", status: ["active"] },
        sort: [{ field: "price", direction: "desc" }],
      },
      "v.id",
      "variant v join product p on p.id = v.product_id left join stock_level s on s.variant_id = v.id left join category c on c.id = p.category_id",
    );
    expect(built.rows).not.toContain("drop table");
    expect(built.rows).not.toContain("o'brien");
    expect(built.rows).toMatch(/order by v\.price desc, v\.product_id asc, v\.position asc, v\.id asc/);
    expect(built.params.slice(-2)).toEqual([50, 100]);
    expect(built.countParams).toEqual(built.params.slice(0, -2));
    expect(built.count).not.toMatch(/limit|offset|order by/);
  });

  it("picks the block's ids from only the joins its filter and sort need", () => {
    const from = "variant v join product p on p.id = v.product_id";
    const byTitle = buildListQuery("org-1", { startRow: 0, endRow: 10 }, "v.id", from);
    const inner = (sql: string) => sql.slice(sql.indexOf("select v.id as id"), sql.indexOf("limit"));
    expect(inner(byTitle.rows)).toContain("join product p");
    expect(inner(byTitle.rows)).not.toContain("stock_level");
    const byStock = buildListQuery(
      "org-1",
      { startRow: 0, endRow: 10, sort: [{ field: "stockOnHand", direction: "asc" }] },
      "v.id",
      from,
    );
    expect(inner(byStock.rows)).toContain("left join stock_level s");
    expect(inner(byStock.rows)).not.toContain("join product p");
    expect(byStock.count).not.toContain("join");
  });

  it("ranks search matches first unless the user sorts", () => {
    const built = buildListQuery("org-1", { startRow: 0, endRow: 10, search: "tee" }, "v.id", "variant v");
    expect(built.rows).toMatch(/order by hit\.rank desc, hit\.title asc/);
  });
});

describe("sync-status filter", () => {
  it("uses the database's status list, which is the domain's", () => {
    expect([...variantSyncStatusValues]).toEqual([...variantSyncStatuses]);
  });

  it("counts by sync status alone from variant_sync, and joins it to the variants for the block", () => {
    const built = buildListQuery(
      "org",
      { startRow: 0, endRow: 100, filter: { syncStatus: ["failed", "pending"] } },
      "v.id",
      "variant v",
    );
    expect(built.cappedCount).toContain("from variant_sync vs");
    expect(built.cappedCount).not.toContain("variant v");
    expect(built.cappedCount).toContain("vs.status in ('failed', 'pending')");
    expect(built.all).toContain("join variant_sync vs on vs.variant_id = v.id");
    // Another order than the default one joins variant_sync to the variants for the block.
    const byPrice = buildListQuery(
      "org",
      {
        startRow: 0,
        endRow: 100,
        filter: { syncStatus: ["failed", "pending"] },
        sort: [{ field: "price", direction: "asc" }],
      },
      "v.id",
      "variant v",
    );
    expect(byPrice.rows).toContain("join variant_sync vs on vs.variant_id = v.id");
    expect(byPrice.rows).toContain("v.organization_id = $1");
    const withPrice = buildListQuery(
      "org",
      { startRow: 0, endRow: 100, filter: { syncStatus: ["failed"], price: { min: 100 } } },
      "v.id",
      "variant v",
    );
    expect(withPrice.cappedCount).toContain("join variant_sync vs on vs.variant_id = v.id");
    expect(withPrice.cappedCount).toContain("v.organization_id = $1");
  });

  it("reads a block in the default order off variant_sync's index, each status's first rows merged", () => {
    for (const sort of [undefined, [{ field: "title" as const, direction: "asc" as const }]]) {
      const built = buildListQuery(
        "org",
        { startRow: 200, endRow: 300, filter: { syncStatus: ["failed", "pending"] }, sort },
        "v.id",
        "variant v",
      );
      expect(built.rows).not.toContain("join variant_sync");
      expect(built.rows.match(/from variant_sync where organization_id = \$1 and status = '(\w+)'/g)).toEqual([
        "from variant_sync where organization_id = $1 and status = 'failed'",
        "from variant_sync where organization_id = $1 and status = 'pending'",
      ]);
      // Each status gives its first endRow rows (a parameter), the merge picks rows 200 to 300.
      expect(built.rows).toContain("order by title, product_id, position, variant_id limit $4");
      expect(built.params).toEqual(["org", 100, 200, 300]);
    }
  });

  it("adds no condition when every status or none is chosen", () => {
    for (const syncStatus of [[], [...variantSyncStatuses]]) {
      const built = buildListQuery("org", { startRow: 0, endRow: 100, filter: { syncStatus } }, "v.id", "variant v");
      expect(built.rows).not.toContain("variant_sync");
    }
  });
});
