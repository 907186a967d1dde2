import { guideShot } from "../support/guide";
import { expect, test } from "../support/test";
import { fillSignUp, newAccount } from "../support/accounts";
import { e2eEnvironment, isSimulatorPage } from "../support/environment";

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

test("an order placed on the marketplace appears live, its payload opens, and its replay is recognised as a duplicate", async ({
  page,
}) => {
  const environment = await e2eEnvironment();
  const shopName = `E2E Webhooks ${Date.now().toString(36)}`;
  const { shop } = await simAdmin<{ shop: { shopId: string } }>("POST", "/shops", {
    platform: "tiktok",
    name: shopName,
    region: "MY",
    products: 1,
  });

  await page.goto("/sign-up");
  await fillSignUp(page, newAccount("Hook"));
  await expect(page).toHaveURL("/");

  // Connect the shop through the marketplace's authorize page.
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Channels" }).click();
  await page.getByRole("button", { name: "Connect TikTok Shop" }).first().click();
  await page.waitForURL((url) => isSimulatorPage(environment, url));
  await page.getByRole("radio", { name: new RegExp(shopName) }).check();
  await page.getByRole("button", { name: "Authorize" }).click();
  await expect(page.getByText("TikTok Shop shop connected")).toBeVisible();

  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Webhooks" }).click();
  await expect(page.getByRole("heading", { name: "Webhooks" })).toBeVisible();
  await expect(page.getByText("Live", { exact: true })).toBeVisible();

  // A customer buys: the simulator pushes a signed order-status webhook to the gateway.
  const detail = await simAdmin<{ products: { id: string }[] }>("GET", `/shops/tiktok/${shop.shopId}`);
  const placed = await simAdmin<{ result: { id: string } }>("POST", `/shops/tiktok/${shop.shopId}/orders`, {
    lines: [{ productId: detail.products[0]?.id, quantity: 1 }],
  });
  const orderId = placed.result.id;

  // The gateway acknowledged it (2xx with an empty body).
  type Delivery = { kind: string; status: string; attempts: { status?: number; error?: string }[] };
  await expect
    .poll(async () => {
      const { deliveries } = await simAdmin<{ deliveries: Delivery[] }>(
        "GET",
        `/webhooks?platform=tiktok&shopId=${shop.shopId}`,
      );
      return deliveries
        .filter((delivery) => delivery.kind === "order_status")
        .map((delivery) => `${delivery.status} ${JSON.stringify(delivery.attempts.at(-1) ?? {})}`);
    })
    .toEqual([expect.stringMatching(/^delivered /)]);

  // It appears without a reload and is processed by the worker.
  const row = page.getByTestId("webhook-row").filter({ hasText: "Order paid" });
  await expect(row).toHaveCount(1);
  await expect(row.locator("[data-status]")).toHaveText("Processed");
  await guideShot(page, "webhooks", { fullPage: false });

  // The payload viewer shows the body the marketplace sent.
  await row.getByRole("button", { name: "Order paid" }).click();
  const drawer = page.getByTestId("payload-drawer");
  await expect(drawer).toBeVisible();
  await expect(drawer.getByTestId("payload-body")).toContainText(orderId);
  await expect(drawer.getByTestId("event-effects")).toContainText(`order ${orderId}`);
  await expect(drawer.getByText("Secrets (tokens, signatures, authorization) are masked.")).toBeVisible();
  await guideShot(page, "webhooks-payload", { fullPage: false });

  // Replaying a processed event changes nothing and says so.
  await drawer.getByRole("button", { name: "Replay" }).click();
  await expect(page.getByText(/already processed: the replay will be recognised as a duplicate/)).toBeVisible();
  await expect(drawer.getByTestId("replay-duplicate")).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(row.getByText("Replay: duplicate")).toBeVisible();
});
