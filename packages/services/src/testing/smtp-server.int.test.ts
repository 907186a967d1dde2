import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createMailer } from "../mailer";
import { startTestSmtpServer, type TestSmtpServer } from "./smtp-server";

let smtp: TestSmtpServer;

beforeAll(async () => {
  smtp = await startTestSmtpServer();
});
afterAll(async () => {
  await smtp?.close();
});

describe("startTestSmtpServer", () => {
  it("receives what the mailer sends over real SMTP and parses it", async () => {
    const mailer = createMailer({
      smtpUrl: smtp.url,
      from: "SyncStore <no-reply@example.test>",
      logger: pino({ level: "silent" }),
    });
    const waiting = smtp.waitFor((mail) => mail.subject === "Stock is out");
    await expect(
      mailer.send({ to: "owner@example.test", subject: "Stock is out", text: "SKU-1 has 0 left" }),
    ).resolves.toBe("smtp");
    const mail = await waiting;
    expect(mail.to).toEqual(["owner@example.test"]);
    expect(mail.from).toBe("no-reply@example.test");
    expect(mail.text.trim()).toBe("SKU-1 has 0 left");
    expect(smtp.messages).toHaveLength(1);
  });

  it("fails a wait that nothing satisfies", async () => {
    await expect(smtp.waitFor((mail) => mail.subject === "never", 200)).rejects.toThrow(/no matching email/);
  });
});
