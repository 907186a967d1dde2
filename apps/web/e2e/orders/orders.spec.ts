import { readFile } from "node:fs/promises";
import { expect, test } from "../support/test";
import { ownerWithCatalog } from "../catalog/catalog-fixtures";
import { authorizeOnSimulator, createSimShop, setExchangeRate } from "../channels/channel-fixtures";
import { e2eEnvironment } from "../support/environment";
import { guideShot } from "../support/guide";

test.use({ viewport: { width: 1440, height: 1000 } });

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

type SimShop = { products: { id: string; variants: { sku: string; stock: { stock: number }[] }[] }[] };

/** What the simulated shop offers of a SKU right now. */
async function shopStock(platform: "shopee" | "tiktok", shopId: string, sku: string): Promise<number | null> {
  const detail = await simAdmin<SimShop>("GET", `/shops/${platform}/${shopId}`);
  for (const product of detail.products)
    for (const variant of product.variants)
      if (variant.sku === sku) return variant.stock.reduce((sum, entry) => sum + entry.stock, 0);
  return null;
}

test("an order placed on TikTok Shop lowers the Shopee shop's stock and shows on the Orders page with its lines and movements", async ({
  page,
}) => {
  // Master sells E2E-001-A (5 on hand); both shops list it with 5.
  const { account } = await ownerWithCatalog(page, 1);
  const unique = Date.now().toString(36);
  const shopeeShop = `Orders Shopee ${unique}`;
  const tiktokShop = `Orders TikTok ${unique}`;
  const shopee = await createSimShop("shopee", shopeeShop, "SG", [
    { title: "Shop Tee", variants: [{ sku: "E2E-001-A", price: 11, stock: 5 }] },
  ]);
  const tiktok = await createSimShop("tiktok", tiktokShop, "US", [
    { title: "TikTok Tee", variants: [{ sku: "E2E-001-A", price: 11, stock: 5 }] },
  ]);
  await setExchangeRate(account.email, "SGD", "1");

  await page.goto("/channels");
  await page.getByRole("button", { name: "Connect TikTok Shop" }).first().click();
  await authorizeOnSimulator(page, tiktokShop);
  await expect(page.getByText("TikTok Shop shop connected")).toBeVisible();
  await page.getByRole("button", { name: "Connect Shopee" }).first().click();
  await authorizeOnSimulator(page, shopeeShop);
  await expect(page.getByText("Shopee shop connected")).toBeVisible();
  for (const [platform, shop, name] of [
    ["shopee", shopee, shopeeShop],
    ["tiktok", tiktok, tiktokShop],
  ] as const) {
    const row = page.getByTestId(`connection-${platform}-${shop.shopId}`);
    await row.getByRole("button", { name: `Import listings of ${name}` }).click();
    await expect(row.getByTestId("listing-counts")).toContainText("1 linked");
  }

  // No order yet: the Orders page says so.
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Orders" }).click();
  await expect(page.getByRole("heading", { name: "Orders" })).toBeVisible();
  await expect(page.getByText("No orders yet")).toBeVisible();

  // A buyer orders 2 on TikTok Shop: the signed webhook reaches the gateway, the worker commits the
  // units, and the Shopee shop is pushed the 3 left.
  const tiktokDetail = await simAdmin<SimShop>("GET", `/shops/tiktok/${tiktok.shopId}`);
  const placed = await simAdmin<{ result: { id: string } }>("POST", `/shops/tiktok/${tiktok.shopId}/orders`, {
    lines: [{ productId: tiktokDetail.products[0]?.id, quantity: 2 }],
  });
  const orderId = placed.result.id;
  await expect.poll(() => shopStock("shopee", shopee.shopId, "E2E-001-A"), { timeout: 30_000 }).toBe(3);

  // It appears on the Orders page without a reload.
  const row = page.getByTestId("order-row").filter({ hasText: orderId });
  await expect(row).toHaveCount(1);
  // The shop's name sits under its platform (the Orders table fits 1280 px).
  await expect(row).toContainText("TikTok Shop");
  await expect(row).toContainText(tiktokShop);
  await expect(row.locator("[data-phase]")).toHaveText("Open");
  await expect(row).toContainText("E2E-001-A");
  await expect(row).toContainText(/\$22\.00|US\$22\.00/);
  await guideShot(page, "orders-list");

  // Filters run on the server: the Shopee shop has no order, the TikTok one has this one.
  await page.getByLabel("Shop").click();
  await page.getByRole("option", { name: shopeeShop }).click();
  await expect(page.getByText("No orders match these filters")).toBeVisible();
  await page.getByRole("button", { name: "Clear filters" }).first().click();
  await expect(row).toHaveCount(1);

  // The CSV export downloads the current filter, one row per line.
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("orders-export").click()]);
  expect(download.suggestedFilename()).toMatch(/^orders-\d{4}-\d{2}-\d{2}\.csv$/);
  const csv = await readFile(await download.path(), "utf8");
  expect(csv).toContain("Order,Platform,Shop");
  expect(csv).toContain(orderId);
  expect(csv).toContain("E2E-001-A");

  // The detail: its line matched to the master variant, the stock movement it caused, the webhook behind it.
  await row.getByRole("link", { name: orderId }).click();
  await expect(page.getByRole("heading", { name: new RegExp(`Order ${orderId}`) })).toBeVisible();
  const line = page.getByTestId("order-line");
  await expect(line).toHaveCount(1);
  await expect(line).toContainText("E2E-001-A");
  await expect(line).toContainText("Committed");
  const movement = page.getByTestId("order-movement");
  await expect(movement).toHaveCount(1);
  await expect(movement).toContainText("Committed by the order");
  await expect(movement).toContainText("+2");
  await expect(movement).toContainText("0 → 2");
  await expect(page.getByTestId("order-event").first()).toBeVisible();
  await guideShot(page, "orders-detail");
});
