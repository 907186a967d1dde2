import { ownerWithCatalog } from "../catalog/catalog-fixtures";
import { authorizeOnSimulator, createSimShop, productIdByTitle, setExchangeRate } from "../channels/channel-fixtures";
import { guideShot } from "../support/guide";
import { expect, test } from "../support/test";

test("a MYR shop shows the USD catalog's prices converted and rounded, in MYR", async ({ page }) => {
  // The master catalog is in USD: E2E-001-A/B at $11.00.
  const { account } = await ownerWithCatalog(page, 1);
  const shopName = `Kedai MY ${Date.now().toString(36)}`;
  const shop = await createSimShop("shopee", shopName, "MY", [
    {
      title: "Kedai Tee",
      tiers: [{ name: "Size", options: ["S", "M"] }],
      variants: [
        { sku: "E2E-001-A", price: 49, stock: 5, tierIndex: [0] },
        { sku: "E2E-001-B", price: 49, stock: 5, tierIndex: [1] },
      ],
    },
  ]);
  // 1 USD = 4.7125 MYR, prices ending in .90: $11.00 → 51.84 → MYR 51.90.
  await setExchangeRate(account.email, "MYR", "4.7125", { kind: "ending", ending: "90" });

  await page.goto("/channels");
  await page.getByRole("button", { name: "Connect Shopee" }).first().click();
  await authorizeOnSimulator(page, shopName);
  await expect(page.getByText("Shopee shop connected")).toBeVisible();
  const row = page.getByTestId(`connection-shopee-${shop.shopId}`);
  await row.getByRole("button", { name: `Import listings of ${shopName}` }).click();
  await expect(row.getByTestId("import-progress")).toContainText("2 matched by SKU");

  await page.goto(`/products/${await productIdByTitle(account.email, "E2E Product 001")}`);
  const block = page.getByRole("region", { name: `Shopee · ${shopName}` });
  for (const sku of ["E2E-001-A", "E2E-001-B"]) {
    await expect(block.getByTestId(`listing-row-${sku}`).getByTestId("listing-price")).toHaveText(/MYR\s51\.90/);
  }
  await block.scrollIntoViewIfNeeded();
  await guideShot(page, "product-channel-prices-myr");
});
