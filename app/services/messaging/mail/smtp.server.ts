// The SMTP adapter of the mail port (nodemailer). One connection per message: mail volume is low,
// and nothing stays open between sends.
import nodemailer from "nodemailer";
import type { Mailer, MailMessage } from "./mailer.server.ts";

export function createSmtpMailer({
  url,
  from,
  timeoutMs = 10_000,
}: {
  url: string;
  from: string;
  timeoutMs?: number;
}): Mailer {
  // nodemailer waits up to 2 minutes for a connection and 10 for an idle socket by default; a hung
  // server would hold the outbox worker that long instead of failing and retrying later.
  const transport = nodemailer.createTransport(
    {
      url,
      connectionTimeout: timeoutMs,
      greetingTimeout: timeoutMs,
      socketTimeout: timeoutMs,
      dnsTimeout: timeoutMs,
    },
    { from },
  );
  return {
    kind: "smtp",
    async send({ to, subject, text, html, replyTo, tag }: MailMessage) {
      const info = await transport.sendMail({
        to,
        subject,
        text,
        html,
        replyTo,
        headers: tag ? { "X-Cho-Phien-Tag": tag } : undefined,
      });
      return { messageId: info.messageId };
    },
  };
}
