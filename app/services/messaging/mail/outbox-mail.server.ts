// Mail goes through the outbox: enqueued in the transaction of the change that causes it, sent by
// the worker. A mail-server outage delays a message (send throws, the worker retries); it never
// drops one, and a rolled-back change sends nothing.
import { z } from "zod";
import { enqueue, type OutboxHandler } from "../../platform/outbox.server.ts";
import { getMailer, type MailMessage } from "./mailer.server.ts";

export const MAIL_TOPIC = "mail.send";

export const MailPayload: z.ZodType<MailMessage> = z.object({
  to: z.email(),
  subject: z.string().min(1).max(200),
  text: z.string().min(1),
  html: z.string().min(1).optional(),
  replyTo: z.email().optional(),
  tag: z.string().min(1).max(100).optional(),
});

type Tx = Parameters<typeof enqueue>[0];

/** Call inside the transaction that causes the mail. Rejects with a ZodError for a malformed message. */
export async function enqueueMail(tx: Tx, message: MailMessage) {
  return enqueue(tx, MAIL_TOPIC, MailPayload.parse(message));
}

export const sendQueuedMail: OutboxHandler = async (payload) => {
  const parsed = MailPayload.safeParse(payload);
  if (!parsed.success) {
    throw new Error(`Invalid ${MAIL_TOPIC} payload: ${z.prettifyError(parsed.error)}`);
  }
  await getMailer().send(parsed.data);
};
