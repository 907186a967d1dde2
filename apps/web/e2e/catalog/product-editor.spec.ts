import { guideShot } from "../support/guide";
import type { Page } from "@playwright/test";
import { expect, test } from "../support/test";
import { cell, openGrid, ownerWithCatalog } from "./catalog-fixtures";

test.use({ viewport: { width: 1440, height: 1100 } });

const field = (page: Page, label: string) => page.getByLabel(label, { exact: true });

test("create a product with two variants in the editor, see it in the grid, rename it, archive it", async ({
  page,
}) => {
  await ownerWithCatalog(page, 2);
  await openGrid(page);
  const code = Date.now().toString(36).toUpperCase();
  // "A-…" sorts before the seeded "E2E-…" SKUs, so the new rows are the grid's first rows.
  const skus = [`A-ED-${code}-S`, `A-ED-${code}-M`];
  const title = `Editor Tee ${code}`;

  await page.getByRole("link", { name: "Add product" }).click();
  await expect(page).toHaveURL("/products/new");
  await expect(page.getByRole("heading", { name: "New product" })).toBeVisible();

  await field(page, "Title").fill(title);
  await field(page, "Brand").fill("Acme");
  await field(page, "Category").selectOption({ label: "Apparel" });
  await field(page, "Status").selectOption("active");
  await page.locator("#product-tags").fill("summer");
  await page.locator("#product-tags").press("Enter");
  await expect(page.getByRole("list", { name: "Selected tags" })).toContainText("summer");

  await page.getByRole("button", { name: "Add option" }).click();
  await field(page, "Option 1 name").fill("Size");
  await page.getByRole("button", { name: "Add variant" }).click();

  await field(page, "Variant 1 Size").fill("S");
  await field(page, "Variant 1 SKU").fill(skus[0]!);
  await field(page, "Variant 1 Price").fill("19.99");
  await field(page, "Variant 1 Stock").fill("4");
  await field(page, "Variant 2 Size").fill("M");
  await field(page, "Variant 2 SKU").fill(skus[1]!);
  await field(page, "Variant 2 Price").fill("12,5x");
  await field(page, "Variant 2 Stock").fill("2");

  // The invalid price is reported at its field and nothing is saved.
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.locator("#variant-1-price-error")).toHaveText("Price must be an amount like 12.50");
  await expect(field(page, "Variant 2 Price")).toHaveAttribute("aria-invalid", "true");
  await expect(page).toHaveURL("/products/new");

  await field(page, "Variant 2 Price").fill("21.50");
  await expect(page.locator("#variant-1-price-error")).toHaveCount(0);
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText("Product created")).toBeVisible();
  await expect(page).toHaveURL(/\/products\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("heading", { name: title })).toBeVisible();
  await expect(field(page, "Variant 2 Price")).toHaveValue("21.50");
  await guideShot(page, "product-editor");

  // The grid shows both variants; the row's Open link leads back to the editor.
  await page.goto("/products?sort=sku:asc");
  await expect(cell(page, 0, "sku")).toHaveText(skus[1]!);
  await expect(cell(page, 1, "sku")).toHaveText(skus[0]!);
  await expect(cell(page, 0, "price")).toContainText("21.50");
  await expect(cell(page, 1, "stockOnHand")).toHaveText("4");
  await cell(page, 0, "open").getByRole("link").click();
  await expect(page.getByRole("heading", { name: title })).toBeVisible();
  // The selects (NativeSelect, bound with react-hook-form's register) show what was saved.
  await expect(field(page, "Category").locator("option:checked")).toHaveText("Apparel");
  await expect(field(page, "Status")).toHaveValue("active");

  // Rename.
  const renamed = `${title} Renamed`;
  await field(page, "Title").fill(renamed);
  await expect(page.getByText("Unsaved changes")).toBeVisible();
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText("Product saved")).toBeVisible();
  await expect(page.getByRole("heading", { name: renamed })).toBeVisible();
  await expect(page.getByText("Unsaved changes")).toHaveCount(0);

  // Archive, after confirming.
  await page.getByRole("button", { name: "Archive" }).click();
  const dialog = page.getByRole("alertdialog");
  await expect(dialog).toContainText("Archive this product?");
  await dialog.getByRole("button", { name: "Archive" }).click();
  await expect(page.getByText("Product archived")).toBeVisible();
  await expect(page.getByRole("button", { name: "Archive" })).toBeDisabled();

  await page.goto("/products?sort=sku:asc");
  // Product columns show on the product's first row.
  await expect(cell(page, 0, "sku")).toHaveText(skus[1]!);
  await expect(cell(page, 0, "status")).toHaveText("Archived");
  await expect(cell(page, 0, "title")).toHaveText(renamed);
});
