import { guideShot } from "../support/guide";
import { expect, test } from "../support/test";
import { ownerWithCatalog } from "../catalog/catalog-fixtures";
import { authorizeOnSimulator, createSimShop, setExchangeRate, type SimProduct } from "./channel-fixtures";

test.use({ viewport: { width: 1440, height: 1000 } });

test("select unmatched listings, link them by SKU suggestions, then turn the rest into products with progress", async ({
  page,
}) => {
  // Import, two bulk actions and a worker job: longer than the default budget on a busy machine.
  test.setTimeout(180_000);
  // The master catalog (USD): E2E-001-A/B and E2E-002-A/B.
  const { account } = await ownerWithCatalog(page, 2);
  const shopName = `Bulk Shopee ${Date.now().toString(36)}`;
  // The shop writes three known SKUs its own way (no exact match, so the import leaves them), and
  // sells 22 things the catalog does not have yet: more than a request does, so a job runs them.
  const newItems: SimProduct[] = Array.from({ length: 22 }, (_, i) => {
    const n = String(i + 1).padStart(2, "0");
    return { title: `Bulk Item ${n}`, variants: [{ sku: `BULK-${n}`, price: 45.9, stock: i % 4 }] };
  });
  const shop = await createSimShop("shopee", shopName, "MY", [
    {
      title: "Shop Tee",
      tiers: [{ name: "Size", options: ["S", "M"] }],
      variants: [
        { sku: "e2e 001 a", price: 49.5, stock: 3, tierIndex: [0] },
        { sku: "e2e_001_b", price: 49.5, stock: 2, tierIndex: [1] },
      ],
    },
    { title: "Shop Mug", variants: [{ sku: "E2E.002.A", price: 54, stock: 1 }] },
    ...newItems,
  ]);
  // The catalog is in USD, the shop sells in MYR: 4.5 MYR per USD.
  await setExchangeRate(account.email, "MYR", "4.5");

  await page.goto("/channels");
  await page.getByRole("button", { name: "Connect Shopee" }).first().click();
  await authorizeOnSimulator(page, shopName);
  await expect(page.getByText("Shopee shop connected")).toBeVisible();
  const row = page.getByTestId(`connection-shopee-${shop.shopId}`);
  await row.getByRole("button", { name: `Import listings of ${shopName}` }).click();
  await expect(row.getByTestId("import-progress")).toHaveText("Imported 24 products, 25 listings (0 matched by SKU)");
  await row.getByRole("link", { name: "25 unmatched" }).click();
  await expect(page.getByRole("heading", { name: "Unmatched listings" })).toBeVisible();
  // The shop's prices carry the shop's currency.
  await expect(page.getByTestId("unmatched-BULK-01")).toContainText("MYR");

  // Link by SKU suggestions: three listings with a suggestion and one without.
  for (const sku of ["e2e 001 a", "e2e_001_b", "E2E.002.A", "BULK-01"])
    await page.getByRole("checkbox", { name: `Select ${sku}` }).check();
  await expect(page.getByTestId("unmatched-selected")).toHaveText("4 selected");
  await guideShot(page, "channels-unmatched-selection", { fullPage: false });
  await page.getByRole("button", { name: "Link by SKU suggestions…" }).click();
  const dialog = page.getByTestId("bulk-unmatched-dialog");
  await expect(dialog.getByTestId("bulk-preview-summary")).toHaveText(
    "3 will be linked, 1 left out (no single suggestion).",
  );
  await expect(dialog.getByTestId("bulk-link-e2e 001 a")).toContainText("E2E-001-A");
  await expect(dialog.getByTestId("bulk-link-E2E.002.A")).toContainText("E2E-002-A");
  await expect(dialog.getByTestId("bulk-link-BULK-01")).toContainText("No master variant has a SKU like BULK-01");
  await guideShot(page, "channels-unmatched-bulk-link", { fullPage: false });
  await dialog.getByRole("button", { name: "Link 3 listings" }).click();
  await expect(dialog.getByTestId("bulk-progress")).toHaveAttribute("data-status", "succeeded");
  await expect(dialog.getByTestId("bulk-progress-text")).toHaveText("Finished: 3 of 3 · 3 linked");
  await expect(dialog.getByTestId("bulk-result-e2e_001_b")).toContainText("Linked");
  await expect(dialog.getByTestId("bulk-result-e2e_001_b")).toContainText("E2E-001-B");
  await dialog.getByRole("button", { name: "Done" }).click();
  await expect(page.getByText("22 unmatched")).toBeVisible();
  await expect(page.getByTestId("unmatched-E2E.002.A")).toHaveCount(0);

  // Create products from every listing left: select the page, preview with prices in both currencies.
  await page.getByRole("checkbox", { name: "Select all listings on this page" }).check();
  await expect(page.getByTestId("unmatched-selected")).toHaveText("22 selected");
  await page.getByRole("button", { name: "Create products…" }).click();
  await expect(dialog.getByTestId("bulk-preview-summary")).toHaveText("22 products with 22 variants will be created.");
  // 45.90 MYR at 4.5 MYR per USD: $10.20.
  await expect(dialog.getByTestId("bulk-create-BULK-07")).toContainText("$10.20");
  await expect(dialog.getByTestId("bulk-create-BULK-07")).toContainText("MYR");
  await guideShot(page, "channels-unmatched-bulk-create", { fullPage: false });
  await dialog.getByRole("button", { name: "Create 22 products" }).click();
  // More than 20 listings: the worker runs it, the bar follows its progress to the end.
  await expect(dialog.getByTestId("bulk-progress")).toHaveAttribute("data-status", "succeeded", { timeout: 30_000 });
  await expect(dialog.getByTestId("bulk-progress-text")).toHaveText("Finished: 22 of 22 · 22 created");
  await expect(dialog.getByTestId("bulk-result-BULK-22")).toContainText("Created");
  await guideShot(page, "channels-unmatched-bulk-result", { fullPage: false });
  await dialog.getByRole("button", { name: "Done" }).click();
  await expect(page.getByText("Every listing is linked")).toBeVisible();

  // The products exist in the catalog with the converted price and the shop's stock.
  await page.goto("/products?sort=sku:asc");
  await page.getByLabel("Search products").fill("BULK-03");
  await expect(page.locator('.ag-row [col-id="sku"]').filter({ hasText: "BULK-03" })).toBeVisible();
});
