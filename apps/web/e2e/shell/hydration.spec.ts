import type { Page } from "@playwright/test";
import { fillSignUp, newAccount } from "../support/accounts";
import { expect, test } from "../support/test";

/** Script URLs a full load of `path` fetches. */
async function scriptsOf(page: Page, path: string): Promise<Set<string>> {
  const scripts = new Set<string>();
  const record = (request: { url: () => string; resourceType: () => string }) => {
    if (request.resourceType() === "script") scripts.add(new URL(request.url()).pathname);
  };
  page.on("request", record);
  await page.goto(path);
  await page.waitForLoadState("networkidle");
  page.off("request", record);
  return scripts;
}

/** Every dashboard page an owner of a new organization can open (the pages with an id need data). */
const dashboardPages = [
  "/",
  "/products",
  "/products/new",
  "/inventory",
  "/orders",
  "/channels",
  "/sync",
  "/conflicts",
  "/alerts",
  "/analytics",
  "/reports",
  "/webhooks",
  "/team",
  "/audit",
  "/settings/organization",
  "/settings/channels",
  "/settings/inventory",
  "/settings/conflicts",
  "/settings/notifications",
  "/settings/profile",
];

// Every page's code may reach the browser after the signed-in account's data (a slow network, a
// cold cache): the page must still hydrate to exactly what the server rendered (no React #418).
// The code only the page needs is held back here until the shell has hydrated and knows the
// account (it then opens the realtime connection, which needs the active organization).
test("dashboard pages hydrate cleanly when their code arrives after the account data", async ({ page }) => {
  // Two full loads of every dashboard page.
  test.setTimeout(dashboardPages.length * 20_000);
  const owner = newAccount("Hydra");
  await page.goto("/sign-up");
  await fillSignUp(page, owner);
  await expect(page).toHaveURL("/");
  await expect(page.getByRole("heading", { name: /Welcome to/ })).toBeVisible();
  const homeScripts = await scriptsOf(page, "/");

  // Any hydration mismatch fails the spec (the guard in support/test.ts does too); collecting them
  // here names every page that raised one instead of stopping at the first.
  const hydrationErrors: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error" && /#418|#423|#425|Hydration failed|hydrat/i.test(message.text()))
      hydrationErrors.push(`${page.url()}: ${message.text().slice(0, 4000)}`);
  });
  // Outside a Suspense boundary React cannot recover and throws it: an uncaught exception.
  page.on("pageerror", (error) => {
    if (/#418|#423|#425|Hydration failed/i.test(error.message)) hydrationErrors.push(`${page.url()}: ${error.message}`);
  });
  for (const path of dashboardPages) {
    const pageScripts = await scriptsOf(page, path);
    const ownScripts = new Set([...pageScripts].filter((script) => !homeScripts.has(script)));
    const shellReady = page.waitForRequest((request) => request.url().includes("EIO="));
    await page.route("**/_next/static/**", async (route) => {
      if (ownScripts.has(new URL(route.request().url()).pathname)) await shellReady;
      await route.continue();
    });
    await page.goto(path, { waitUntil: "commit" });
    await shellReady;
    await page.waitForLoadState("networkidle");
    await page.unrouteAll({ behavior: "wait" });
    await expect(page.getByRole("main")).toBeVisible();
  }
  expect(hydrationErrors).toEqual([]);
});
