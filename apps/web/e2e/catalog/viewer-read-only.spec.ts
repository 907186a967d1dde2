import { expect, test } from "../support/test";
import { fillSignUp, newAccount } from "../support/accounts";
import { cell, openGrid, ownerWithCatalog, pasteIntoFocusedCell, withDatabase } from "./catalog-fixtures";

test.use({ viewport: { width: 1440, height: 1100 } });

test("a viewer sees the grid read-only: no editing, pasting, saving, importing or bulk edits", async ({
  page,
  browser,
  watchContext,
}) => {
  const { account: owner } = await ownerWithCatalog(page, 6);

  // A colleague with their own account joins the owner's organization as viewer.
  const viewer = newAccount("Vera");
  const context = await browser.newContext({ viewport: { width: 1440, height: 1100 } });
  watchContext(context);
  const viewerPage = await context.newPage();
  await viewerPage.goto("/sign-up");
  await fillSignUp(viewerPage, viewer);
  await expect(viewerPage).toHaveURL("/");
  await withDatabase(async (client) => {
    await client.query(
      `insert into member (id, organization_id, user_id, role, created_at)
       select gen_random_uuid()::text, m.organization_id, v.id, 'viewer', now()
         from member m join "user" o on o.id = m.user_id, "user" v
        where o.email = $1 and v.email = $2`,
      [owner.email, viewer.email],
    );
    await client.query(
      `update session s set active_organization_id = m.organization_id
         from member m join "user" o on o.id = m.user_id, "user" v
        where o.email = $1 and v.email = $2 and s.user_id = v.id`,
      [owner.email, viewer.email],
    );
  });

  await openGrid(viewerPage);
  await expect(viewerPage.getByText("Read-only: your role can view the catalog but not edit it")).toBeVisible();
  await expect(viewerPage.getByText(/Double-click or type to edit/)).toHaveCount(0);
  await expect(cell(viewerPage, 0, "price")).toHaveText("$11.00");
  // No save, undo, fill, add, import or bulk controls.
  for (const name of [/^Save \d+ change/, "No changes", "Undo", "Redo", "Fill down", "Import CSV"]) {
    await expect(viewerPage.getByRole("button", { name, exact: true })).toHaveCount(0);
  }
  await expect(viewerPage.getByRole("link", { name: "Add product" })).toHaveCount(0);

  // Double-clicking a cell opens no editor; typing and pasting change nothing.
  await cell(viewerPage, 0, "price").dblclick();
  await expect(viewerPage.locator(".ag-cell-inline-editing")).toHaveCount(0);
  await viewerPage.keyboard.type("99");
  await pasteIntoFocusedCell(viewerPage, [["12.00", "13.00"]]);
  await expect(viewerPage.locator(".ss-cell-dirty")).toHaveCount(0);
  await expect(cell(viewerPage, 0, "price")).toHaveText("$11.00");

  // Rows can be selected to look at, but there is no bulk edit.
  const checkbox = viewerPage.locator('.ag-row[row-index="0"] input[type="checkbox"]');
  if ((await checkbox.count()) > 0) {
    await checkbox.first().click();
    await expect(viewerPage.getByTestId("bulk-selection-count")).toHaveText("1 selected");
  }
  await expect(viewerPage.getByRole("button", { name: "Bulk edit…" })).toHaveCount(0);

  // The server refuses a save from a viewer, whatever the page shows.
  const refused = await viewerPage.request.post("/api/trpc/catalog.saveChanges", {
    data: {
      json: {
        changes: [
          {
            variantId: "00000000-0000-4000-8000-000000000000",
            productVersion: 1,
            variantVersion: 1,
            variant: { price: 1200 },
          },
        ],
      },
    },
  });
  expect(refused.status()).toBe(403);

  await context.close();
});
