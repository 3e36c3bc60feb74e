// The capture adapter of the mail port: one JSON file per message, for development and tests.
// Files on disk rather than memory, because Playwright tests read them from another process.
import crypto from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
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

// Names sort by time; messages sent within the same millisecond by this process keep their order.
let lastMs = 0;
let sameMs = 0;
function sortableStamp(ms: number) {
  sameMs = ms === lastMs ? sameMs + 1 : 0;
  lastMs = ms;
  return `${new Date(ms).toISOString().replace(/[:.]/g, "-")}_${String(sameMs).padStart(4, "0")}`;
}

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
      const file = path.join(dir, `${sortableStamp(now)}_${id}.json`);
      await fs.mkdir(dir, { recursive: true });
      // Write then rename, so a reader never sees half a message. The temp name is not *.json.
      const temp = `${file}.${process.pid}.tmp`;
      await fs.writeFile(temp, JSON.stringify(mail, null, 2));
      await fs.rename(temp, file);
      return { messageId: id };
    },
  };
}

/** Captured messages, oldest first. A directory that does not exist yet holds no mail. */
export async function readCapturedMail(
  dir: string,
  filter: { to?: string; tag?: string } = {},
): Promise<CapturedMail[]> {
  let names: string[];
  try {
    names = await fs.readdir(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw error;
  }
  const mails: CapturedMail[] = [];
  for (const name of names.filter((n) => n.endsWith(".json")).sort()) {
    let json: string;
    try {
      json = await fs.readFile(path.join(dir, name), "utf8");
    } catch (error) {
      // Deleted since the listing (a test clearing the directory): it is no longer mail.
      if ((error as NodeJS.ErrnoException).code === "ENOENT") continue;
      throw error;
    }
    const mail = CapturedMailSchema.parse(JSON.parse(json));
    if (filter.to && mail.to.toLowerCase() !== filter.to.toLowerCase()) continue;
    if (filter.tag && mail.tag !== filter.tag) continue;
    mails.push(mail);
  }
  return mails;
}
