import { guideShot } from "../support/guide";
import type { Page } from "@playwright/test";
import { expect, test } from "../support/test";
import { fillSignUp, newAccount } from "../support/accounts";
import { e2eEnvironment, isSimulatorPage } from "../support/environment";

/** Creates a shop in the simulator's seller world (its admin API), named uniquely for this run. */
async function createSimShop(platform: "shopee" | "tiktok", name: string, region: string): Promise<string> {
  const { simUrl } = await e2eEnvironment();
  const response = await fetch(`${simUrl}/admin/shops`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ platform, name, region, products: 1 }),
  });
  expect(response.ok).toBe(true);
  const { shop } = (await response.json()) as { shop: { shopId: string } };
  return shop.shopId;
}

/** Plays the seller on the simulator's authorize page: pick the shop, press Authorize. */
async function authorizeOnSimulator(page: Page, shopName: string) {
  const environment = await e2eEnvironment();
  await page.waitForURL((url) => isSimulatorPage(environment, url));
  await page.getByRole("radio", { name: new RegExp(shopName) }).check();
  await page.getByRole("button", { name: "Authorize" }).click();
}

test("an owner connects a TikTok Shop and a Shopee shop through the marketplaces' authorize pages", async ({
  page,
}) => {
  const unique = Date.now().toString(36);
  const tiktokShop = `E2E TikTok ${unique}`;
  const shopeeShop = `E2E Shopee ${unique}`;
  const tiktokShopId = await createSimShop("tiktok", tiktokShop, "MY");
  const shopeeShopId = await createSimShop("shopee", shopeeShop, "SG");

  await page.goto("/sign-up");
  await fillSignUp(page, newAccount("Chan"));
  await expect(page).toHaveURL("/");

  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Channels" }).click();
  await expect(page.getByRole("heading", { name: "Channels" })).toBeVisible();
  await expect(page.getByText("No shops connected yet")).toBeVisible();

  // TikTok Shop: the simulator's authorize page sends the seller back to our callback.
  await page.getByRole("button", { name: "Connect TikTok Shop" }).first().click();
  await authorizeOnSimulator(page, tiktokShop);
  await expect(page).toHaveURL(/\/channels$/);
  await expect(page.getByText("TikTok Shop shop connected")).toBeVisible();
  const tiktokRow = page.getByTestId(`connection-tiktok-${tiktokShopId}`);
  await expect(tiktokRow).toContainText(tiktokShop);
  await expect(tiktokRow.getByTestId("connection-status")).toHaveText("Active");

  // Shopee: the state rides in the redirect URL, Shopee adds code and shop_id.
  await page.getByRole("button", { name: "Connect Shopee" }).first().click();
  await authorizeOnSimulator(page, shopeeShop);
  await expect(page).toHaveURL(/\/channels$/);
  await expect(page.getByText("Shopee shop connected")).toBeVisible();
  const shopeeRow = page.getByTestId(`connection-shopee-${shopeeShopId}`);
  await expect(shopeeRow).toContainText(shopeeShop);
  await expect(shopeeRow.getByTestId("connection-status")).toHaveText("Active");
  await expect(tiktokRow.getByTestId("connection-status")).toHaveText("Active");

  // Health check calls the shop API with the stored (decrypted) token.
  await shopeeRow.getByRole("button", { name: /Check health/ }).click();
  await expect(page.getByText(`Shopee · ${shopeeShop} is healthy`)).toBeVisible();
  await guideShot(page, "channels");
  await expect(shopeeRow).not.toContainText("Never");

  // Disconnect asks first, then deletes the tokens.
  await tiktokRow.getByRole("button", { name: /Disconnect/ }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Disconnect" }).click();
  await expect(tiktokRow.getByTestId("connection-status")).toHaveText("Disconnected");
  await expect(tiktokRow.getByRole("button", { name: "Reconnect" })).toBeVisible();

  // No token ever reaches the page.
  await expect(page.locator("body")).not.toContainText(/v1\.k1\./);
});
