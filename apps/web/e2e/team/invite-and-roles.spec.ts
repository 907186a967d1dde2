import { guideShot } from "../support/guide";
import { expect, expectBrowserError, test } from "../support/test";
import { emailConfirmationPath, fillSignUp, newAccount } from "../support/accounts";

test("an owner invites a viewer, who cannot manage the team until promoted to editor", async ({
  browser,
  watchContext,
}) => {
  const owner = newAccount("Olivia");
  const colleague = newAccount("Colin");

  // The owner signs up and lands on the dashboard of a new organization.
  const ownerContext = await browser.newContext();
  watchContext(ownerContext);
  const ownerPage = await ownerContext.newPage();
  await ownerPage.goto("/sign-up");
  await fillSignUp(ownerPage, owner);
  await expect(ownerPage).toHaveURL("/");
  await expect(ownerPage.getByRole("heading", { name: /Welcome to/ })).toBeVisible();
  const organizationName = (await ownerPage.getByTestId("active-organization").textContent())?.trim() ?? "";
  expect(organizationName).not.toBe("");

  // ... and invites a colleague as viewer, reading the invitation link from the page.
  await ownerPage.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Team" }).click();
  await expect(ownerPage.getByRole("heading", { name: "Team" })).toBeVisible();
  await expect(ownerPage.getByText(/The last owner cannot leave/)).toBeVisible();
  await ownerPage.getByLabel("Email").fill(colleague.email);
  await expect(ownerPage.getByLabel("Role")).toHaveText(/viewer/i);
  await ownerPage.getByRole("button", { name: "Send invite" }).click();
  const inviteLink = ownerPage.getByRole("textbox", { name: `Invitation link for ${colleague.email}` }).first();
  await expect(inviteLink).toHaveValue(/\/invitations\//);
  const link = await inviteLink.inputValue();
  await expect(ownerPage.getByTestId(`invitation-row-${colleague.email}`)).toBeVisible();
  await guideShot(ownerPage, "team");

  // The colleague opens the link in another browser, signs up and accepts.
  const colleagueContext = await browser.newContext();
  watchContext(colleagueContext);
  const colleaguePage = await colleagueContext.newPage();
  await colleaguePage.goto(link);
  await expect(colleaguePage.getByText(`Join ${organizationName}`)).toBeVisible();
  await expect(colleaguePage.getByText("viewer", { exact: true })).toBeVisible();
  await colleaguePage.getByRole("link", { name: "Create account and join" }).click();
  await expect(colleaguePage.getByLabel("Email")).toHaveValue(colleague.email);
  // The account is for the invited address: the field is read-only and the server refuses another.
  await expect(colleaguePage.getByLabel("Email")).toHaveAttribute("readonly", "");
  await expect(colleaguePage.getByText("The invitation is for this address.")).toBeVisible();
  const otherAddress = await colleaguePage.request.post("/api/auth/sign-up/email", {
    data: { name: "Someone Else", email: newAccount("Other").email, password: colleague.password },
    headers: { origin: new URL(link).origin, "x-invitation-id": new URL(link).pathname.split("/").pop() ?? "" },
  });
  expect(otherAddress.status()).toBe(400);
  expect(await otherAddress.json()).toMatchObject({ code: "INVITATION_EMAIL_MISMATCH" });
  await fillSignUp(colleaguePage, colleague);
  // Not before the colleague proves the address is theirs by opening the emailed link: the server
  // refuses the first attempt (403), which the page explains.
  expectBrowserError(/status of 403/);
  await colleaguePage.getByRole("button", { name: "Accept invitation" }).click();
  await expect(colleaguePage.getByText(/Confirm your email address first/)).toBeVisible();
  await colleaguePage.goto(await emailConfirmationPath(colleague.email, new URL(link).pathname));
  await colleaguePage.getByRole("button", { name: "Accept invitation" }).click();
  await expect(colleaguePage).toHaveURL("/");
  await expect(colleaguePage.getByTestId("active-organization")).toHaveText(organizationName);

  // As a viewer: the team list without any controls, no audit log, and the server refuses.
  const colleagueNav = colleaguePage.getByRole("navigation", { name: "Main" });
  await expect(colleagueNav.getByRole("link", { name: "Team" })).toBeVisible();
  await expect(colleagueNav.getByRole("link", { name: "Audit log" })).toHaveCount(0);
  await colleagueNav.getByRole("link", { name: "Team" }).click();
  await expect(colleaguePage.getByTestId(`member-row-${owner.email}`)).toBeVisible();
  await expect(colleaguePage.getByTestId(`member-row-${colleague.email}`)).toContainText(/viewer/i);
  await expect(colleaguePage.getByText("Invite a teammate")).toHaveCount(0);
  await expect(colleaguePage.getByRole("combobox", { name: /^Role of/ })).toHaveCount(0);
  await expect(colleaguePage.getByRole("button", { name: /^Remove / })).toHaveCount(0);
  await expect(colleaguePage.getByText("Pending invitations")).toHaveCount(0);
  // Nothing about owners leaving is addressed to a viewer.
  await expect(colleaguePage.getByText(/Leave organization/).first()).toBeVisible();
  await expect(colleaguePage.getByText(/last owner cannot leave/)).toHaveCount(0);

  const refused = await colleaguePage.request.post("/api/trpc/team.invite", {
    data: { json: { email: "someone.else@e2e.syncstore.test", role: "viewer" } },
    // From the web app itself, so the refusal is the permission check, not the Origin check.
    headers: { origin: new URL(colleaguePage.url()).origin },
  });
  expect(refused.status()).toBe(403);
  expect(JSON.stringify(await refused.json())).toContain("FORBIDDEN");

  // The owner promotes the colleague to editor ...
  await ownerPage.reload();
  const colleagueRow = ownerPage.getByTestId(`member-row-${colleague.email}`);
  await colleagueRow.getByRole("combobox", { name: /^Role of/ }).click();
  await ownerPage.getByRole("option", { name: "editor" }).click();
  await expect(ownerPage.getByText(`${colleague.name} is now editor`)).toBeVisible();
  await ownerPage.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Audit log" }).click();
  await expect(ownerPage.getByRole("heading", { name: "Audit log" })).toBeVisible();
  await expect(ownerPage.getByRole("table").getByRole("row").nth(1)).toBeVisible();
  await guideShot(ownerPage, "audit");

  // ... and the colleague sees it after a reload, still without team controls.
  await colleaguePage.reload();
  await expect(colleaguePage.getByTestId(`member-row-${colleague.email}`)).toContainText(/editor/i);
  await expect(colleaguePage.getByRole("combobox", { name: /^Role of/ })).toHaveCount(0);

  await ownerContext.close();
  await colleagueContext.close();
});
