import { guideShot } from "../support/guide";
import { expect, expectBrowserError, test } from "../support/test";
import { cell, ownerWithCatalog } from "../catalog/catalog-fixtures";
import { authorizeOnSimulator, createSimShop, productIdByTitle, setExchangeRate } from "./channel-fixtures";

test.use({ viewport: { width: 1440, height: 1000 } });

test("connect both marketplaces, import and link listings, link one by hand, override a channel price", async ({
  page,
}) => {
  // The master catalog: E2E-001-A/B ($11.00) and E2E-002-A/B ($12.00).
  const { account } = await ownerWithCatalog(page, 2);
  const unique = Date.now().toString(36);
  const shopeeShop = `Import Shopee ${unique}`;
  const tiktokShop = `Import TikTok ${unique}`;
  // The shops already sell some of those SKUs (one in other letter case) and one thing SyncStore does not know.
  // Their titles and prices are master's, so the import links them without a conflict to decide.
  const shopee = await createSimShop("shopee", shopeeShop, "SG", [
    {
      title: "E2E Product 001",
      tiers: [{ name: "Size", options: ["S", "M"] }],
      variants: [
        { sku: "e2e-001-a", price: 11, stock: 5, tierIndex: [0] },
        { sku: "E2E-001-B", price: 11, stock: 5, tierIndex: [1] },
      ],
    },
    { title: "Odd Mug", variants: [{ sku: "ODD-1", price: 9.5, stock: 2 }] },
  ]);
  const tiktok = await createSimShop("tiktok", tiktokShop, "US", [
    {
      title: "E2E Product 002",
      tiers: [{ name: "Size", options: ["S", "M"] }],
      variants: [
        { sku: "E2E-002-A", price: 12, stock: 5, tierIndex: [0] },
        { sku: "E2E-002-B", price: 12, stock: 5, tierIndex: [1] },
      ],
    },
  ]);

  // The catalog is in USD and the Shopee shop sells in SGD: at 1:1 its prices read as the master's.
  await setExchangeRate(account.email, "SGD", "1");
  await page.goto("/channels");
  await page.getByRole("button", { name: "Connect TikTok Shop" }).first().click();
  await authorizeOnSimulator(page, tiktokShop);
  await expect(page.getByText("TikTok Shop shop connected")).toBeVisible();
  await page.getByRole("button", { name: "Connect Shopee" }).first().click();
  await authorizeOnSimulator(page, shopeeShop);
  await expect(page.getByText("Shopee shop connected")).toBeVisible();
  const shopeeRow = page.getByTestId(`connection-shopee-${shopee.shopId}`);
  const tiktokRow = page.getByTestId(`connection-tiktok-${tiktok.shopId}`);
  await expect(shopeeRow.getByTestId("connection-status")).toHaveText("Active");
  await expect(tiktokRow.getByTestId("connection-status")).toHaveText("Active");

  // Import: the worker reads the shops page by page and links every SKU the catalog knows.
  await shopeeRow.getByRole("button", { name: `Import listings of ${shopeeShop}` }).click();
  await expect(shopeeRow.getByTestId("import-progress")).toHaveText(
    "Imported 2 products, 3 listings (2 matched by SKU)",
  );
  await expect(shopeeRow.getByTestId("listing-counts")).toContainText("2 linked");
  await expect(shopeeRow.getByTestId("listing-counts")).toContainText("1 unmatched");
  await tiktokRow.getByRole("button", { name: `Import listings of ${tiktokShop}` }).click();
  await expect(tiktokRow.getByTestId("import-progress")).toHaveText(
    "Imported 1 product, 2 listings (2 matched by SKU)",
  );
  await expect(tiktokRow.getByTestId("listing-counts")).toContainText("0 unmatched");

  // The unmatched Shopee listing is linked by hand to a master variant.
  await shopeeRow.getByRole("link", { name: "1 unmatched" }).click();
  await expect(page.getByRole("heading", { name: "Unmatched listings" })).toBeVisible();
  const odd = page.getByTestId("unmatched-ODD-1");
  await expect(odd).toContainText("Odd Mug");
  await guideShot(page, "channels-unmatched");
  await odd.getByRole("button", { name: "Link ODD-1" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Search master variants by SKU or title").fill("E2E-002-A");
  await dialog.getByRole("button", { name: "Link to E2E-002-A" }).click();
  // The link-time choice: the shop's title and price differ from master's; keep master (the default).
  const preview = dialog.getByLabel("Link preview");
  await expect(preview.getByText("Title and description")).toBeVisible();
  await preview.getByRole("button", { name: "Link", exact: true }).click();
  await expect(page.getByText("Linked ODD-1")).toBeVisible();
  await expect(page.getByText("Every listing is linked")).toBeVisible();

  // The product page shows each shop's listing; a price rule for Shopee changes its channel price only.
  await page.goto(`/products/${await productIdByTitle(account.email, "E2E Product 001")}`);
  const shopeeBlock = page.getByRole("region", { name: `Shopee · ${shopeeShop}` });
  const teeA = shopeeBlock.getByTestId("listing-row-E2E-001-A");
  await expect(teeA.getByTestId("listing-status")).toHaveText("In sync");
  await expect(teeA.getByTestId("listing-price")).toHaveText(/SGD\s11\.00/);
  await teeA.getByRole("button", { name: `Edit overrides of E2E-001-A on ${shopeeShop}` }).click();
  const overrides = page.getByRole("dialog");
  await overrides.getByLabel("Channel price").fill("cheap");
  await overrides.getByRole("button", { name: "Save overrides" }).click();
  await expect(overrides.locator("#listing-price-rule-error")).toContainText("is not a price or rule");
  await overrides.getByLabel("Channel price").fill("+10%");
  await overrides.getByRole("button", { name: "Save overrides" }).click();
  await expect(page.getByText(`Saved the ${shopeeShop} listing of E2E-001-A`)).toBeVisible();
  await expect(teeA.getByTestId("listing-price")).toHaveText(/SGD\s12\.10/);
  await expect(teeA.getByTestId("listing-overrides")).toHaveText("price +10%");
  // The listing's own stock rule, with the same editor as Settings → Channels: a buffer of 1.
  await expect(teeA.getByTestId("listing-stock-rule")).toHaveText(/^Inherits shop rule \/ organization default/);
  await teeA.getByRole("button", { name: `Stock rule of E2E-001-A on ${shopeeShop}` }).click();
  const stockRule = page.getByRole("dialog");
  await stockRule.getByLabel("Buffer (units kept back)").fill("1");
  await stockRule.getByRole("button", { name: "Save stock rule" }).click();
  await expect(page.getByText(`Stock rule saved for E2E-001-A on ${shopeeShop}; a stock push is queued`)).toBeVisible();
  await expect(teeA.getByTestId("listing-stock")).toHaveText("4");
  await expect(teeA.getByTestId("listing-stock-rule")).toHaveText("buffer 1");
  await guideShot(page, "product-channels");
  // The other shop is untouched; it does not have product 001, so it offers to publish it.
  const tiktokBlock = page.getByRole("region", { name: `TikTok Shop · ${tiktokShop}` });
  await expect(tiktokBlock.getByTestId("listing-row-E2E-001-A").getByTestId("listing-status")).toHaveText("Not listed");
  // Nothing is on that shop yet: no channel price or stock (master's would not be what the shop shows).
  await expect(tiktokBlock.getByTestId("listing-row-E2E-001-A").getByTestId("listing-price")).toHaveText("—");
  await expect(tiktokBlock.getByTestId("listing-row-E2E-001-A").getByTestId("listing-stock")).toHaveText("—");
  await tiktokBlock.getByRole("button", { name: `Publish to ${tiktokShop}` }).click();
  const publish = page.getByRole("dialog");
  await publish.getByLabel("Marketplace category id").fill("600001");
  // The server refuses the incomplete product with its field errors (400), shown in the dialog.
  expectBrowserError(/status of 400/);
  await publish.getByRole("button", { name: "Publish" }).click();
  // Nothing is sent while the platform's requirements are missing: each is named.
  await expect(publish.locator("#publish-warehouseId-error")).toContainText("warehouse");
  await expect(publish.getByRole("list", { name: "Product fields to fix" })).toContainText("Images");
  await expect(publish.getByRole("list", { name: "Product fields to fix" })).toContainText("Variant 1 weight");

  await publish.getByRole("button", { name: "Cancel" }).click();

  // The Products grid can show each shop's price as an extra column (hidden until chosen).
  await page.goto("/products?sort=sku:asc");
  await expect(cell(page, 0, "sku")).toHaveText("E2E-001-A");
  await page.getByRole("button", { name: /^Columns/ }).click();
  await page
    .getByRole("list", { name: "Columns" })
    .getByRole("checkbox", { name: `${shopeeShop} price (SGD)`, exact: true })
    .check();
  const channelPrice = (row: number) =>
    page.locator(`.ag-row[row-index="${row}"] [role="gridcell"][col-id^="channelPrice:"]`);
  await expect(channelPrice(0)).toHaveText(/SGD\s12\.10/);
  await expect(channelPrice(1)).toHaveText(/SGD\s11\.00/);
  await expect(channelPrice(2)).toHaveText(/SGD\s12\.00/);
});
