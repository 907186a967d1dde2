import { readFile } from "node:fs/promises";
import { expect, test } from "../support/test";
import { e2eEnvironment } from "../support/environment";
import { guideShot } from "../support/guide";
import { ownerWithCatalog } from "../catalog/catalog-fixtures";
import { rolledUp, runScheduledReports, seedShopsAndOrders } from "./analytics-fixtures";

test.use({ viewport: { width: 1440, height: 1100 } });

type Mail = {
  to: string[];
  subject: string;
  text: string;
  attachments: { filename: string; contentType: string; content: string }[];
};

/** What the run's SMTP server received (apps/web/e2e/support/environment.ts starts it; the worker sends to it). */
async function mailTo(address: string): Promise<Mail[]> {
  const { smtp } = await e2eEnvironment();
  const response = await fetch(smtp.messagesUrl);
  const messages = (await response.json()) as Mail[];
  return messages.filter((mail) => mail.to.includes(address));
}

test("Analytics: change range and shop, the pricing-inconsistency CSV matches the page; a scheduled report arrives by email", async ({
  page,
}) => {
  const { account } = await ownerWithCatalog(page, 2);
  const shops = await seedShopsAndOrders(account.email);
  await expect.poll(() => rolledUp(shops.shopee.id), { timeout: 30_000 }).toBeGreaterThan(0);

  await page.goto("/analytics");
  await expect(page.getByRole("heading", { name: "Analytics", exact: true })).toBeVisible();
  // Last 30 days: Shopee's 3 valid units and TikTok's 3 (the cancelled order does not count).
  const units = page
    .locator("p", { hasText: /^Units sold$/ })
    .first()
    .locator("xpath=following-sibling::p[1]");
  await expect(units).toHaveText("6");

  // Range: last 7 days drops TikTok's order of 10 days ago; the URL keeps the choice.
  await page.getByRole("combobox", { name: "Period" }).click();
  await page.getByRole("option", { name: "Last 7 days" }).click();
  await expect(page).toHaveURL(/range=7d/);
  await expect(units).toHaveText("3");

  // Shop: only TikTok, which sold nothing in the last 7 days.
  await page.getByRole("combobox", { name: "Shop" }).click();
  await page.getByRole("option", { name: new RegExp(shops.tiktok.name) }).click();
  await expect(page).toHaveURL(new RegExp(`shops=${shops.tiktok.id}`));
  await expect(units).toHaveText("0");
  await page.getByRole("combobox", { name: "Shop" }).click();
  await page.getByRole("option", { name: "All shops" }).click();
  await expect(page.getByTestId("sales-freshness")).toContainText("Orders up to");
  await guideShot(page, "analytics-overview");

  // Pricing: the inconsistency table and its CSV hold the same rows.
  const pricing = page.locator("#pricing");
  // The chart's tooltip shows the difference with its currency (the shop shows 13.50, the rule 11.00).
  await pricing.locator(".recharts-bar-rectangle").first().hover();
  await expect(pricing.locator(".recharts-tooltip-wrapper")).toContainText("$2.50");
  await pricing.getByRole("button", { name: "Table" }).click();
  const table = pricing.getByRole("table");
  await expect(table).toContainText("E2E-001-A");
  const shown = await table
    .locator("tbody tr")
    .evaluateAll((rows) =>
      rows.map((row) => Array.from(row.querySelectorAll("td")).map((cell) => cell.textContent ?? "")),
    );
  expect(shown.length).toBeGreaterThan(0);
  await pricing.scrollIntoViewIfNeeded();
  await guideShot(page, "analytics-pricing", { fullPage: false });
  const download = page.waitForEvent("download");
  await pricing.getByRole("button", { name: "CSV" }).click();
  const file = await (await download).path();
  const csv = (await readFile(file, "utf8")).replace(/^\uFEFF/, "");
  const lines = csv.trim().split("\r\n");
  expect(lines[0]).toContain("Difference");
  expect(lines.slice(1).map((line) => line.split(","))).toEqual(
    shown.map((cells) => cells.map((cell) => (cell === "–" ? "" : cell))),
  );
  expect(csv).toContain("2.50");

  // Reports: schedule the orders report to the owner, run the schedule job, see the run sent.
  await page.goto("/reports");
  await expect(page.getByRole("heading", { name: "Reports", exact: true })).toBeVisible();
  await page.getByLabel("Schedule name").fill("Daily orders");
  await page.getByRole("checkbox", { name: account.name }).check();
  await page.getByRole("button", { name: "Save schedule" }).click();
  await expect(page.getByRole("list", { name: "Schedules" })).toContainText("Daily orders");
  await runScheduledReports();
  await page.reload();
  const run = page.getByTestId("report-run").first();
  await expect(run).toHaveAttribute("data-status", "succeeded", { timeout: 30_000 });
  await expect(run).toContainText(account.email);
  // The email reached a real SMTP server, with the orders CSV attached.
  await expect.poll(async () => (await mailTo(account.email)).length, { timeout: 30_000 }).toBeGreaterThan(0);
  const [mail] = (await mailTo(account.email)).filter((m) => m.subject.startsWith("Daily orders"));
  expect(mail?.subject).toBe("Daily orders: Orders report");
  const attached = mail?.attachments.find((a) => a.filename.endsWith(".csv"));
  expect(attached?.contentType).toBe("text/csv");
  expect(attached?.content.replace(/^\uFEFF/, "").split("\r\n")[0]).toContain("Order");
  await guideShot(page, "reports-schedules");

  await page.goto("/");
  await expect(page.getByRole("table", { name: "Sales by shop" })).toContainText(shops.shopee.name);
  // Orders came in, but nothing was pushed this week: the sync chart says so instead of drawing empty axes.
  await expect(page.getByText("No pushes in the last 7 days")).toBeVisible();
  await guideShot(page, "analytics-home");
});
