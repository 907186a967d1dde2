import { expect, type Page } from "@playwright/test";
import pg from "pg";
import { e2eEnvironment, isSimulatorPage } from "../support/environment";

export type SimProduct = {
  title: string;
  tiers?: { name: string; options: string[] }[];
  variants: { sku: string; price: number; stock: number; tierIndex?: number[] }[];
};

async function simAdmin<T>(method: string, path: string, body?: unknown): Promise<T> {
  const { simUrl } = await e2eEnvironment();
  const response = await fetch(`${simUrl}/admin${path}`, {
    method,
    headers: body === undefined ? {} : { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  expect(response.ok, `${method} ${path}`).toBe(true);
  return (await response.json()) as T;
}

/** A shop in the simulator's seller world holding exactly `products` (the marketplace side of an import). */
export async function createSimShop(
  platform: "shopee" | "tiktok",
  name: string,
  region: string,
  products: SimProduct[],
): Promise<{ shopId: string; locations: string[] }> {
  const { shop } = await simAdmin<{ shop: { shopId: string; locations: string[] } }>("POST", "/shops", {
    platform,
    name,
    region,
    products: 0,
  });
  if (products.length) await simAdmin("POST", `/shops/${platform}/${shop.shopId}/products`, { products });
  return shop;
}

/** Plays the seller on the simulator's authorize page: pick the shop, press Authorize. */
export async function authorizeOnSimulator(page: Page, shopName: string): Promise<void> {
  const environment = await e2eEnvironment();
  await page.waitForURL((url) => isSimulatorPage(environment, url));
  await page.getByRole("radio", { name: new RegExp(shopName) }).check();
  await page.getByRole("button", { name: "Authorize" }).click();
}

/** The id of a product of the run's database by its (unique) title. */
export async function productIdByTitle(email: string, title: string): Promise<string> {
  const { databaseUrl } = await e2eEnvironment();
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ id: string }>(
      `select p.id from product p join member m on m.organization_id = p.organization_id
         join "user" u on u.id = m.user_id where u.email = $1 and p.title = $2`,
      [email, title],
    );
    const id = rows[0]?.id;
    if (!id) throw new Error(`no product "${title}" for ${email}`);
    return id;
  } finally {
    await client.end();
  }
}

/** Sets an exchange rate for the organization of `email` (what Settings → Organization stores). */
export async function setExchangeRate(
  email: string,
  currency: string,
  rate: string,
  rounding: Record<string, unknown> = { kind: "none" },
): Promise<void> {
  const { databaseUrl } = await e2eEnvironment();
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(
      `insert into exchange_rate (id, organization_id, currency, rate, rounding, set_at)
       select gen_random_uuid(), m.organization_id, $2, $3::numeric, $4::jsonb, now()
         from member m join "user" u on u.id = m.user_id where u.email = $1
       on conflict (organization_id, currency) do update set rate = excluded.rate, rounding = excluded.rounding`,
      [email, currency, rate, JSON.stringify(rounding)],
    );
  } finally {
    await client.end();
  }
}
