import { expect, type Page } from "@playwright/test";

export type Account = { name: string; email: string; password: string };

/** A person nobody has used before in this database. */
export function newAccount(firstName: string): Account {
  const unique = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  return {
    name: `${firstName} Tester`,
    email: `${firstName.toLowerCase()}.${unique}@e2e.syncstore.test`,
    password: "Correct-horse-42",
  };
}

/** Fills the sign-up form the page is on; the email may be prefilled by an invitation. */
export async function fillSignUp(page: Page, account: Account): Promise<void> {
  await page.getByLabel("Name").fill(account.name);
  const email = page.getByLabel("Email");
  if ((await email.inputValue()) !== account.email) await email.fill(account.email);
  await page.getByLabel("Password", { exact: true }).fill(account.password);
  await expect(page.getByText("Has a digit")).toBeVisible();
  await page.getByRole("button", { name: "Create account" }).click();
}

/**
 * The confirmation link the server emails to `email` (logged when no SMTP server is configured):
 * the same token better-auth signs for it with the deployment's secret.
 */
export async function emailConfirmationPath(email: string, callbackPath: string): Promise<string> {
  const { createEmailVerificationToken } = await import("better-auth/api");
  const token = await createEmailVerificationToken(process.env.E2E_AUTH_SECRET ?? "", email.toLowerCase());
  return `/api/auth/verify-email?token=${token}&callbackURL=${encodeURIComponent(callbackPath)}`;
}
