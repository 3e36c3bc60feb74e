// The mail port: SMTP when SMTP_URL is set, otherwise every message is written to MAIL_CAPTURE_DIR
// as a JSON file, so development and tests (Playwright too, from another process) can read it back.
// Routes never send directly: they enqueue a message (outbox-mail.server.ts) in their transaction.
import path from "node:path";
import { getEnv } from "../../platform/env.server.ts";
import { createCaptureMailer } from "./capture.server.ts";
import { createSmtpMailer } from "./smtp.server.ts";

export type MailMessage = {
  to: string;
  subject: string;
  text: string;
  html?: string;
  replyTo?: string;
  /** For tests and logs, e.g. "order.placed.seller". */
  tag?: string;
};

export interface Mailer {
  readonly kind: "smtp" | "capture";
  /** Throws when the message was not accepted, so the outbox retries it. */
  send(message: MailMessage): Promise<{ messageId: string }>;
}

type MailEnv = { SMTP_URL?: string; MAIL_FROM: string; MAIL_CAPTURE_DIR: string };

// Keyed by the configuration, so a test that points MAIL_CAPTURE_DIR elsewhere gets a new mailer.
let cached: { key: string; mailer: Mailer } | undefined;

export function mailerFromEnv(env: MailEnv): Mailer {
  const dir = path.resolve(env.MAIL_CAPTURE_DIR);
  const key = JSON.stringify([env.SMTP_URL ?? null, env.MAIL_FROM, env.SMTP_URL ? null : dir]);
  if (cached?.key === key) return cached.mailer;
  const mailer = env.SMTP_URL
    ? createSmtpMailer({ url: env.SMTP_URL, from: env.MAIL_FROM })
    : createCaptureMailer({ dir, from: env.MAIL_FROM });
  cached = { key, mailer };
  return mailer;
}

export function getMailer(): Mailer {
  return mailerFromEnv(getEnv());
}
