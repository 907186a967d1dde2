import { describe, expect, it } from "vitest";
import {
  activeFilterCount,
  compactFilter,
  emptyGridQuery,
  fromListVariantsFilter,
  gridQueryToSearch,
  parseGridQuery,
  toListVariantsQuery,
} from "./grid-query";

const parse = (search: string) => parseGridQuery(new URLSearchParams(search));

describe("grid query in the URL", () => {
  it("parses every filter", () => {
    const query = parse(
      "q=tee&title=shirt&sku=TS-&status=active&status=draft&category=c1&brand=Acme%2C%20Inc&tag=sale&sync=failed&sync=bogus&priceMin=10&priceMax=99.50&stockMin=1&stockMax=20&sort=price:desc&sort=title:asc",
    );
    expect(query).toEqual({
      q: "tee",
      title: "shirt",
      sku: "TS-",
      status: ["active", "draft"],
      category: ["c1"],
      brand: ["Acme, Inc"],
      tag: ["sale"],
      sync: ["failed"],
      priceMin: "10",
      priceMax: "99.50",
      stockMin: 1,
      stockMax: 20,
      sort: [
        { field: "price", direction: "desc" },
        { field: "title", direction: "asc" },
      ],
    });
  });

  it("drops bad values one by one instead of failing", () => {
    const query = parse(
      "status=active&status=deleted&priceMin=abc&stockMax=-3&sort=password:asc&sort=sku:up&sort=sku:asc&category=a%20b",
    );
    expect(query.status).toEqual(["active"]);
    expect(query.priceMin).toBeUndefined();
    expect(query.stockMax).toBeUndefined();
    expect(query.sort).toEqual([{ field: "sku", direction: "asc" }]);
    expect(query.category).toEqual([]);
  });

  it("treats an empty URL as no filters", () => {
    expect(parse("")).toEqual(emptyGridQuery());
    expect(activeFilterCount(parse(""))).toBe(0);
  });

  it("swaps a reversed stock range and removes duplicates", () => {
    const query = parse("stockMin=50&stockMax=5&status=active&status=active");
    expect([query.stockMin, query.stockMax]).toEqual([5, 50]);
    expect(query.status).toEqual(["active"]);
  });

  it("round-trips through the search string", () => {
    const search = "?q=blue+shirt&status=archived&brand=A%26B&priceMax=5&sort=updatedAt%3Adesc";
    const query = parse(search);
    expect(parse(gridQueryToSearch(query))).toEqual(query);
    expect(gridQueryToSearch(emptyGridQuery())).toBe("");
    expect(activeFilterCount(query)).toBe(4);
  });

  it("builds the listVariants input with amounts in minor units", () => {
    const { filter, search, sort } = toListVariantsQuery(
      parse("q=x&priceMin=10&priceMax=12.5&stockMin=0&status=active"),
      "USD",
    );
    expect(filter.price).toEqual({ min: 1000, max: 1250 });
    expect(filter.stockOnHand).toEqual({ min: 0, max: undefined });
    expect(filter.status).toEqual(["active"]);
    expect(filter.brands).toBeUndefined();
    expect(search).toBe("x");
    expect(sort).toEqual([]);
    expect(toListVariantsQuery(parse("priceMin=100"), "JPY").filter.price).toEqual({ min: 100, max: undefined });
  });
});

describe("saved filters", () => {
  it("turn back into the same URL state", () => {
    const query = parseGridQuery(
      new URLSearchParams("status=active&priceMin=10&priceMax=12.50&stockMax=3&brand=Acme&sort=sku:asc"),
    );
    const { filter, sort } = toListVariantsQuery(query, "USD");
    expect(fromListVariantsFilter(compactFilter(filter), sort, "USD")).toEqual({ ...query, priceMin: "10.00" });
  });
});
