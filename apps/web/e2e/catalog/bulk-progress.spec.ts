import type { Page } from "@playwright/test";
import { expect, test } from "../support/test";
import pg from "pg";
import { fillSignUp, newAccount } from "../support/accounts";
import { e2eEnvironment } from "../support/environment";
import { cell, openGrid, seedLargeCatalog } from "./catalog-fixtures";

test.use({ viewport: { width: 1440, height: 1100 } });

// 750 products × 2 variants: a bulk edit of all 1,500 runs as three worker batches of 500.
const PRODUCTS = 750;

/**
 * Holds a row lock on one variant of the second batch (the job walks variant ids in order), so the
 * operation stops, running, after its first batch until the test lets it go on.
 */
async function pauseSecondBatch(email: string) {
  const { databaseUrl } = await e2eEnvironment();
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  // Picked first, then locked alone: FOR UPDATE under OFFSET would also lock the skipped rows.
  const picked = await client.query<{ id: string }>(
    `select v.id from variant v join member m on m.organization_id = v.organization_id
       join "user" u on u.id = m.user_id
      where u.email = $1 order by v.id offset 600 limit 1`,
    [email],
  );
  await client.query("begin");
  await client.query(`select id from variant where id = $1 for update`, [picked.rows[0]?.id]);
  return {
    /** Resolves once a statement starting with `prefix` waits for a lock. */
    async waitForBlocked(prefix: string) {
      await expect
        .poll(
          async () => {
            // This client is inside the locking transaction, where pg_stat_activity is a snapshot
            // taken at first read: clear it so every poll sees the server as it is now.
            await client.query("select pg_stat_clear_snapshot()");
            return (
              (
                await client.query<{ n: number }>(
                  `select count(*)::int as n from pg_stat_activity
                  where wait_event_type = 'Lock' and ltrim(query) ilike $1`,
                  [`${prefix}%`],
                )
              ).rows[0]?.n ?? 0
            );
          },
          { timeout: 30_000 },
        )
        .toBeGreaterThan(0);
    },
    async release() {
      await client.query("commit");
      await client.end();
    },
  };
}

async function startBulkPriceRise(page: Page) {
  await page.locator('.ag-row[row-index="0"] input[type="checkbox"]').first().click();
  await page.getByRole("button", { name: "Select all 1,500 matching the filter" }).click();
  await expect(page.getByTestId("bulk-selection-count")).toHaveText("All 1,500 matching rows selected");
  await page.getByRole("button", { name: "Bulk edit…" }).click();
  const dialog = page.getByRole("dialog", { name: "Bulk edit" });
  await dialog.getByLabel("Action").selectOption("change_price_percent");
  await dialog.getByLabel("Percent").fill("10");
  await dialog.getByRole("button", { name: "Preview" }).click();
  await expect(dialog.getByTestId("bulk-preview-count")).toHaveText("1,500 rows");
  await dialog.getByRole("button", { name: "Apply to 1,500 rows" }).click();
  await expect(dialog).toBeHidden();
}

async function ownerWithLargeCatalog(page: Page) {
  const account = newAccount("Bulkley");
  await page.goto("/sign-up");
  await fillSignUp(page, account);
  await expect(page).toHaveURL("/");
  await seedLargeCatalog(account.email, PRODUCTS);
  await openGrid(page);
  await expect(page.getByTestId("catalog-row-count")).toHaveText("1,500 variants");
  return account;
}

test("bulk operation progress survives a page reload and goes on live to 100%", async ({ page }) => {
  test.setTimeout(180_000);
  const account = await ownerWithLargeCatalog(page);
  const pause = await pauseSecondBatch(account.email);
  try {
    await startBulkPriceRise(page);
    const operation = page.getByTestId("bulk-operation");
    await expect(operation.getByTestId("bulk-operation-status")).toHaveText("Running · 500 of 1,500 rows", {
      timeout: 60_000,
    });

    await page.reload();
    await expect(cell(page, 0, "sku")).toHaveText("E2E-001-A");
    // After the reload the page asks the server which operations are still running.
    await expect(operation).toHaveAttribute("data-status", "running");
    await expect(operation.getByTestId("bulk-operation-status")).toHaveText("Running · 500 of 1,500 rows");
    await expect(operation.getByRole("progressbar", { name: "Bulk edit progress" })).toHaveAttribute(
      "aria-valuenow",
      "33",
    );
  } finally {
    await pause.release();
  }
  const operation = page.getByTestId("bulk-operation");
  await expect(operation.getByRole("progressbar", { name: "Bulk edit progress" })).toHaveAttribute(
    "aria-valuenow",
    "100",
    { timeout: 60_000 },
  );
  await expect(operation).toHaveAttribute("data-status", "succeeded");
  await expect(page.getByTestId("bulk-operation-report")).toContainText("1,500 succeeded, 0 failed");
  await expect(cell(page, 0, "price")).toHaveText("$12.10");
});

test("a running bulk operation is cancelled from the page: it stops between batches and reports", async ({ page }) => {
  test.setTimeout(180_000);
  const account = await ownerWithLargeCatalog(page);
  const pause = await pauseSecondBatch(account.email);
  try {
    await startBulkPriceRise(page);
    const operation = page.getByTestId("bulk-operation");
    await expect(operation.getByTestId("bulk-operation-status")).toHaveText("Running · 500 of 1,500 rows", {
      timeout: 60_000,
    });
    // The second batch must be in flight (holding the operation, waiting for our locked variant)
    // before the cancel: otherwise, on a slow machine, the cancel lands between batches.
    await pause.waitForBlocked('select v.id as "variantId"');
    await operation.getByRole("button", { name: "Cancel" }).click();
    // The cancel waits for the batch in flight (it holds the operation's row), then takes effect.
    await pause.waitForBlocked("update bulk_operation set status = 'cancelled'");
  } finally {
    await pause.release();
  }
  const operation = page.getByTestId("bulk-operation");
  await expect(operation).toHaveAttribute("data-status", "cancelled", { timeout: 60_000 });
  await expect(operation.getByTestId("bulk-operation-status")).toHaveText("Cancelled · 1,000 of 1,500 rows");
  await expect(page.getByTestId("bulk-operation-report")).toContainText(
    "1,000 succeeded, 0 failed, 500 not processed (cancelled)",
  );
  await expect(operation.getByRole("button", { name: "Cancel" })).toHaveCount(0);

  // Nothing after the cancel ran: exactly the first two batches have the new price.
  await page.reload();
  await expect(cell(page, 0, "sku")).toHaveText("E2E-001-A");
  const { databaseUrl } = await e2eEnvironment();
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const raised = await client.query<{ n: number }>(
      `select count(*)::int as n from variant v join member m on m.organization_id = v.organization_id
         join "user" u on u.id = m.user_id
        where u.email = $1 and v.price = (1000 + substr(v.sku, 5, 3)::int * 100) * 11 / 10`,
      [account.email],
    );
    expect(raised.rows[0]?.n).toBe(1000);
  } finally {
    await client.end();
  }
});
