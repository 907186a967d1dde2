import { guideShot } from "../support/guide";
import { expect, test } from "../support/test";
import { cell, openGrid, ownerWithCatalog } from "./catalog-fixtures";

test("Import CSV: preview counts and errors, apply, rows appear in the grid", async ({ page }) => {
  await ownerWithCatalog(page, 2);
  await openGrid(page);

  const csv = [
    "Variant SKU,Name,Price,Qty,Supplier note",
    "E2E-001-A,E2E Product 001,77.50,5,keep", // update: price
    "E2E-001-B,E2E Product 001,11.00,5,keep", // unchanged (seeded at 11.00 with 5 in stock)
    "IMP-001,Imported lamp,19.99,4,new", // create
    "IMP-002,Imported lamp,24.99,2,new", // create (same product)
    "IMP-003,Imported lamp,not-a-price,1,bad", // error
  ].join("\n");

  await page.getByRole("button", { name: "Import CSV" }).click();
  const dialog = page.getByRole("dialog", { name: "Import CSV" });
  await dialog.getByLabel("CSV file (UTF-8)").setInputFiles({
    name: "catalog.csv",
    mimeType: "text/csv",
    buffer: Buffer.from(`\ufeff${csv}\n`, "utf8"),
  });
  await dialog.getByRole("button", { name: "Upload and check" }).click();

  // Automatic mapping, with the unknown column flagged.
  await expect(dialog.getByLabel("Field for column Variant SKU")).toHaveValue("sku");
  await expect(dialog.getByLabel("Field for column Qty")).toHaveValue("stockOnHand");
  await expect(dialog.getByTestId("unknown-column")).toHaveCount(1);

  await expect(dialog.getByTestId("import-creates")).toHaveText("2");
  await expect(dialog.getByTestId("import-updates")).toHaveText("1");
  await expect(dialog.getByTestId("import-unchanged")).toHaveText("1");
  await expect(dialog.getByTestId("import-errors")).toHaveText("1");
  const errorRow = dialog.getByTestId("import-error-table").locator("tbody tr");
  await expect(errorRow).toHaveCount(1);
  await expect(errorRow).toContainText("6");
  await expect(errorRow).toContainText("Price");
  await expect(errorRow).toContainText('"not-a-price" is not an amount');
  await guideShot(page, "products-import-preview", { fullPage: false });

  // Changing a column's field asks for a new check before anything can be applied.
  const qty = dialog.getByLabel("Field for column Qty");
  await qty.selectOption("");
  await expect(qty).toHaveValue("");
  await expect(dialog.getByRole("button", { name: "Apply import" })).toBeDisabled();
  await qty.selectOption({ label: "Stock on hand" });
  await dialog.getByRole("button", { name: "Check again with this mapping" }).click();
  await expect(dialog.getByRole("button", { name: "Check again with this mapping" })).toBeHidden();
  await expect(dialog.getByTestId("import-updates")).toHaveText("1");
  await expect(dialog.getByRole("button", { name: "Apply import" })).toBeEnabled();

  // Nothing is written by the preview.
  await page.goto("/products?sku=IMP&sort=sku:asc");
  await expect(page.getByTestId("catalog-grid")).toBeVisible();
  await expect(cell(page, 0, "sku")).toHaveCount(0);

  // Upload again and apply.
  await openGrid(page);
  await page.getByRole("button", { name: "Import CSV" }).click();
  await dialog.getByLabel("CSV file (UTF-8)").setInputFiles({
    name: "catalog.csv",
    mimeType: "text/csv",
    buffer: Buffer.from(`${csv}\n`, "utf8"),
  });
  await dialog.getByRole("button", { name: "Upload and check" }).click();
  await expect(dialog.getByTestId("import-creates")).toHaveText("2");
  await dialog.getByRole("button", { name: "Apply import" }).click();
  await expect(dialog).toBeHidden();

  const operation = page.getByTestId("bulk-operation");
  await expect(operation).toHaveAttribute("data-status", "succeeded");
  await expect(operation.getByTestId("bulk-operation-report")).toContainText("4 succeeded, 1 failed");
  await expect(operation.getByTestId("bulk-operation-report")).toContainText(
    `Row 6 (IMP-003): Price: "not-a-price" is not an amount in USD`,
  );

  await page.goto("/products?sku=IMP&sort=sku:asc");
  await expect(cell(page, 0, "sku")).toHaveText("IMP-001");
  await expect(cell(page, 0, "title")).toHaveText("Imported lamp");
  await expect(cell(page, 1, "sku")).toHaveText("IMP-002");
  await expect(cell(page, 2, "sku")).toHaveCount(0);
  await page.goto("/products?sku=E2E-001-A");
  await expect(cell(page, 0, "price")).toContainText("77.50");
});
