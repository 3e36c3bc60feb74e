// The SMS port. Many sellers have a phone and no email, so codes (password resets) go by SMS. For now
// the only adapter writes each message as a JSON file under SMS_CAPTURE_DIR, for development and
// tests (Playwright reads them from another process); a carrier gateway becomes a second adapter.
// Routes never send directly: they enqueue a message (enqueueSms) in the transaction that causes it,
// and the outbox worker sends it, retrying when the sender fails.
import crypto from "node:crypto";
import path from "node:path";
import { z } from "zod";
import { readCapturedFiles, writeCapturedFile } from "./capture-files.server.ts";
import { enqueue, type OutboxHandler } from "../platform/outbox.server.ts";

export type SmsMessage = {
  /** E.164, e.g. "+84905123456". */
  to: string;
  text: string;
  /** For tests and logs, e.g. "password.reset". */
  tag?: string;
};

export interface SmsSender {
  readonly kind: "capture";
  /** Throws when the message was not accepted, so the outbox retries it. */
  send(message: SmsMessage): Promise<{ messageId: string }>;
}

// Three concatenated segments at most: a longer text is a mistake, and each segment is billed.
export const SmsPayload: z.ZodType<SmsMessage> = z.object({
  to: z.string().regex(/^\+[1-9]\d{6,14}$/, "must be an E.164 phone number such as +84905123456"),
  text: z.string().min(1).max(459),
  tag: z.string().min(1).max(100).optional(),
});

// ───────────── Configuration ─────────────

// Read here rather than in env.server.ts: the port validates its own variable, with a message that
// names it, like the shared schema does.
const SmsEnvSchema = z.object({
  SMS_CAPTURE_DIR: z.string().trim().min(1, "must not be empty").default("./data/sms"),
});

export class InvalidSmsEnvError extends Error {}

export function smsCaptureDir(source: Record<string, string | undefined> = process.env) {
  const result = SmsEnvSchema.safeParse({ SMS_CAPTURE_DIR: source.SMS_CAPTURE_DIR });
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `${issue.path.join(".")} ${issue.message}`);
    throw new InvalidSmsEnvError(`Invalid configuration: ${problems.join("; ")}`);
  }
  return path.resolve(result.data.SMS_CAPTURE_DIR);
}

// Keyed by the directory, so a test that points SMS_CAPTURE_DIR elsewhere gets a new sender.
let cached: { dir: string; sender: SmsSender } | undefined;

export function smsSenderFromEnv(source: Record<string, string | undefined> = process.env): SmsSender {
  const dir = smsCaptureDir(source);
  if (cached?.dir === dir) return cached.sender;
  const sender = createCaptureSmsSender({ dir });
  cached = { dir, sender };
  return sender;
}

// ───────────── The capture adapter ─────────────

const CapturedSmsSchema = z.object({
  id: z.string(),
  to: z.string(),
  text: z.string(),
  tag: z.string().optional(),
  sentAt: z.string(),
});

export type CapturedSms = z.infer<typeof CapturedSmsSchema>;

export function createCaptureSmsSender({ dir }: { dir: string }): SmsSender {
  return {
    kind: "capture",
    async send(message: SmsMessage) {
      const { to, text, tag } = SmsPayload.parse(message);
      const now = Date.now();
      const id = crypto.randomUUID();
      const sms: CapturedSms = { id, to, text, tag, sentAt: new Date(now).toISOString() };
      await writeCapturedFile(dir, sms);
      return { messageId: id };
    },
  };
}

/** Captured messages, oldest first. A directory that does not exist yet holds no messages. */
export async function readCapturedSms(
  dir: string,
  filter: { to?: string; tag?: string } = {},
): Promise<CapturedSms[]> {
  return readCapturedFiles(
    dir,
    CapturedSmsSchema,
    (sms) => (!filter.to || sms.to === filter.to) && (!filter.tag || sms.tag === filter.tag),
  );
}

// ───────────── Through the outbox ─────────────

export const SMS_TOPIC = "sms.send";

type Tx = Parameters<typeof enqueue>[0];

/** Call inside the transaction that causes the message. Rejects with a ZodError for a malformed one. */
export async function enqueueSms(tx: Tx, message: SmsMessage) {
  return enqueue(tx, SMS_TOPIC, SmsPayload.parse(message));
}

export const sendQueuedSms: OutboxHandler = async (payload) => {
  const parsed = SmsPayload.safeParse(payload);
  if (!parsed.success) {
    throw new Error(`Invalid ${SMS_TOPIC} payload: ${z.prettifyError(parsed.error)}`);
  }
  await smsSenderFromEnv().send(parsed.data);
};
