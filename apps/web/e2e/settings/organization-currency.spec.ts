import { fillSignUp, newAccount } from "../support/accounts";
import { expect, test } from "../support/test";
import { authorizeOnSimulator, createSimShop } from "../channels/channel-fixtures";
import { guideShot } from "../support/guide";

test("an owner finds Settings, sees a MYR shop waiting for a rate, saves it with .90 rounding", async ({ page }) => {
  const unique = Date.now().toString(36);
  const shopName = `E2E Malaysia ${unique}`;
  await createSimShop("shopee", shopName, "MY", []);

  await page.setViewportSize({ width: 1440, height: 1000 });
  await page.goto("/sign-up");
  await fillSignUp(page, newAccount("Sofia"));
  await expect(page).toHaveURL("/");

  await page.goto("/channels");
  await page.getByRole("button", { name: "Connect Shopee" }).first().click();
  await authorizeOnSimulator(page, shopName);
  await expect(page).toHaveURL(/\/channels$/);

  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Settings" }).click();
  await expect(page).toHaveURL(/\/settings\/profile$/);
  await page.getByRole("navigation", { name: "Settings" }).getByRole("link", { name: "General" }).click();
  await expect(page.getByRole("heading", { name: "General", level: 2 })).toBeVisible();
  await expect(page.getByText(`${shopName} sells in MYR`)).toBeVisible();

  // Errors sit at the field.
  await page.getByLabel("Currency", { exact: true }).last().fill("MYR");
  await page.getByLabel(/^Rate/).fill("abc");
  await page.getByRole("button", { name: "Save rate" }).click();
  await expect(page.getByText("Enter a positive number with at most 10 decimals")).toBeVisible();

  await page.getByLabel(/^Rate/).fill("4.7125");
  await page.getByLabel("Rounding").click();
  await page.getByRole("option", { name: "End in .90" }).click();
  await page.getByRole("button", { name: "Save rate" }).click();
  await expect(page.getByText("MYR rate saved")).toBeVisible();
  await expect(page.getByRole("cell", { name: "1 USD = 4.7125 MYR" })).toBeVisible();
  await expect(page.getByRole("cell", { name: "Ends in .90" })).toBeVisible();
  await expect(page.getByText(`${shopName} sells in MYR`)).toHaveCount(0);

  await guideShot(page, "settings-organization", { height: 1000 });

  await page.getByRole("navigation", { name: "Settings" }).getByRole("link", { name: "Channels" }).click();
  const rule = page.getByLabel(`Default price rule for ${shopName}`);
  await rule.fill("+5% .99");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText(`Default price rule saved for ${shopName}`)).toBeVisible();
  await guideShot(page, "settings-channels");

  await page.getByRole("navigation", { name: "Settings" }).getByRole("link", { name: "Profile" }).click();
  await expect(page.getByRole("heading", { name: "Profile", level: 2 })).toBeVisible();
  // A new email takes over only once confirmed from the new mailbox.
  const newEmail = newAccount("Sofia").email;
  await page.getByLabel("New email").fill(newEmail);
  await page.getByRole("button", { name: "Change email" }).click();
  await expect(
    page.getByRole("status").filter({ hasText: `We sent a confirmation link to ${newEmail}` }),
  ).toBeVisible();
  await guideShot(page, "settings-profile");
});
