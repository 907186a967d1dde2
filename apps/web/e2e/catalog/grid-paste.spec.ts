import { guideShot } from "../support/guide";
import { expect, test } from "../support/test";
import { cell, openGrid, ownerWithCatalog, pasteIntoFocusedCell, signIn } from "./catalog-fixtures";

test.use({ viewport: { width: 1440, height: 1100 } });

// From the Price column: Price, Compare at, Stock (Cost is hidden by default).
const pastedRow = (index: number) => [
  `${(10 + index).toLocaleString("en-US")}.50`,
  `1,${index + 100}.00`,
  `${200 + index}`,
];

test("a 3 × 20 block pasted from a spreadsheet is saved in one go and survives a reload", async ({ page }) => {
  await ownerWithCatalog(page, 12);
  await openGrid(page);

  await cell(page, 0, "price").click();
  await pasteIntoFocusedCell(
    page,
    Array.from({ length: 20 }, (_, index) => pastedRow(index)),
  );
  await expect(page.locator(".ss-cell-dirty")).toHaveCount(60);
  await expect(cell(page, 19, "stockOnHand")).toHaveText("219");
  await guideShot(page, "products-grid-paste", { fullPage: false });

  await page.getByRole("button", { name: "Save 60 changes" }).click();
  await expect(page.getByText("Saved 60 changes")).toBeVisible();
  await expect(page.getByRole("button", { name: "No changes" })).toBeVisible();
  await expect(page.locator(".ss-cell-dirty")).toHaveCount(0);

  await page.reload();
  await expect(cell(page, 0, "sku")).toHaveText("E2E-001-A");
  for (const index of [0, 7, 19]) {
    await expect(cell(page, index, "price")).toHaveText(`$${10 + index}.50`);
    await expect(cell(page, index, "compareAtPrice")).toHaveText(`$1,${index + 100}.00`);
    await expect(cell(page, index, "stockOnHand")).toHaveText(`${200 + index}`);
  }
});

test("a paste with two bad cells marks both, blocks saving and saves nothing", async ({ page }) => {
  await ownerWithCatalog(page, 12);
  await openGrid(page);
  const priceBefore = await cell(page, 0, "price").textContent();

  await cell(page, 0, "price").click();
  const rows = Array.from({ length: 20 }, (_, index) => pastedRow(index));
  rows[3] = ["13.50", "abc", "203"];
  rows[5] = ["15.50", "1,105.00", "-5"];
  await pasteIntoFocusedCell(page, rows);

  await expect(page.locator(".ss-cell-invalid")).toHaveCount(2);
  const problems = page.getByTestId("catalog-invalid-cells");
  await expect(problems).toContainText("2 invalid cells block saving");
  await expect(problems).toContainText('"abc" is not an amount');
  await expect(problems).toContainText("-5");
  await expect(page.getByRole("button", { name: "Save 60 changes" })).toBeDisabled();

  // The marked cell explains itself on hover.
  await cell(page, 3, "compareAtPrice").hover();
  await expect(page.getByRole("tooltip")).toContainText("is not an amount");

  await page.reload();
  await expect(cell(page, 0, "sku")).toHaveText("E2E-001-A");
  await expect(cell(page, 0, "price")).toHaveText(priceBefore ?? "");
  await expect(cell(page, 5, "stockOnHand")).toHaveText("5");
});

test("a second browser sees a saved edit appear live", async ({ page, browser, watchContext }) => {
  const { account } = await ownerWithCatalog(page, 4);
  const otherContext = await browser.newContext({ viewport: { width: 1440, height: 1100 } });
  watchContext(otherContext);
  const other = await otherContext.newPage();
  await signIn(other, account);
  await openGrid(other);
  await openGrid(page);

  await cell(page, 1, "stockOnHand").dblclick();
  await page.keyboard.press("ControlOrMeta+a");
  await page.keyboard.type("321");
  await page.keyboard.press("Enter");
  await page.getByRole("button", { name: "Save 1 change" }).click();
  await expect(page.getByText("Saved 1 change")).toBeVisible();

  await expect(cell(other, 1, "stockOnHand")).toHaveText("321");
  await expect(cell(other, 0, "stockOnHand")).toHaveText("5");
  await otherContext.close();
});

test("prices that look wrong warn at the cell and are listed before saving, which the user confirms", async ({
  page,
}) => {
  await ownerWithCatalog(page, 2);
  await openGrid(page);
  // Title to Stock fit a 1440 px window: Stock is visible without scrolling.
  await expect(page.locator('.ag-header-cell[col-id="stockOnHand"]')).toBeInViewport({ ratio: 1 });

  await cell(page, 0, "price").click();
  await pasteIntoFocusedCell(page, [["0"], ["150.00"], ["13.00"]]);
  await expect(page.locator(".ss-cell-dirty")).toHaveCount(3);
  await expect(page.locator(".ss-cell-invalid")).toHaveCount(0);
  await expect(page.locator(".ss-cell-warning")).toHaveCount(2);
  await cell(page, 1, "price").hover();
  await expect(page.getByRole("tooltip")).toContainText("More than 10× the previous price (USD 11.00)");

  // Saving first lists what looks wrong; going back saves nothing.
  await page.getByRole("button", { name: "Save 3 changes" }).click();
  const dialog = page.getByRole("alertdialog");
  await expect(dialog.getByRole("heading", { name: "2 prices look wrong" })).toBeVisible();
  const list = dialog.getByRole("list", { name: "Price warnings" });
  await expect(list.getByRole("listitem")).toHaveCount(2);
  await expect(list).toContainText("E2E-001-A");
  await expect(list).toContainText("A price of 0 gives the item away");
  await dialog.getByRole("button", { name: "Go back" }).click();
  await expect(page.getByRole("button", { name: "Save 3 changes" })).toBeEnabled();

  await page.getByRole("button", { name: "Save 3 changes" }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Save anyway" }).click();
  await expect(page.getByText("Saved 3 changes")).toBeVisible();
  await expect(cell(page, 0, "price")).toHaveText("$0.00");
  await expect(page.locator(".ss-cell-warning")).toHaveCount(0);
});
