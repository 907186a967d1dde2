import type { Mailer } from "@syncstore/services";

/**
 * better-auth's "confirm this address" email (sign-up, invitations, a changed email), sent
 * through the deployment's mailer.
 */
export function verificationMailSender(mailer: Mailer) {
  return async ({ email, name, url }: { email: string; name: string; url: string }): Promise<void> => {
    await mailer.send({
      to: email,
      subject: "Confirm your email address for SyncStore",
      text:
        `Hello ${name},\n\nOpen this link to confirm that ${email} is yours:\n${url}\n\n` +
        "The link works for 24 hours. If you did not ask for this, ignore this email.",
    });
  };
}
