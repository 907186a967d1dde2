import { guideShot } from "../support/guide";
import type { Page } from "@playwright/test";
import { expect, test } from "../support/test";
import pg from "pg";
import { cell, openGrid, ownerWithCatalog } from "../catalog/catalog-fixtures";
import { setExchangeRate } from "../channels/channel-fixtures";
import { e2eEnvironment, isSimulatorPage } from "../support/environment";

test.use({ viewport: { width: 1440, height: 1100 } });

type SimProduct = { id: string; title: string; variants: { id: string; sku: string; price: number }[] };

async function simAdmin<T>(method: string, path: string, body?: unknown): Promise<T> {
  const { simUrl } = await e2eEnvironment();
  const response = await fetch(`${simUrl}/admin${path}`, {
    method,
    headers: body === undefined ? undefined : { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  expect(response.ok, `${method} ${path}: ${response.status}`).toBe(true);
  return (await response.json()) as T;
}

/** A Shopee shop in the simulator selling the seeded product's two variants (same SKUs, old price). */
async function shopSellingSeededProduct(name: string): Promise<string> {
  const { shop } = await simAdmin<{ shop: { shopId: string } }>("POST", "/shops", {
    platform: "shopee",
    name,
    region: "SG",
    products: 0,
  });
  await simAdmin("POST", `/shops/shopee/${shop.shopId}/products`, {
    products: [
      {
        title: "E2E Product 001",
        tiers: [{ name: "Size", options: ["S", "M"] }],
        variants: [
          { sku: "E2E-001-A", price: 11, stock: 5, tierIndex: [0] },
          { sku: "E2E-001-B", price: 11, stock: 5, tierIndex: [1] },
        ],
      },
    ],
  });
  return shop.shopId;
}

async function simVariantPrice(shopId: string, sku: string): Promise<number | null> {
  const { products } = await simAdmin<{ products: SimProduct[] }>("GET", `/shops/shopee/${shopId}`);
  for (const product of products) {
    const variant = product.variants.find((item) => item.sku === sku);
    if (variant) return variant.price;
  }
  return null;
}

/** Linked listings of the account's organization (the import matched them by SKU). */
async function linkedListings(email: string): Promise<number> {
  const { databaseUrl } = await e2eEnvironment();
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ count: string }>(
      `select count(*)::text as count from listing l
         join member m on m.organization_id = l.organization_id
         join "user" u on u.id = m.user_id
        where u.email = $1 and l.variant_id is not null and l.external_product_id is not null`,
      [email],
    );
    return Number(rows[0]?.count ?? 0);
  } finally {
    await client.end();
  }
}

async function connectShopee(page: Page, shopName: string) {
  const environment = await e2eEnvironment();
  await page.goto("/channels");
  await page.getByRole("button", { name: "Connect Shopee" }).first().click();
  await page.waitForURL((url) => isSimulatorPage(environment, url));
  await page.getByRole("radio", { name: new RegExp(shopName) }).check();
  await page.getByRole("button", { name: "Authorize" }).click();
  // The callback lands on /channels?connected=shopee; the page announces it, then drops the query.
  await expect(page.getByText("Shopee shop connected")).toBeVisible();
  await expect(page).toHaveURL(/\/channels$/);
}

test("a price edited in the grid reaches the shop; Sync all shows progress to 100%, also after a reload", async ({
  page,
}) => {
  // The held calls of the reload part end by the client's timeout (15 s) once the shop answers again.
  test.setTimeout(150_000);
  const shopName = `E2E Sync ${Date.now().toString(36)}`;
  const shopId = await shopSellingSeededProduct(shopName);
  const { account } = await ownerWithCatalog(page, 1);
  // The catalog is in USD and the shop sells in SGD: at 1:1 the pushed price is the master's.
  await setExchangeRate(account.email, "SGD", "1");

  // Connect the shop and import its listings: both variants match the catalog by SKU.
  await connectShopee(page, shopName);
  await page.getByRole("button", { name: `Import listings of ${shopName}` }).click();
  await expect.poll(() => linkedListings(account.email), { timeout: 30_000 }).toBe(2);

  // Edit a price in the grid and save: the listing is pushed and turns "In sync".
  await openGrid(page);
  await cell(page, 0, "price").dblclick();
  await page.keyboard.press("ControlOrMeta+a");
  await page.keyboard.type("23.45");
  await page.keyboard.press("Enter");
  await page.getByRole("button", { name: "Save 1 change" }).click();
  await expect(page.getByText("Saved 1 change")).toBeVisible();
  await expect.poll(() => simVariantPrice(shopId, "E2E-001-A"), { timeout: 30_000 }).toBe(23.45);
  await expect(cell(page, 0, "syncStatus")).toHaveText("In sync", { timeout: 30_000 });
  expect(await simVariantPrice(shopId, "E2E-001-B")).toBe(11);

  // The Sync page: the shop's live counts, then "Sync all" with its progress bar.
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Sync", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Sync", exact: true })).toBeVisible();
  const card = page.locator(`[aria-label="${shopName}"]`);
  await expect(card.getByTestId("count-in-sync")).not.toHaveText("0");
  await page.getByRole("button", { name: "Sync all" }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Sync all" }).click();
  const run = page.getByTestId("sync-run").first();
  await expect(run).toHaveAttribute("data-status", "succeeded", { timeout: 60_000 });
  await expect(run.getByTestId("sync-run-percent")).toHaveText("100%");
  await expect(run.getByTestId("sync-run-counts")).toHaveText("2 done · 0 failed · 0 remaining");
  await expect(run.getByRole("progressbar")).toBeVisible();
  await expect(card.getByTestId("count-in-sync")).toHaveText("2");
  await expect(card.getByTestId("count-failed")).toHaveText("0");
  await guideShot(page, "sync");

  // The history shows the price push; its attempt opens with what the shop had and what was sent.
  const history = page.getByTestId("sync-history");
  await history.getByRole("row").filter({ hasText: "Succeeded" }).first().click();
  const detail = page.getByTestId("attempt-detail");
  await expect(detail.getByText("Request summary")).toBeVisible();
  await expect(detail).toContainText(shopName);
  await expect(detail.getByRole("row").filter({ hasText: "Price" })).toContainText("23.45");

  // A run survives a reload: the shop stops answering (every call hangs until the client's 15 s
  // timeout, then retries), so the run cannot finish until the test lets the shop answer again,
  // however slow the machine is; the reloaded page loads the running run and follows it to the end.
  await simAdmin("PUT", `/shops/shopee/${shopId}/faults`, { timeoutRate: 1 });
  await openGrid(page);
  await cell(page, 0, "price").dblclick();
  await page.keyboard.press("ControlOrMeta+a");
  await page.keyboard.type("24.00");
  await page.keyboard.press("Enter");
  await page.getByRole("button", { name: "Save 1 change" }).click();
  await expect(page.getByText("Saved 1 change")).toBeVisible();
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Sync", exact: true }).click();
  await page.getByRole("button", { name: "Sync all" }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Sync all" }).click();
  await expect(run).toHaveAttribute("data-status", "running");
  await page.reload();
  await expect(run).toHaveAttribute("data-status", "running");
  await expect(run.getByTestId("sync-run-counts")).toContainText("remaining");
  await simAdmin("DELETE", `/shops/shopee/${shopId}/faults`);
  await expect(run).toHaveAttribute("data-status", "succeeded", { timeout: 60_000 });
  await expect(run.getByTestId("sync-run-percent")).toHaveText("100%");
  expect(await simVariantPrice(shopId, "E2E-001-A")).toBe(24);
});
