import type { Page } from "@playwright/test";
import { guideShot } from "../support/guide";
import { expect, test } from "../support/test";
import { ownerWithCatalog, withDatabase } from "../catalog/catalog-fixtures";

test.use({ viewport: { width: 1440, height: 1000 } });

const bellCount = (page: Page) => page.getByTestId("alerts-bell-count");

async function productIdOf(email: string, title: string): Promise<string> {
  return withDatabase(async (client) => {
    const { rows } = await client.query<{ id: string }>(
      `select p.id from product p join member m on m.organization_id = p.organization_id
         join "user" u on u.id = m.user_id where u.email = $1 and p.title = $2`,
      [email, title],
    );
    return rows[0]!.id;
  });
}

test("stock falling to the threshold raises one alert live in the bell; acknowledge and resolve it on the Alerts page; notification choices save", async ({
  page,
}) => {
  const { account } = await ownerWithCatalog(page, 1);
  const productId = await productIdOf(account.email, "E2E Product 001");

  // Settings → Inventory: the organization's low-stock default.
  await page.goto("/settings/inventory");
  const threshold = page.getByLabel("Low-stock threshold (units)");
  await expect(threshold).toHaveValue("5");
  await threshold.fill("4");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByText("Inventory settings saved")).toBeVisible();

  // No alert yet: the bell has no count.
  await page.goto(`/products/${productId}`);
  await expect(page.getByRole("heading", { name: "E2E Product 001" })).toBeVisible();
  await expect(page.getByTestId("alerts-bell")).toBeVisible();
  await expect(bellCount(page)).toHaveCount(0);

  // A stock edit to 3 (≤ 4) raises one low-stock alert; the bell counts it without a reload.
  await page.getByLabel("Variant 1 Stock", { exact: true }).fill("3");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(bellCount(page)).toHaveText("1");
  // Another edit still below the threshold raises nothing more: one alert per crossing.
  await page.getByLabel("Variant 1 Stock", { exact: true }).fill("2");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByLabel("Variant 1 Stock", { exact: true })).toHaveValue("2");

  await page.getByTestId("alerts-bell").click();
  const popover = page.getByRole("dialog", { name: "Latest alerts" });
  await expect(popover.getByTestId("alerts-bell-item")).toHaveCount(1);
  await expect(popover.getByRole("link", { name: /E2E-001-A is low on stock \(3 left\)/ })).toHaveAttribute(
    "href",
    `/products/${productId}`,
  );
  await expect(bellCount(page)).toHaveText("1");
  await guideShot(page, "alerts-bell", { fullPage: false });

  // View all → the Alerts page lists it; reading it there clears the bell.
  await popover.getByRole("link", { name: "View all" }).click();
  await expect(page).toHaveURL("/alerts");
  const item = page.getByTestId("alert-item").filter({ hasText: "E2E-001-A is low on stock" });
  await expect(item).toHaveCount(1);
  await expect(item).toContainText("Low stock");
  const alertId = await item.getAttribute("data-alert-id");
  await guideShot(page, "alerts-page");

  await item.getByRole("button", { name: "Acknowledge" }).click();
  await expect(page.getByText("1 alert acknowledged")).toBeVisible();
  await expect(item).toContainText("Acknowledged");
  await expect(bellCount(page)).toHaveCount(0);

  // Filters: critical only shows nothing; back to everything, then resolve in bulk.
  await page.getByLabel("Severity").click();
  await page.getByRole("option", { name: "Critical" }).click();
  await expect(page).toHaveURL(/severity=critical/);
  await expect(page.getByText("No alerts match these filters")).toBeVisible();
  await page.getByRole("button", { name: "Clear" }).click();
  await expect(item).toHaveCount(1);
  await item.getByRole("checkbox").check();
  await page.getByRole("button", { name: "Resolve selected" }).click();
  await expect(page.getByText("1 alert resolved")).toBeVisible();
  await expect(page.getByText("No open alerts")).toBeVisible();
  await page.getByLabel("State").click();
  await page.getByRole("option", { name: "Resolved" }).click();
  await expect(item).toContainText("Resolved");

  // The link of a notification email (/alerts?alert=<id>) picks the alert out, even resolved.
  await page.goto(`/alerts?alert=${alertId}`);
  const linked = page.getByRole("region", { name: "Linked alert" }).getByTestId("alert-item");
  await expect(linked).toHaveAttribute("aria-current", "true");
  await expect(linked).toContainText("E2E-001-A is low on stock");
  await expect(linked).toContainText("Resolved");
  await expect(linked).toBeInViewport();
  await page.getByRole("button", { name: "Show all alerts" }).click();
  await expect(page).toHaveURL("/alerts");

  // Settings → Notifications: the member's own email choices.
  await page.goto("/settings/notifications");
  await expect(page.getByRole("heading", { name: "Notifications" })).toBeVisible();
  const digest = page.getByLabel("Daily digest");
  await expect(page.getByLabel("Email critical alerts at once")).toBeChecked();
  await expect(digest).not.toBeChecked();
  await digest.check();
  await page.getByLabel(/^Webhooks/).uncheck();
  await guideShot(page, "settings-notifications");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByText("Notification settings saved")).toBeVisible();
  await page.reload();
  await expect(page.getByLabel("Daily digest")).toBeChecked();
  await expect(page.getByLabel(/^Webhooks/)).not.toBeChecked();
  await expect(page.getByLabel(/^Stock/)).toBeChecked();
});
