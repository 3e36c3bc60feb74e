// The capture adapter of the mail port: one JSON file per message, for development and tests.
// Files on disk rather than memory, because Playwright tests read them from another process.
import crypto from "node:crypto";
import { z } from "zod";
import { readCapturedFiles, writeCapturedFile } from "../capture-files.server.ts";
import type { Mailer, MailMessage } from "./mailer.server.ts";

const CapturedMailSchema = z.object({
  id: z.string(),
  from: z.string(),
  to: z.string(),
  subject: z.string(),
  text: z.string(),
  html: z.string().optional(),
  replyTo: z.string().optional(),
  tag: z.string().optional(),
  sentAt: z.string(),
});

export type CapturedMail = z.infer<typeof CapturedMailSchema>;

export function createCaptureMailer({ dir, from }: { dir: string; from: string }): Mailer {
  return {
    kind: "capture",
    async send({ to, subject, text, html, replyTo, tag }: MailMessage) {
      const now = Date.now();
      const id = crypto.randomUUID();
      const mail: CapturedMail = {
        id,
        from,
        to,
        subject,
        text,
        html,
        replyTo,
        tag,
        sentAt: new Date(now).toISOString(),
      };
      await writeCapturedFile(dir, mail);
      return { messageId: id };
    },
  };
}

/** Captured messages, oldest first. A directory that does not exist yet holds no mail. */
export async function readCapturedMail(
  dir: string,
  filter: { to?: string; tag?: string } = {},
): Promise<CapturedMail[]> {
  return readCapturedFiles(
    dir,
    CapturedMailSchema,
    (mail) =>
      (!filter.to || mail.to.toLowerCase() === filter.to.toLowerCase()) &&
      (!filter.tag || mail.tag === filter.tag),
  );
}
