import { randomUUID } from "node:crypto";
import { expect, type Locator, type Page } from "@playwright/test";
import pg from "pg";
import { fillSignUp, newAccount, type Account } from "../support/accounts";
import { e2eEnvironment } from "../support/environment";

export type SeededVariant = { sku: string; price: number; stock: number };

/**
 * Gives the organization of `email` a small catalog straight in SQL: `count` products with two
 * variants each, SKUs `E2E-001-A`, `E2E-001-B`, … so sorting by SKU gives a known row order.
 */
export async function seedCatalog(email: string, count: number): Promise<SeededVariant[]> {
  const { databaseUrl } = await e2eEnvironment();
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const member = await client.query<{ organization_id: string }>(
      `select m.organization_id from member m join "user" u on u.id = m.user_id where u.email = $1`,
      [email],
    );
    const organizationId = member.rows[0]?.organization_id;
    if (!organizationId) throw new Error(`${email} has no organization`);
    const categoryId = randomUUID();
    await client.query(
      `insert into category (id, organization_id, name, path, position) values ($1, $2, 'Apparel', 'Apparel', 0)`,
      [categoryId, organizationId],
    );
    const variants: SeededVariant[] = [];
    for (let index = 1; index <= count; index++) {
      const productId = randomUUID();
      const code = String(index).padStart(3, "0");
      await client.query(
        `insert into product (id, organization_id, title, brand, category_id, status, tags) values ($1, $2, $3, 'Acme', $4, 'active', '{e2e}')`,
        [productId, organizationId, `E2E Product ${code}`, categoryId],
      );
      for (const [position, suffix] of ["A", "B"].entries()) {
        const variant = { sku: `E2E-${code}-${suffix}`, price: 1000 + index * 100, stock: 5 };
        const variantId = randomUUID();
        await client.query(
          `insert into variant (id, organization_id, product_id, sku, options, price, position) values ($1, $2, $3, $4, $5, $6, $7)`,
          [
            variantId,
            organizationId,
            productId,
            variant.sku,
            JSON.stringify({ Size: suffix === "A" ? "S" : "M" }),
            variant.price,
            position,
          ],
        );
        await client.query(
          `insert into stock_level (id, organization_id, variant_id, on_hand, committed) values ($1, $2, $3, $4, 0)`,
          [randomUUID(), organizationId, variantId, variant.stock],
        );
        variants.push(variant);
      }
    }
    return variants;
  } finally {
    await client.end();
  }
}

/**
 * A larger catalog in a few set-based statements, with the same SKUs and prices as `seedCatalog`
 * (`E2E-001-A`, `E2E-001-B`, … at $11.00, $12.00, …; stock 5).
 */
export async function seedLargeCatalog(email: string, count: number): Promise<void> {
  await withDatabase(async (client) => {
    const member = await client.query<{ organization_id: string }>(
      `select m.organization_id from member m join "user" u on u.id = m.user_id where u.email = $1`,
      [email],
    );
    const organizationId = member.rows[0]?.organization_id;
    if (!organizationId) throw new Error(`${email} has no organization`);
    await client.query(
      `with products as (
         insert into product (id, organization_id, title, brand, status, tags)
         select gen_random_uuid(), $1, 'E2E Product ' || lpad(i::text, 3, '0'), 'Acme', 'active', '{e2e}'
           from generate_series(1, $2::int) as i
         returning id, title
       ),
       variants as (
         insert into variant (id, organization_id, product_id, sku, options, price, position)
         select gen_random_uuid(), $1, p.id, 'E2E-' || substr(p.title, 13) || '-' || s.suffix,
                jsonb_build_object('Size', case s.suffix when 'A' then 'S' else 'M' end),
                1000 + substr(p.title, 13)::int * 100, s.position
           from products p cross join (values ('A', 0), ('B', 1)) as s(suffix, position)
         returning id
       )
       insert into stock_level (id, organization_id, variant_id, on_hand, committed)
       select gen_random_uuid(), $1, id, 5, 0 from variants`,
      [organizationId, count],
    );
  });
}

/** Runs `work` with a client on the end-to-end database. */
export async function withDatabase<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const { databaseUrl } = await e2eEnvironment();
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** A new owner with a seeded catalog, signed in on `page`. */
export async function ownerWithCatalog(
  page: Page,
  products: number,
): Promise<{ account: Account; variants: SeededVariant[] }> {
  const account = newAccount("Catalina");
  await page.goto("/sign-up");
  await fillSignUp(page, account);
  await expect(page).toHaveURL("/");
  const variants = await seedCatalog(account.email, products);
  return { account, variants };
}

export async function signIn(page: Page, account: Account): Promise<void> {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(account.email);
  await page.getByLabel("Password").fill(account.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL("/");
}

/** The Products grid sorted by SKU, once its first rows are there. */
export async function openGrid(page: Page): Promise<void> {
  await page.goto("/products?sort=sku:asc");
  await expect(cell(page, 0, "sku")).toHaveText("E2E-001-A");
}

export function cell(page: Page, rowIndex: number, column: string): Locator {
  return page.locator(`.ag-row[row-index="${rowIndex}"] [role="gridcell"][col-id="${column}"]`);
}

/** What a spreadsheet does on Ctrl+V: a `paste` event carrying tab-separated text. */
export async function pasteIntoFocusedCell(page: Page, rows: string[][]): Promise<void> {
  const text = `${rows.map((cells) => cells.join("\t")).join("\r\n")}\r\n`;
  await page.evaluate((clipboardText) => {
    const data = new DataTransfer();
    data.setData("text/plain", clipboardText);
    const target = document.activeElement ?? document.body;
    target.dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }));
  }, text);
}
