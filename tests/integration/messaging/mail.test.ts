// Outgoing mail: the capture adapter (files other processes can read), the SMTP adapter against a
// real local SMTP server, and the outbox topic that sends through whichever one is configured.
import fs from "node:fs/promises";
import net, { type AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { ZodError } from "zod";
import { getDb } from "#app/services/platform/db.server.ts";
import { createCaptureMailer, readCapturedMail } from "#app/services/messaging/mail/capture.server.ts";
import { getMailer, mailerFromEnv } from "#app/services/messaging/mail/mailer.server.ts";
import { enqueueMail, MAIL_TOPIC, sendQueuedMail } from "#app/services/messaging/mail/outbox-mail.server.ts";
import { createSmtpMailer } from "#app/services/messaging/mail/smtp.server.ts";
import { drainOutbox } from "#app/services/platform/outbox.server.ts";
import { SmtpServerFake } from "#tests/fakes/smtp-server.ts";

const FROM = "Chợ Phiên <no-reply@chophien.local>";
const body = "Chào chị Hương,\nĐơn hàng xoài cát Hòa Lộc (2 kg) đã được đặt.\nCảm ơn chị đã dùng Chợ Phiên!";

const tempDirs: string[] = [];
async function tempDir() {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), "cho-phien-mail-"));
  tempDirs.push(dir);
  return dir;
}
afterAll(() => Promise.all(tempDirs.map((dir) => fs.rm(dir, { recursive: true, force: true }))));

describe("capture mailer", () => {
  it("writes each message as a file, read back oldest first with Vietnamese intact", async () => {
    const dir = await tempDir();
    const mailer = createCaptureMailer({ dir, from: FROM });
    expect(mailer.kind).toBe("capture");
    const first = await mailer.send({
      to: "huong@example.com",
      subject: "Đơn hàng mới: xoài cát Hòa Lộc",
      text: body,
      html: "<p>Đơn hàng <b>mới</b></p>",
      tag: "order.placed.seller",
    });
    const second = await mailer.send({
      to: "tuan@example.com",
      subject: "Nước mắm Cam Ranh",
      text: "Đã giao.",
    });

    const mails = await readCapturedMail(dir);
    expect(mails.map((m) => m.id)).toEqual([first.messageId, second.messageId]);
    expect(mails[0]).toMatchObject({
      from: FROM,
      to: "huong@example.com",
      subject: "Đơn hàng mới: xoài cát Hòa Lộc",
      text: body,
      html: "<p>Đơn hàng <b>mới</b></p>",
      tag: "order.placed.seller",
    });
    expect(new Date(mails[0]!.sentAt).getTime()).toBeLessThanOrEqual(new Date(mails[1]!.sentAt).getTime());
    // Only finished files: no temp file is left behind.
    expect((await fs.readdir(dir)).every((name) => name.endsWith(".json"))).toBe(true);
  });

  it("keeps the order of many messages sent at once", async () => {
    const dir = await tempDir();
    const mailer = createCaptureMailer({ dir, from: FROM });
    const ids: string[] = [];
    for (let i = 0; i < 20; i++)
      ids.push((await mailer.send({ to: "a@example.com", subject: `#${i}`, text: "x" })).messageId);
    expect((await readCapturedMail(dir)).map((m) => m.id)).toEqual(ids);
  });

  it("filters by recipient and tag", async () => {
    const dir = await tempDir();
    const mailer = createCaptureMailer({ dir, from: FROM });
    await mailer.send({ to: "huong@example.com", subject: "Một", text: "1", tag: "order.placed.seller" });
    await mailer.send({ to: "tuan@example.com", subject: "Hai", text: "2", tag: "order.placed.buyer" });
    await mailer.send({ to: "huong@example.com", subject: "Ba", text: "3", tag: "order.shipped.buyer" });

    expect((await readCapturedMail(dir, { to: "Huong@Example.com" })).map((m) => m.subject)).toEqual([
      "Một",
      "Ba",
    ]);
    expect((await readCapturedMail(dir, { tag: "order.placed.buyer" })).map((m) => m.subject)).toEqual([
      "Hai",
    ]);
    expect(await readCapturedMail(dir, { to: "huong@example.com", tag: "order.placed.buyer" })).toEqual([]);
  });

  it("reads a directory that does not exist yet as no mail", async () => {
    expect(await readCapturedMail(path.join(await tempDir(), "chua-co"))).toEqual([]);
  });
});

