// A forgotten password reset with a code: by SMS for a phone number (many sellers have no email), by
// email for an email address. Through the pages' actions and the service, against a real database;
// messages go through the outbox and are read back from the capture directories.
import crypto from "node:crypto";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { action as resetAction, loader as resetLoader } from "#app/routes/_auth+/dat-lai-mat-khau.tsx";
import { action as requestAction } from "#app/routes/_auth+/quen-mat-khau.tsx";
import { catalogs } from "#app/i18n/messages.ts";
import { getUserId, login } from "#app/services/identity/auth.server.ts";
import { getDb } from "#app/services/platform/db.server.ts";
import { readCapturedMail } from "#app/services/messaging/mail/capture.server.ts";
import { MAIL_TOPIC, sendQueuedMail } from "#app/services/messaging/mail/outbox-mail.server.ts";
import { drainOutbox } from "#app/services/platform/outbox.server.ts";
import {
  MAX_CODE_ATTEMPTS,
  RESET_LIMITS,
  requestPasswordReset,
  resetPassword,
} from "#app/services/identity/password-reset.server.ts";
import {
  createCaptureSmsSender,
  enqueueSms,
  readCapturedSms,
  SMS_TOPIC,
  sendQueuedSms,
  smsSenderFromEnv,
} from "#app/services/messaging/sms.server.ts";
import { createShop } from "#tests/fixtures/shops.ts";
import { createUser, formRequest, signedInRequest, testPassword } from "#tests/helpers.ts";

// This file's own SMS capture directory; the sender reads the variable when it sends.
const smsDir = path.join(os.tmpdir(), `cho-phien-sms-${crypto.randomUUID()}`);
process.env.SMS_CAPTURE_DIR = smsDir;
const mailDir = process.env.MAIL_CAPTURE_DIR!;
afterAll(() => fs.rm(smsDir, { recursive: true, force: true }));

const newPassword = "xoai-cam-lam-2026";
const vi = catalogs.vi;

let addressCounter = 0;
const freshAddress = () => `198.51.100.${++addressCounter}`;
const unusedPhone = () => `+8497${String(crypto.randomInt(0, 10_000_000)).padStart(7, "0")}`;
/** +84905123456 → "0905 123 456", as a seller types it. */
const typedPhone = (e164: string) => {
  const local = `0${e164.slice(3)}`;
  return `${local.slice(0, 4)} ${local.slice(4, 7)} ${local.slice(7)}`;
};

type Reply = {
  data: { result: { status?: string; error?: Record<string, string[] | null> }; formError: string | null };
  init: { status?: number } | null;
};

const drain = () => drainOutbox(getDb(), { [SMS_TOPIC]: sendQueuedSms, [MAIL_TOPIC]: sendQueuedMail });

function postRequest(identifier: string, clientAddress = freshAddress(), headers: HeadersInit = {}) {
  return requestAction({
    request: formRequest("http://localhost/quen-mat-khau", { identifier }, headers),
    params: {},
    context: { clientAddress },
  });
}

function postReset(fields: { identifier: string; code: string; password?: string; confirm?: string }) {
  const password = fields.password ?? newPassword;
  return resetAction({
    request: formRequest("http://localhost/dat-lai-mat-khau", {
      identifier: fields.identifier,
      code: fields.code,
      password,
      confirm: fields.confirm ?? password,
    }),
    params: {},
    context: { clientAddress: freshAddress() },
  });
}

/** Asks for a code through the service, sends the outbox, and reads the code from the newest SMS. */
async function smsCodeFor(phone: string, identifier = typedPhone(phone)) {
  expect(await requestPasswordReset({ identifier, clientAddress: freshAddress() })).toMatchObject({
    ok: true,
  });
  await drain();
  const messages = await readCapturedSms(smsDir, { to: phone, tag: "password.reset" });
  expect(messages.length).toBeGreaterThan(0);
  return codeIn(messages.at(-1)!.text);
}

function codeIn(text: string) {
  const match = /\b(\d{6})\b/.exec(text);
  expect(match).not.toBeNull();
  return match![1]!;
}

const reset = (identifier: string, code: string, password = newPassword) =>
  resetPassword({ identifier, code, password, clientAddress: freshAddress() });

const signsIn = async (identifier: string, password: string) =>
  (await login({ identifier, password, clientAddress: freshAddress() })).ok;

