import { writeFile } from "node:fs/promises";
import type { Page } from "@playwright/test";
import { expect, test } from "../support/test";
import pg from "pg";
import { ownerWithCatalog } from "../catalog/catalog-fixtures";
import { authorizeOnSimulator, createSimShop } from "../channels/channel-fixtures";
import { e2eEnvironment } from "../support/environment";
import { guideShot } from "../support/guide";

type SimProduct = { id: string; title: string };

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

async function simTitle(platform: "shopee" | "tiktok", shopId: string): Promise<string | undefined> {
  const { products } = await simAdmin<{ products: SimProduct[] }>("GET", `/shops/${platform}/${shopId}`);
  return products[0]?.title;
}

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

async function masterStatus(email: string): Promise<string | undefined> {
  const { databaseUrl } = await e2eEnvironment();
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ status: string }>(
      `select p.status from product p
         join member m on m.organization_id = p.organization_id
         join "user" u on u.id = m.user_id
        where u.email = $1 and p.title like 'E2E Product 001%'`,
      [email],
    );
    return rows[0]?.status;
  } finally {
    await client.end();
  }
}

async function connectAndImport(page: Page, button: string, shopName: string) {
  await page.goto("/channels");
  await page.getByRole("button", { name: button }).first().click();
  await authorizeOnSimulator(page, shopName);
  await expect(page).toHaveURL(/\/channels/);
  await page.getByRole("button", { name: `Import listings of ${shopName}` }).click();
}

const product = (title: string) => ({
  title,
  tiers: [{ name: "Size", options: ["S", "M"] }],
  variants: [
    { sku: "E2E-001-A", price: 11, stock: 5, tierIndex: [0] },
    { sku: "E2E-001-B", price: 11, stock: 5, tierIndex: [1] },
  ],
});

test("a seller's title edit on TikTok Shop becomes a conflict; a manual merge reaches both simulated shops; a status merge stays in master", async ({
  page,
}) => {
  const { account } = await ownerWithCatalog(page, 1);
  const unique = Date.now().toString(36);
  const tiktokName = `Conflict TikTok ${unique}`;
  const shopeeName = `Conflict Shopee ${unique}`;
  const tiktok = await createSimShop("tiktok", tiktokName, "US", [product("E2E Product 001")]);
  const shopee = await createSimShop("shopee", shopeeName, "SG", [product("E2E Product 001")]);
  await connectAndImport(page, "Connect TikTok Shop", tiktokName);
  await connectAndImport(page, "Connect Shopee", shopeeName);
  await expect.poll(() => linkedListings(account.email), { timeout: 30_000 }).toBe(4);

  // The page is open when the seller edits: the conflict arrives live, the sidebar badge counts it.
  await page.goto("/conflicts");
  await expect(page.getByText("No open conflicts")).toBeVisible();
  const { products } = await simAdmin<{ products: SimProduct[] }>("GET", `/shops/tiktok/${tiktok.shopId}`);
  const editedAt = Date.now();
  await simAdmin("PATCH", `/shops/tiktok/${tiktok.shopId}/products/${products[0]!.id}`, {
    title: "E2E Product 001 – now with pockets",
  });
  const list = page.getByRole("list", { name: "Open conflicts" });
  await expect(list.getByRole("listitem")).toHaveCount(1, { timeout: 60_000 });
  // Edit-to-page latency (webhook → gateway → worker → socket.io → refetch), on this machine.
  await writeFile(test.info().outputPath("edit-to-page.txt"), `${Date.now() - editedAt} ms\n`);
  await expect(page.getByLabel("1 open conflicts")).toBeVisible();
  const detail = page.getByTestId("conflict-detail");
  await expect(detail).toContainText("Title and description");
  await expect(detail.locator("ins").first()).toContainText("now with pockets");

  await guideShot(page, "conflicts-review");

  await detail.getByRole("button", { name: "Merge manually" }).click();
  await detail.getByLabel("Merged title").fill("E2E Product 001 with pockets");
  await guideShot(page, "conflicts-merge");
  await detail.getByRole("button", { name: "Push merged value" }).click();
  await expect(page.getByText("1 conflict resolved")).toBeVisible();
  await expect(page.getByText("No open conflicts")).toBeVisible();

  await expect.poll(() => simTitle("tiktok", tiktok.shopId), { timeout: 30_000 }).toBe("E2E Product 001 with pockets");
  await expect.poll(() => simTitle("shopee", shopee.shopId), { timeout: 30_000 }).toBe("E2E Product 001 with pockets");

  // A status the seller changes is kept in master, not pushed: the merge says so and saves it there.
  await expect(page.getByText("1 conflict resolved")).toBeHidden();
  await simAdmin("PATCH", `/shops/tiktok/${tiktok.shopId}/products/${products[0]!.id}`, { status: "inactive" });
  await expect(list.getByRole("listitem").first()).toContainText("Status", { timeout: 60_000 });
  await list.getByRole("listitem").first().getByRole("button").click();
  await expect(detail).toContainText("Inactive (not on sale)");
  await detail.getByRole("button", { name: "Merge manually" }).click();
  await detail.getByLabel("Merged status").selectOption("inactive");
  await guideShot(page, "conflicts-merge-status");
  await detail.getByRole("button", { name: "Save merged value to master" }).click();
  // The other variant's listing showed the same status conflict: master now agrees, so it closes too.
  await expect(
    page.getByText("1 conflict resolved; 1 more on the same product closed (master now agrees)"),
  ).toBeVisible();
  await expect.poll(() => masterStatus(account.email), { timeout: 30_000 }).toBe("draft");
  await expect(page.getByText("No open conflicts")).toBeVisible({ timeout: 30_000 });
});
