import { createMailer } from "@syncstore/services";
import { startTestSmtpServer, type TestSmtpServer } from "@syncstore/services/testing/smtp-server";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiHarness, type ApiHarness } from "../../testing/harness";
import { verificationMailSender } from "./verification-mail";

let smtp: TestSmtpServer;
let h: ApiHarness;

beforeAll(async () => {
  smtp = await startTestSmtpServer();
  const mailer = createMailer({
    smtpUrl: smtp.url,
    from: "SyncStore <no-reply@syncstore.test>",
    logger: pino({ level: "silent" }),
  });
  h = await createApiHarness({}, { sendVerificationEmail: verificationMailSender(mailer) });
}, 60_000);
afterAll(async () => {
  await h?.close();
  await smtp?.close();
});

function linkIn(text: string): string {
  const url = /https?:\/\/\S+/.exec(text)?.[0];
  if (!url) throw new Error(`no link in: ${text}`);
  return url;
}

describe("profile.changeEmail", () => {
  it(
    "changes the sign-in email only once the new address's owner opens the emailed link",
    { timeout: 60_000 },
    async () => {
      const stamp = Date.now();
      const oldEmail = `emil-${stamp}@example.test`;
      const newEmail = `emil.new-${stamp}@example.test`;
      const owner = await h.signUp("Emil", oldEmail);

      await owner.caller.profile.changeEmail({ newEmail });
      const mail = await smtp.waitFor((m) => m.to.includes(newEmail));
      expect(mail.subject).toBe("Confirm your email address for SyncStore");
      expect(mail.text).toContain(newEmail);
      // Nothing changes before the link is opened.
      expect((await owner.caller.me.context()).user.email).toBe(oldEmail);

      const response = await h.deps.auth.handler(new Request(linkIn(mail.text)));
      expect(response.status).toBeLessThan(400);
      const [user] = await h.query<{ email: string }>(`select email from "user" where email = $1`, [newEmail]);
      expect(user?.email).toBe(newEmail);

      const { items } = await owner.caller.audit.list({ limit: 20, action: "user.email_change_requested" });
      expect(items[0]).toMatchObject({ entity: "user", label: oldEmail, diff: { email: { after: newEmail } } });
    },
  );

  it("refuses the current address and a malformed one at the field, sending nothing", async () => {
    const stamp = Date.now();
    const email = `same-${stamp}@example.test`;
    const owner = await h.signUp("Sam", email);
    const before = smtp.messages.length;
    await expect(owner.caller.profile.changeEmail({ newEmail: email.toUpperCase() })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: expect.stringContaining("already your email"),
    });
    await expect(owner.caller.profile.changeEmail({ newEmail: "not-an-address" })).rejects.toMatchObject({
      code: "BAD_REQUEST",
    });
    // Only the sign-up confirmation went out.
    expect(smtp.messages.slice(before).filter((m) => !m.to.includes(email))).toHaveLength(0);
  });
});
