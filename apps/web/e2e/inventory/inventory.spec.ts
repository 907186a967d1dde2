import type { Page } from "@playwright/test";
import { expect, expectBrowserError, test } from "../support/test";
import { ownerWithCatalog } from "../catalog/catalog-fixtures";
import { authorizeOnSimulator, createSimShop, setExchangeRate } from "../channels/channel-fixtures";
import { e2eEnvironment } from "../support/environment";
import { guideShot } from "../support/guide";

test.use({ viewport: { width: 1440, height: 1000 } });

type SimVariant = { id: string; sku: string; stock: { stock: number }[] };
type SimProduct = { id: string; variants: SimVariant[] };

async function simAdmin<T>(method: string, path: string, body?: unknown): Promise<T> {
  const { simUrl } = await e2eEnvironment();
  const response = await fetch(`${simUrl}/admin${path}`, {
    method,
    headers: body === undefined ? {} : { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  expect(response.ok, `${method} ${path}: ${response.status}`).toBe(true);
  return (await response.json()) as T;
}

/** The simulated shop's own number for a SKU (sum over its warehouses). */
async function simStock(platform: "shopee" | "tiktok", shopId: string, sku: string): Promise<number | null> {
  const { products } = await simAdmin<{ products: SimProduct[] }>("GET", `/shops/${platform}/${shopId}`);
  const variant = products.flatMap((product) => product.variants).find((item) => item.sku === sku);
  return variant ? variant.stock.reduce((sum, location) => sum + location.stock, 0) : null;
}

/** A grid row by SKU (no pinned columns, so a row is one element). */
const row = (page: Page, sku: string) => page.locator(".ag-row").filter({ hasText: sku });

test("an order on TikTok Shop lowers available live and the Shopee quantity; a stale adjustment is refused; a count imports with progress", async ({
  page,
}) => {
  // A long journey (orders, adjustment, count, then a listing rule on the product page).
  test.setTimeout(180_000);
  // Master: E2E-001-A and E2E-001-B with 5 on hand each; both shops sell E2E-001-A.
  const { account } = await ownerWithCatalog(page, 1);
  const unique = Date.now().toString(36);
  const shopeeName = `Stock Shopee ${unique}`;
  const tiktokName = `Stock TikTok ${unique}`;
  const shopee = await createSimShop("shopee", shopeeName, "SG", [
    { title: "Shopee Tee", variants: [{ sku: "E2E-001-A", price: 11, stock: 5 }] },
  ]);
  const tiktok = await createSimShop("tiktok", tiktokName, "US", [
    { title: "TikTok Tee", variants: [{ sku: "E2E-001-A", price: 11, stock: 5 }] },
  ]);
  await setExchangeRate(account.email, "SGD", "1");
  await page.goto("/channels");
  await page.getByRole("button", { name: "Connect TikTok Shop" }).first().click();
  await authorizeOnSimulator(page, tiktokName);
  await expect(page.getByText("TikTok Shop shop connected")).toBeVisible();
  await page.getByRole("button", { name: "Connect Shopee" }).first().click();
  await authorizeOnSimulator(page, shopeeName);
  await expect(page.getByText("Shopee shop connected")).toBeVisible();
  for (const [platform, shop, name] of [
    ["shopee", shopee, shopeeName],
    ["tiktok", tiktok, tiktokName],
  ] as const) {
    const connection = page.getByTestId(`connection-${platform}-${shop.shopId}`);
    await connection.getByRole("button", { name: `Import listings of ${name}` }).click();
    await expect(connection.getByTestId("import-progress")).toContainText("1 matched by SKU");
  }

  // The Inventory page, from the main navigation.
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Inventory" }).click();
  await expect(page.getByRole("heading", { name: "Inventory" })).toBeVisible();
  await expect(page.getByText("Live", { exact: true })).toBeVisible();
  await expect(page.getByTestId("inventory-count")).toHaveText("2 variants");
  const teeA = row(page, "E2E-001-A");
  await expect(teeA.getByTestId("available")).toHaveText("5");
  await guideShot(page, "inventory-grid");

  // A customer buys 2 on TikTok Shop: available drops without a reload, and Shopee is pushed 3.
  const tiktokDetail = await simAdmin<{ products: SimProduct[] }>("GET", `/shops/tiktok/${tiktok.shopId}`);
  const tiktokProduct = tiktokDetail.products[0]!;
  const placed = await simAdmin<{ result: { id: string } }>("POST", `/shops/tiktok/${tiktok.shopId}/orders`, {
    lines: [{ productId: tiktokProduct.id, variantId: tiktokProduct.variants[0]!.id, quantity: 2 }],
    paid: true,
  });
  await expect(teeA.getByTestId("available")).toHaveText("3");
  await expect(teeA.locator('[col-id="committed"]')).toHaveText("2");
  await expect.poll(() => simStock("shopee", shopee.shopId, "E2E-001-A")).toBe(3);

  // Explain: why Shopee is offered 3.
  await teeA.getByRole("button", { name: new RegExp(`^${shopeeName}: pushed`) }).click();
  const explain = page.getByRole("dialog");
  await expect(explain.getByTestId("explain-pushed")).toHaveText("3");
  await expect(explain.getByText(/no rule: the shop is offered everything available/)).toBeVisible();
  await page.keyboard.press("Escape");

  // An adjustment made on what the page showed, after the order shipped (on hand moved): refused.
  await teeA.getByRole("button", { name: "Adjust stock of E2E-001-A" }).click();
  const adjust = page.getByRole("dialog");
  await expect(adjust.getByTestId("adjust-on-hand")).toHaveText("5");
  await adjust.getByLabel("Quantity").fill("4");
  await guideShot(page, "inventory-adjust");
  await simAdmin("POST", `/shops/tiktok/${tiktok.shopId}/orders/${placed.result.id}/ship`);
  await expect(teeA.locator('[col-id="onHand"]')).toHaveText("3");
  expectBrowserError(/status of 409/);
  await adjust.getByRole("button", { name: "Save adjustment" }).click();
  await expect(adjust.getByRole("alert")).toContainText("Stock changed while you were editing");
  await expect(adjust.getByRole("alert")).toContainText("expected 5, it is now 3");
  await expect(adjust.getByTestId("adjust-on-hand")).toHaveText("3");
  // Saved again on the current value: on hand 3 + 4.
  await adjust.getByRole("button", { name: "Save adjustment" }).click();
  await expect(page.getByText("E2E-001-A: on hand 3 → 7")).toBeVisible();
  await expect(teeA.getByTestId("available")).toHaveText("7");
  await expect.poll(() => simStock("shopee", shopee.shopId, "E2E-001-A")).toBe(7);

  // A stock count: preview counted vs system with the row errors, then apply with progress.
  await page.getByRole("button", { name: "Import count" }).click();
  const count = page.getByRole("dialog");
  await count.getByLabel("Count file").setInputFiles({
    name: "count.csv",
    mimeType: "text/csv",
    buffer: Buffer.from("SKU,Counted\nE2E-001-B,9\nNO-SUCH-SKU,4\nE2E-001-A,six\n"),
  });
  await count.getByRole("button", { name: "Preview" }).click();
  await expect(count.getByTestId("count-summary")).toContainText("3 rows: 1 valid, 2 with errors");
  const previewTable = count.getByRole("table", { name: "Count preview" });
  await expect(previewTable.getByRole("row").filter({ hasText: "E2E-001-B" })).toContainText("+4");
  await expect(previewTable).toContainText("No variant has SKU NO-SUCH-SKU");
  await count.getByRole("button", { name: "Apply 1 row" }).click();
  await expect(count.getByRole("progressbar", { name: "Stock count progress" })).toBeVisible();
  await expect(count.getByText("Applied: 1 of 1")).toBeVisible();
  await count.getByRole("button", { name: "Close" }).last().click();
  const teeB = row(page, "E2E-001-B");
  await expect(teeB.locator('[col-id="onHand"]')).toHaveText("9");

  // The movement history: the count, the adjustment, the order's commit and shipment.
  await teeA.getByRole("button", { name: "Movement history of E2E-001-A" }).click();
  const history = page.getByRole("table", { name: "Stock movements" });
  await expect(history).toContainText("Correction");
  await expect(history).toContainText("Order shipped");
  await expect(history).toContainText("Order placed");
  await expect(history.getByRole("row").filter({ hasText: "Correction" })).toContainText("3 → 7");
  await guideShot(page, "inventory-history");
  await page.keyboard.press("Escape");

  // A listing rule on the product page: Shopee is offered half of E2E-001-A and keeps selling below 10
  // as the preferred shop. The explanation's link leads there.
  await teeA.getByRole("button", { name: new RegExp(`^${shopeeName}: pushed`) }).click();
  await page.getByRole("dialog").getByRole("link", { name: "product page" }).click();
  const shopeeBlock = page.getByRole("region", { name: `Shopee · ${shopeeName}` });
  const listingA = shopeeBlock.getByTestId("listing-row-E2E-001-A");
  await expect(listingA.getByTestId("listing-stock-rule")).toHaveText(
    "Inherits shop rule / organization default (none set)",
  );
  await listingA.getByRole("button", { name: `Stock rule of E2E-001-A on ${shopeeName}` }).click();
  const ruleDialog = page.getByRole("dialog");
  await ruleDialog.getByLabel("Percentage of available").fill("150");
  await ruleDialog.getByRole("button", { name: "Save stock rule" }).click();
  await expect(ruleDialog.locator("#listing-rule-percent-error")).toContainText("from 0 to 100");
  await ruleDialog.getByLabel("Percentage of available").fill("50");
  await ruleDialog.getByLabel("Stop selling below").fill("10");
  await ruleDialog.getByLabel("Preferred shop").click();
  await page.getByRole("option", { name: shopeeName }).click();
  await guideShot(page, "product-listing-stock-rule", { fullPage: false });
  await ruleDialog.getByRole("button", { name: "Save stock rule" }).click();
  await expect(page.getByText(`Stock rule saved for E2E-001-A on ${shopeeName}; a stock push is queued`)).toBeVisible();
  await expect(listingA.getByTestId("listing-stock-rule")).toHaveText(`50%, stop below 10 except ${shopeeName}`);
  await expect(listingA.getByTestId("listing-stock")).toHaveText("3");
  await expect.poll(() => simStock("shopee", shopee.shopId, "E2E-001-A")).toBe(3);

  // The Inventory page explains the pushed number by the listing rule.
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Inventory" }).click();
  await row(page, "E2E-001-A")
    .getByRole("button", { name: new RegExp(`^${shopeeName}: pushed`) })
    .click();
  const why = page.getByRole("dialog");
  await expect(why.getByTestId("explain-pushed")).toHaveText("3");
  await expect(why.getByText(/Decided by the listing rule/)).toBeVisible();
  await expect(why.getByRole("list", { name: "Terms" })).toContainText("preferred shop: keeps selling");
  await expect(why.getByRole("list", { name: "Terms" })).toContainText("50% → 3");
  await guideShot(page, "inventory-explain-listing-rule", { fullPage: false });
});
