import { createTransport, type Transporter } from "nodemailer";
import type { Logger } from "pino";

export interface Mail {
  to: string;
  subject: string;
  text: string;
  html?: string;
  attachments?: { filename: string; content: Buffer; contentType: string }[];
}

export interface Mailer {
  /** "smtp" when a server accepted the message, "log" when no SMTP server is configured. */
  send(mail: Mail): Promise<"smtp" | "log">;
}

/** SMTP when SMTP_URL is set; otherwise the message is written to the log for local use. */
export function createMailer(options: { smtpUrl?: string; from: string; logger: Logger }): Mailer {
  const transport: Transporter | undefined = options.smtpUrl ? createTransport(options.smtpUrl) : undefined;
  return {
    async send(mail) {
      if (!transport) {
        options.logger.info(
          { mail: { to: mail.to, subject: mail.subject, text: mail.text } },
          "email (no SMTP_URL set, logged instead)",
        );
        return "log";
      }
      await transport.sendMail({ from: options.from, ...mail });
      return "smtp";
    },
  };
}