describe("SMTP mailer", () => {
  let server: SmtpServerFake;
  beforeAll(async () => {
    server = await new SmtpServerFake().start();
  });
  afterEach(() => {
    server.received.length = 0;
    server.rejectRecipient = () => false;
  });
  afterAll(() => server.stop());

  it("delivers the message with its headers and a UTF-8 Vietnamese body", async () => {
    const mailer = createSmtpMailer({ url: server.url, from: FROM });
    expect(mailer.kind).toBe("smtp");
    const { messageId } = await mailer.send({
      to: "huong@example.com",
      subject: "Đơn hàng mới: xoài cát Hòa Lộc",
      text: body,
      html: "<p>Đơn hàng <b>mới</b> — cảm ơn chị!</p>",
      replyTo: "ho-tro@chophien.local",
      tag: "order.placed.seller",
    });

    expect(server.received).toHaveLength(1);
    const mail = server.received[0]!;
    expect(mail.envelope).toEqual({ from: "no-reply@chophien.local", to: ["huong@example.com"] });
    expect(mail.headers).toMatchObject({
      from: FROM,
      to: "huong@example.com",
      subject: "Đơn hàng mới: xoài cát Hòa Lộc",
      "reply-to": "ho-tro@chophien.local",
      "x-cho-phien-tag": "order.placed.seller",
      "message-id": messageId,
    });
    // Non-ASCII never goes out raw in the headers; it is RFC 2047-encoded.
    expect(mail.raw.split("\r\n\r\n")[0]).toMatch(/^Subject: =\?UTF-8\?[BQ]\?/im);
    expect(mail.text?.replace(/\r\n/g, "\n")).toBe(body);
    expect(mail.html).toBe("<p>Đơn hàng <b>mới</b> — cảm ơn chị!</p>");
  });

  it("rejects when the server refuses the recipient, so the outbox retries", async () => {
    server.rejectRecipient = (address) => address === "khong-co@example.com";
    const mailer = createSmtpMailer({ url: server.url, from: FROM });
    await expect(mailer.send({ to: "khong-co@example.com", subject: "Thử", text: "Thử" })).rejects.toThrow();
    expect(server.received).toHaveLength(0);
  });

  it("rejects on wrong credentials", async () => {
    const url = new URL(server.url);
    url.password = "sai-mat-khau";
    const mailer = createSmtpMailer({ url: url.toString(), from: FROM });
    await expect(mailer.send({ to: "huong@example.com", subject: "Thử", text: "Thử" })).rejects.toThrow();
  });

  it("rejects when no server is listening", async () => {
    const stopped = await new SmtpServerFake().start();
    const url = stopped.url;
    await stopped.stop();
    const mailer = createSmtpMailer({ url, from: FROM, timeoutMs: 2000 });
    await expect(mailer.send({ to: "huong@example.com", subject: "Thử", text: "Thử" })).rejects.toThrow();
  });

  it("gives up on a server that accepts the connection but never greets", async () => {
    const sockets: net.Socket[] = [];
    const silent = net.createServer((socket) => void sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    const { port } = silent.address() as AddressInfo;
    try {
      const mailer = createSmtpMailer({ url: `smtp://127.0.0.1:${port}`, from: FROM, timeoutMs: 300 });
      const started = Date.now();
      await expect(mailer.send({ to: "huong@example.com", subject: "Thử", text: "Thử" })).rejects.toThrow();
      expect(Date.now() - started).toBeLessThan(5000);
    } finally {
      sockets.forEach((socket) => socket.destroy());
      await new Promise((resolve) => silent.close(resolve));
    }
  });
});

describe("mailerFromEnv", () => {
  it("captures without SMTP_URL, sends with it, and makes a new mailer when the config changes", async () => {
    const dir = await tempDir();
    const capture = mailerFromEnv({ MAIL_FROM: FROM, MAIL_CAPTURE_DIR: dir });
    expect(capture.kind).toBe("capture");
    expect(mailerFromEnv({ MAIL_FROM: FROM, MAIL_CAPTURE_DIR: dir })).toBe(capture);
    expect(mailerFromEnv({ MAIL_FROM: FROM, MAIL_CAPTURE_DIR: await tempDir() })).not.toBe(capture);
    const smtp = mailerFromEnv({ SMTP_URL: "smtp://127.0.0.1:2525", MAIL_FROM: FROM, MAIL_CAPTURE_DIR: dir });
    expect(smtp.kind).toBe("smtp");
  });
});

describe("mail through the outbox", () => {
  let captureDir: string;
  const previous = process.env.MAIL_CAPTURE_DIR;
  beforeAll(async () => {
    // getEnv() parses process.env once per test file, on first use, which is after this.
    captureDir = await tempDir();
    process.env.MAIL_CAPTURE_DIR = captureDir;
    delete process.env.SMTP_URL;
  });
  afterAll(() => {
    if (previous === undefined) delete process.env.MAIL_CAPTURE_DIR;
    else process.env.MAIL_CAPTURE_DIR = previous;
  });

  it("sends an enqueued message once its transaction commits", async () => {
    const db = getDb();
    const to = `nguoi-mua-${Date.now()}@example.com`;
    await db.$transaction(async (tx) => {
      await enqueueMail(tx, { to, subject: "Xác nhận đơn hàng", text: body, tag: "order.placed.buyer" });
    });
    expect(getMailer().kind).toBe("capture");
    expect(await readCapturedMail(captureDir, { to })).toEqual([]);

    expect(await drainOutbox(db, { [MAIL_TOPIC]: sendQueuedMail })).toMatchObject({
      succeeded: 1,
      failed: 0,
    });
    const mails = await readCapturedMail(captureDir, { to });
    expect(mails).toHaveLength(1);
    expect(mails[0]).toMatchObject({
      to,
      subject: "Xác nhận đơn hàng",
      text: body,
      tag: "order.placed.buyer",
    });
  });

  it("refuses a malformed message before it reaches the outbox", async () => {
    const db = getDb();
    const before = await db.outboxMessage.count({ where: { topic: MAIL_TOPIC } });
    await expect(
      db.$transaction((tx) => enqueueMail(tx, { to: "khong-phai-email", subject: "Thử", text: "Thử" })),
    ).rejects.toBeInstanceOf(ZodError);
    await expect(enqueueMail(db, { to: "a@example.com", subject: "", text: "Thử" })).rejects.toBeInstanceOf(
      ZodError,
    );
    expect(await db.outboxMessage.count({ where: { topic: MAIL_TOPIC } })).toBe(before);
  });

  it("fails a malformed payload that got into the outbox with a clear error", async () => {
    await expect(sendQueuedMail({ to: "khong-phai-email", subject: "Thử", text: "Thử" })).rejects.toThrow(
      /Invalid mail\.send payload[\s\S]*to/,
    );
  });
});
