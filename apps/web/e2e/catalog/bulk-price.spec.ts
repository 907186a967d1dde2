import { guideShot } from "../support/guide";
import { expect, test } from "../support/test";
import { cell, openGrid, ownerWithCatalog } from "./catalog-fixtures";

test.use({ viewport: { width: 1440, height: 1100 } });

test("select 300 rows, raise prices 10%: the progress bar reaches 100% and the prices show +10%", async ({ page }) => {
  test.setTimeout(180_000);
  // 150 products × 2 variants; E2E-001-* cost $11.00, E2E-002-* $12.00, …
  await ownerWithCatalog(page, 150);
  await openGrid(page);
  await expect(page.getByTestId("catalog-row-count")).toHaveText("300 variants");

  await page.locator('.ag-row[row-index="0"] input[type="checkbox"]').first().click();
  await expect(page.getByTestId("bulk-selection-count")).toHaveText("1 selected");
  await page.getByRole("button", { name: "Select all 300 matching the filter" }).click();
  await expect(page.getByTestId("bulk-selection-count")).toHaveText("All 300 matching rows selected");

  await page.getByRole("button", { name: "Bulk edit…" }).click();
  const dialog = page.getByRole("dialog", { name: "Bulk edit" });
  await dialog.getByLabel("Action").selectOption("change_price_percent");
  await dialog.getByLabel("Percent").fill("10");
  await dialog.getByRole("button", { name: "Preview" }).click();
  await expect(dialog.getByTestId("bulk-preview-count")).toHaveText("300 rows");
  const preview = dialog.getByTestId("bulk-preview");
  await expect(preview).toContainText("E2E-001-A");
  await expect(preview).toContainText("$11.00");
  await expect(preview).toContainText("$12.10");
  await guideShot(page, "products-bulk-edit", { fullPage: false });
  // The preview changed nothing.
  await expect(cell(page, 0, "price")).toHaveText("$11.00");

  await dialog.getByRole("button", { name: "Apply to 300 rows" }).click();
  await expect(dialog).toBeHidden();
  // Over the inline limit: the worker runs it, and socket.io reports the progress.
  const operation = page.getByTestId("bulk-operation");
  await expect(operation.getByRole("progressbar", { name: "Bulk edit progress" })).toHaveAttribute(
    "aria-valuenow",
    "100",
    { timeout: 60_000 },
  );
  await expect(operation).toHaveAttribute("data-status", "succeeded");
  await expect(page.getByTestId("bulk-operation-report")).toContainText("300 succeeded, 0 failed");
  await guideShot(page, "products-bulk-progress", { fullPage: false });

  await expect(cell(page, 0, "price")).toHaveText("$12.10");
  await expect(cell(page, 1, "price")).toHaveText("$12.10");
  await expect(cell(page, 2, "price")).toHaveText("$13.20");

  await page.reload();
  await expect(cell(page, 0, "sku")).toHaveText("E2E-001-A");
  await expect(cell(page, 0, "price")).toHaveText("$12.10");
  await expect(cell(page, 5, "price")).toHaveText("$14.30");
});