describe("a phone-only seller who forgot the password", () => {
  it("gets a code by SMS, sets a new password with it once, and every old session ends", async () => {
    const seller = await createUser(["seller"]);
    expect(seller.email).toBeNull();
    const db = getDb();
    const oldSessions = await Promise.all([
      signedInRequest(seller.id),
      signedInRequest(seller.id),
      signedInRequest(seller.id),
    ]);
    expect(oldSessions).toHaveLength(3);
    const typed = typedPhone(seller.phone!);

    const asked = (await postRequest(typed)) as Response;
    expect(asked.status).toBe(302);
    expect(asked.headers.get("Location")).toBe(`/dat-lai-mat-khau?${new URLSearchParams({ ai: typed })}`);
    // Nothing leaves before the outbox is drained; then exactly one SMS, in one GSM-7 segment.
    expect(await readCapturedSms(smsDir, { to: seller.phone! })).toEqual([]);
    expect(await drain()).toEqual({ succeeded: 1, failed: 0 });
    const [sms, ...more] = await readCapturedSms(smsDir, { to: seller.phone! });
    expect(more).toEqual([]);
    expect(sms).toMatchObject({ to: seller.phone, tag: "password.reset" });
    expect(sms!.text).toMatch(/^Cho Phien: ma dat lai mat khau cua ban la \d{6}, dung trong 15 phut\./);
    expect(sms!.text.length).toBeLessThanOrEqual(160);
    expect(sms!.text).toMatch(/^[\x20-\x7e]+$/);
    expect(await readCapturedMail(mailDir, { tag: "password.reset" })).toEqual([]);
    const code = codeIn(sms!.text);

    // Only a hash is stored.
    const row = await db.passwordResetCode.findFirstOrThrow({ where: { userId: seller.id } });
    expect(row).toMatchObject({ channel: "sms", attempts: 0, usedAt: null });
    expect(row.codeHash).not.toContain(code);
    expect(row.codeHash).toMatch(/^\$argon2id\$/);
    expect(row.expiresAt.getTime() - row.createdAt.getTime()).toBeGreaterThan(14 * 60 * 1000);
    expect(row.expiresAt.getTime() - row.createdAt.getTime()).toBeLessThanOrEqual(15 * 60 * 1000 + 1000);

    // The code typed with a space works; the seller is signed in with a new session.
    const done = (await postReset({
      identifier: typed,
      code: `${code.slice(0, 3)} ${code.slice(3)}`,
    })) as Response;
    expect(done.status).toBe(302);
    expect(done.headers.get("Location")).toBe("/account");
    expect(done.headers.get("Set-Cookie")).toMatch(/^__session=/);
    const sessions = await db.session.findMany({ where: { userId: seller.id } });
    expect(sessions).toHaveLength(1);
    for (const old of oldSessions) {
      expect(await getUserId(old)).toBeNull();
    }

    expect(await signsIn(typed, newPassword)).toBe(true);
    expect(await signsIn(typed, testPassword)).toBe(false);
    expect((await db.passwordResetCode.findUniqueOrThrow({ where: { id: row.id } })).usedAt).toBeInstanceOf(
      Date,
    );
    expect(
      await db.auditLog.findFirst({ where: { action: "user.password_reset", entityId: seller.id } }),
    ).toMatchObject({ actorId: seller.id, after: { channel: "sms", sessionsEnded: 3 } });

    // The code works once.
    const again = (await postReset({
      identifier: typed,
      code,
      password: "mat-khau-khac-9",
    })) as unknown as Reply;
    expect(again.init?.status).toBe(400);
    expect(again.data.formError).toBe(vi["passwordReset.invalidCode"]);
    expect(await signsIn(typed, "mat-khau-khac-9")).toBe(false);
  });

  it("lands an owner in their shop after the reset", async () => {
    const seller = await createUser(["seller"]);
    await createShop({ ownerId: seller.id });
    const code = await smsCodeFor(seller.phone!);
    const done = (await postReset({ identifier: seller.phone!, code })) as Response;
    expect(done.status).toBe(302);
    expect(done.headers.get("Location")).toBe("/shop");
  });

  it("can also reset from an account with an email by typing the phone number: the code goes by SMS", async () => {
    const buyer = await createUser(["buyer"], { email: `bao.${crypto.randomUUID()}@example.vn` });
    const code = await smsCodeFor(buyer.phone!);
    expect(await readCapturedMail(mailDir, { to: buyer.email! })).toEqual([]);
    expect(await reset(buyer.phone!, code, newPassword)).toMatchObject({
      ok: true,
    });
  });
});

