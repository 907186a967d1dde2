import { readFile } from "node:fs/promises";
import { expect, test } from "../support/test";
import { cell, openGrid, ownerWithCatalog } from "./catalog-fixtures";

test("Export CSV downloads the current view: its filters and sort", async ({ page }) => {
  const { variants } = await ownerWithCatalog(page, 6);
  await openGrid(page);

  const downloadAll = page.waitForEvent("download");
  await page.getByRole("button", { name: "Export CSV" }).click();
  const all = await readFile((await (await downloadAll).path()) ?? "", "utf8");
  const lines = all
    .replace(/^\ufeff/, "")
    .trimEnd()
    .split("\n");
  // The grid's visible columns, in the grid's order (cost, barcode and weight are hidden by default).
  expect(lines[0]).toBe("Title,Options,SKU,Status,Price,Compare-at price,Stock on hand,Brand,Category,Tags");
  expect(lines).toHaveLength(variants.length + 1);

  // A filter narrows the grid, and the export follows the grid (filter and sort from the URL).
  await page.goto("/products?sku=E2E-002&sort=sku:desc");
  await expect(cell(page, 0, "sku")).toHaveText("E2E-002-B");
  const downloadFiltered = page.waitForEvent("download");
  await page.getByRole("button", { name: "Export CSV" }).click();
  const filtered = await readFile((await (await downloadFiltered).path()) ?? "", "utf8");
  const [header = "", ...rows] = filtered
    .replace(/^\ufeff/, "")
    .trimEnd()
    .split("\n");
  const skuColumn = header.split(",").indexOf("SKU");
  const skus = rows.map((row) => row.split(",")[skuColumn]);
  expect(skus).toEqual(
    variants
      .filter((v) => v.sku.startsWith("E2E-002"))
      .map((v) => v.sku)
      .sort()
      .reverse(),
  );
});
