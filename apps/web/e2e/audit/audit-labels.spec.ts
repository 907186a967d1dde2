import { readFile } from "node:fs/promises";
import { fillSignUp, newAccount } from "../support/accounts";
import { guideShot } from "../support/guide";
import { expect, test } from "../support/test";

test("the audit log and Home name entities by their label and export the filtered log as CSV", async ({ page }) => {
  const owner = newAccount("Audrey");
  const invitee = newAccount("Ingo");
  await page.goto("/sign-up");
  await fillSignUp(page, owner);
  await expect(page).toHaveURL("/");
  const organizationName = (await page.getByTestId("active-organization").textContent())?.trim() ?? "";

  // An invitation is audited with the invited address as its label.
  await page.goto("/team");
  await page.getByLabel("Email").fill(invitee.email);
  await page.getByRole("button", { name: "Send invite" }).click();
  await expect(page.getByTestId(`invitation-row-${invitee.email}`)).toBeVisible();

  await page.goto("/audit");
  // The label is kept at write time, and links to the page where the entity can be seen: the
  // pending invitation to Team's invitations, the organization to its settings.
  const invitationLabel = page.getByRole("table").getByText(invitee.email);
  await expect(invitationLabel).toBeVisible();
  const invitationLink = page.getByRole("table").getByRole("link", { name: invitee.email });
  await expect(invitationLink).toHaveAttribute("href", "/team#invitations");
  const organizationLink = page.getByRole("table").getByRole("link", { name: organizationName });
  await expect(organizationLink).toHaveAttribute("href", "/settings/organization");
  await guideShot(page, "audit-links");
  await organizationLink.click();
  await expect(page).toHaveURL("/settings/organization");
  await expect(page.getByRole("heading", { name: "Settings" })).toBeVisible();
  await page.goBack();
  await page.getByRole("table").getByRole("link", { name: invitee.email }).click();
  await expect(page).toHaveURL("/team#invitations");
  await expect(page.getByTestId(`invitation-row-${invitee.email}`)).toBeInViewport();
  await page.goto("/audit");

  // Home's recent activity shows the same label.
  await page.goto("/");
  await expect(page.getByRole("list", { name: "Recent activity" }).getByText(invitee.email)).toBeVisible();

  // The export follows the filters on the page.
  await page.goto("/audit?entity=invitation");
  await expect(invitationLabel).toBeVisible();
  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Export CSV" }).click();
  const file = await (await download).path();
  const csv = await readFile(file, "utf8");
  const lines = csv.trim().split("\n");
  expect(lines[0]).toContain("Entity label");
  expect(lines).toHaveLength(2);
  expect(lines[1]).toContain(invitee.email);
  expect(csv).not.toContain("organization.create");
});