describe("an account with an email", () => {
  it("gets the code by email when it types the email address", async () => {
    const email = `huong.${crypto.randomUUID()}@example.vn`;
    const buyer = await createUser(["buyer"], { email });
    const asked = (await postRequest(email.toUpperCase())) as Response;
    expect(asked.headers.get("Location")).toBe(`/dat-lai-mat-khau?${new URLSearchParams({ ai: email })}`);
    await drain();
    const mails = await readCapturedMail(mailDir, { to: email, tag: "password.reset" });
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toBe("Mã đặt lại mật khẩu Chợ Phiên");
    expect(mails[0]!.text).toContain(buyer.name);
    expect(mails[0]!.text).not.toMatch(/https?:\/\//); // no link built from the request's Host header
    expect(await readCapturedSms(smsDir, { to: buyer.phone! })).toEqual([]);

    const done = (await postReset({ identifier: email, code: codeIn(mails[0]!.text) })) as Response;
    expect(done.status).toBe(302);
    expect(await signsIn(email, newPassword)).toBe(true);
    expect(await signsIn(email, testPassword)).toBe(false);
    expect(
      await getDb().auditLog.findFirst({ where: { action: "user.password_reset", entityId: buyer.id } }),
    ).toMatchObject({ after: { channel: "email" } });
  });

  it("gets it in English when the page is in English", async () => {
    const email = `tourist.${crypto.randomUUID()}@example.com`;
    await createUser(["buyer"], { email });
    await postRequest(email, freshAddress(), { Cookie: "lang=en" });
    await drain();
    const [mail] = await readCapturedMail(mailDir, { to: email });
    expect(mail!.subject).toBe("Your Chợ Phiên password reset code");
  });
});

describe("no account enumeration", () => {
  it("answers an unknown phone, an unknown email and an account without a password exactly like a real one", async () => {
    const db = getDb();
    const real = await createUser(["seller"]);
    // A seller whose shop was not handed over yet: an account, but no password to reset.
    const noPassword = await db.user.create({ data: { phone: unusedPhone(), name: "Cô Ba" } });
    const before = await db.outboxMessage.count();

    const answers = [];
    for (const identifier of [
      typedPhone(real.phone!),
      typedPhone(unusedPhone()),
      `khong.co.${crypto.randomUUID()}@example.vn`,
      typedPhone(noPassword.phone!),
    ]) {
      const response = (await postRequest(identifier)) as Response;
      answers.push({
        status: response.status,
        location: response.headers.get("Location")!.replace(/ai=[^&]*/, "ai=…"),
        cookie: response.headers.get("Set-Cookie"),
      });
    }
    expect(new Set(answers.map((a) => JSON.stringify(a))).size).toBe(1);
    expect(answers[0]).toEqual({ status: 302, location: "/dat-lai-mat-khau?ai=…", cookie: null });

    // Only the real account got a message.
    expect(await db.outboxMessage.count()).toBe(before + 1);
    expect(await db.passwordResetCode.count({ where: { userId: noPassword.id } })).toBe(0);
    await drain();
    expect(await readCapturedSms(smsDir, { to: noPassword.phone! })).toEqual([]);

    // The next page says "if an account exists" to everyone.
    const page = await resetLoader({
      request: new Request(`http://localhost/dat-lai-mat-khau?ai=${encodeURIComponent("0977 000 111")}`),
      params: {},
      context: { clientAddress: freshAddress() },
    });
    expect(page.sent).toEqual({ channel: "sms", identifier: "0977 000 111" });
    expect(vi["passwordReset.sentSms"]).toMatch(/^Nếu có tài khoản/);
  });

  it("refuses a code for an unknown account with the same message as a wrong code", async () => {
    const unknown = (await postReset({
      identifier: typedPhone(unusedPhone()),
      code: "123456",
    })) as unknown as Reply;
    const seller = await createUser(["seller"]);
    const code = await smsCodeFor(seller.phone!);
    const wrong = (await postReset({
      identifier: seller.phone!,
      code: code === "000000" ? "000001" : "000000",
    })) as unknown as Reply;
    expect(unknown.init?.status).toBe(400);
    expect(wrong.init?.status).toBe(400);
    expect(unknown.data.formError).toBe(vi["passwordReset.invalidCode"]);
    expect(wrong.data.formError).toBe(vi["passwordReset.invalidCode"]);
  });
});

describe("codes", () => {
  it("die after five wrong tries, even the right one afterwards", async () => {
    const seller = await createUser(["seller"]);
    const code = await smsCodeFor(seller.phone!);
    const wrong = code === "111111" ? "222222" : "111111";
    for (let i = 0; i < MAX_CODE_ATTEMPTS; i++) {
      const reply = (await postReset({ identifier: seller.phone!, code: wrong })) as unknown as Reply;
      expect(reply.init?.status).toBe(400);
      expect(reply.data.formError).toBe(vi["passwordReset.invalidCode"]);
      // A server message, not a conform form error: those would block the corrected resubmission.
      expect(reply.data.result.error?.[""]).toBeUndefined();
    }
    expect(await reset(seller.phone!, code, newPassword)).toEqual({
      ok: false,
      reason: "invalid_code",
    });
    const row = await getDb().passwordResetCode.findFirstOrThrow({ where: { userId: seller.id } });
    expect(row).toMatchObject({ attempts: MAX_CODE_ATTEMPTS, usedAt: null });
    expect(await signsIn(seller.phone!, testPassword)).toBe(true);
  });

  it("accept the right code after a few wrong tries", async () => {
    const seller = await createUser(["seller"]);
    const code = await smsCodeFor(seller.phone!);
    const wrong = code === "111111" ? "222222" : "111111";
    for (let i = 0; i < MAX_CODE_ATTEMPTS - 1; i++) {
      await postReset({ identifier: seller.phone!, code: wrong });
    }
    expect(((await postReset({ identifier: seller.phone!, code })) as Response).status).toBe(302);
  });

  it("are refused once expired", async () => {
    const seller = await createUser(["seller"]);
    const code = await smsCodeFor(seller.phone!);
    await getDb().passwordResetCode.updateMany({
      where: { userId: seller.id },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    const reply = (await postReset({ identifier: seller.phone!, code })) as unknown as Reply;
    expect(reply.init?.status).toBe(400);
    expect(reply.data.formError).toBe(vi["passwordReset.invalidCode"]);
    expect(await signsIn(seller.phone!, testPassword)).toBe(true);
  });

  it("stop working when a newer one is asked for", async () => {
    const seller = await createUser(["seller"]);
    let first = await smsCodeFor(seller.phone!);
    let second = await smsCodeFor(seller.phone!);
    // A million codes: the two may rarely be equal, and then the test says nothing.
    while (second === first) {
      first = second;
      second = await smsCodeFor(seller.phone!);
    }
    expect(await readCapturedSms(smsDir, { to: seller.phone! })).toHaveLength(2);
    expect(await reset(seller.phone!, first, newPassword)).toEqual({
      ok: false,
      reason: "invalid_code",
    });
    expect(await reset(seller.phone!, second, newPassword)).toMatchObject({ ok: true });
  });

  it("belong to one account: another account's code does not work", async () => {
    const a = await createUser(["seller"]);
    const b = await createUser(["seller"]);
    const codeA = await smsCodeFor(a.phone!);
    await smsCodeFor(b.phone!);
    expect(await reset(b.phone!, codeA, newPassword)).toMatchObject({
      ok: false,
    });
  });
});

describe("the new password", () => {
  it("is refused when too short or mistyped, with a Vietnamese message, and nothing changes", async () => {
    const seller = await createUser(["seller"]);
    await signedInRequest(seller.id);
    const code = await smsCodeFor(seller.phone!);

    const short = (await postReset({
      identifier: seller.phone!,
      code,
      password: "ngan",
    })) as unknown as Reply;
    expect(short.init?.status).toBe(400);
    expect(short.data.result.error?.password).toEqual(["passwordReset.passwordTooShort"]);
    expect(vi["passwordReset.passwordTooShort"]).toBe("Mật khẩu cần ít nhất 8 ký tự.");
    const mismatch = (await postReset({
      identifier: seller.phone!,
      code,
      password: newPassword,
      confirm: `${newPassword}!`,
    })) as unknown as Reply;
    expect(mismatch.data.result.error?.confirm).toEqual(["passwordReset.passwordMismatch"]);
    // The service holds the same rule for any other caller.
    expect(await reset(seller.phone!, code, "1234567")).toEqual({
      ok: false,
      reason: "weak_password",
    });

    const db = getDb();
    expect(await db.passwordResetCode.findFirstOrThrow({ where: { userId: seller.id } })).toMatchObject({
      attempts: 0,
      usedAt: null,
    });
    expect(await db.session.count({ where: { userId: seller.id } })).toBe(1);
    expect(await signsIn(seller.phone!, testPassword)).toBe(true);
    // The code is still good for a proper password.
    expect(((await postReset({ identifier: seller.phone!, code })) as Response).status).toBe(302);
  });

  it("rejects a malformed code before looking anything up", async () => {
    const reply = (await postReset({ identifier: "0905 123 456", code: "12ab" })) as unknown as Reply;
    expect(reply.init?.status).toBe(400);
    expect(reply.data.result.error?.code).toEqual(["passwordReset.codeFormat"]);
  });
});

describe("rate limits", () => {
  it("limit requests per phone number, from any address, and say so in Vietnamese", async () => {
    const seller = await createUser(["seller"]);
    const { points } = RESET_LIMITS.perIdentifier;
    for (let i = 0; i < points; i++) {
      expect(((await postRequest(typedPhone(seller.phone!))) as Response).status).toBe(302);
    }
    // However the number is typed, and from another address.
    const blocked = (await postRequest(seller.phone!)) as unknown as Reply;
    expect(blocked.init?.status).toBe(429);
    expect(blocked.data.formError).toMatch(
      /^Bạn đã yêu cầu quá nhiều lần\. Vui lòng thử lại sau \d+ phút\.$/,
    );
    await drain();
    expect(await readCapturedSms(smsDir, { to: seller.phone! })).toHaveLength(points);
    // The limit counts unknown numbers too, so it tells nothing about who has an account.
    const unknown = typedPhone(unusedPhone());
    for (let i = 0; i < points; i++) await postRequest(unknown);
    expect(((await postRequest(unknown)) as unknown as Reply).init?.status).toBe(429);
  });

  it("limit requests per address", async () => {
    const address = freshAddress();
    const { points } = RESET_LIMITS.perAddress;
    for (let i = 0; i < points; i++) {
      expect(((await postRequest(typedPhone(unusedPhone()), address)) as Response).status).toBe(302);
    }
    const seller = await createUser(["seller"]);
    expect(((await postRequest(seller.phone!, address)) as unknown as Reply).init?.status).toBe(429);
    // A blocked address does not use up the number's allowance.
    expect(((await postRequest(seller.phone!)) as Response).status).toBe(302);
  });
});

describe("wrong codes", () => {
  it("are limited per address, then refused even when right", async () => {
    const address = freshAddress();
    const seller = await createUser(["seller"]);
    const code = await smsCodeFor(seller.phone!);
    const { points } = RESET_LIMITS.wrongCodesPerAddress;
    // Unknown numbers count too: guessing across many accounts from one place is what this stops.
    for (let i = 0; i < points; i++) {
      const outcome = await resetPassword({
        identifier: unusedPhone(),
        code: "123456",
        password: newPassword,
        clientAddress: address,
      });
      expect(outcome).toEqual({ ok: false, reason: "invalid_code" });
    }
    expect(
      await resetPassword({ identifier: seller.phone!, code, password: newPassword, clientAddress: address }),
    ).toMatchObject({ ok: false, reason: "rate_limited" });
    // The code was not touched and still works from elsewhere.
    expect(await reset(seller.phone!, code)).toMatchObject({ ok: true });
  });
});

describe("the SMS port", () => {
  it("captures one JSON file per message, read back oldest first and filtered", async () => {
    const dir = path.join(smsDir, "port");
    const sender = createCaptureSmsSender({ dir });
    const first = await sender.send({ to: "+84905123456", text: "Ma cua ban la 123456", tag: "a" });
    await sender.send({ to: "+84905000111", text: "Tin thu hai", tag: "b" });
    await sender.send({ to: "+84905123456", text: "Tin thu ba" });
    expect((await readCapturedSms(dir)).map((m) => m.text)).toEqual([
      "Ma cua ban la 123456",
      "Tin thu hai",
      "Tin thu ba",
    ]);
    expect((await readCapturedSms(dir, { to: "+84905123456" }))[0]).toMatchObject({ id: first.messageId });
    expect(await readCapturedSms(dir, { tag: "b" })).toHaveLength(1);
    expect((await fs.readdir(dir)).every((name) => name.endsWith(".json"))).toBe(true);
    expect(await readCapturedSms(path.join(dir, "none"))).toEqual([]);
  });

  it("refuses numbers that are not E.164 when enqueued", async () => {
    await expect(
      getDb().$transaction((tx) => enqueueSms(tx, { to: "0905 123 456", text: "x" })),
    ).rejects.toThrow(/E\.164/);
  });

  it("retries through the outbox when a queued payload is malformed", async () => {
    await expect(sendQueuedSms({ to: "+84905123456" })).rejects.toThrow(/Invalid sms\.send payload/);
  });

  it("reads SMS_CAPTURE_DIR, defaulting to ./data/sms, and names it when it is empty", () => {
    expect(smsSenderFromEnv({ SMS_CAPTURE_DIR: smsDir })).toBe(smsSenderFromEnv({ SMS_CAPTURE_DIR: smsDir }));
    expect(() => smsSenderFromEnv({ SMS_CAPTURE_DIR: " " })).toThrow(
      "Invalid configuration: SMS_CAPTURE_DIR must not be empty",
    );
    expect(smsSenderFromEnv({}).kind).toBe("capture");
  });
});
