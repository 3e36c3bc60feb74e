// A forgotten password, reset with a 6-digit code sent by SMS (when the person types their phone
// number) or by email. The answer to a request never says whether the account exists; codes are
// short-lived, stored only as a hash, and die after a few wrong tries. Setting the new password
// signs the person out everywhere and in here, and ends a sign-in lockout on the account.
import crypto from "node:crypto";
import { hash, verify } from "@node-rs/argon2";
import { RateLimiterPrisma, RateLimiterRes } from "rate-limiter-flexible";
import { formatVietnamesePhone } from "#app/domain/phone.ts";
import type { Locale } from "#app/i18n/locales.ts";
import { recordAudit } from "../platform/audit.server.ts";
import { clearLoginLimits, hashPassword, parseIdentifier } from "./auth.server.ts";
import { getDb, type Db } from "../platform/db.server.ts";
import { enqueueMail } from "../messaging/mail/outbox-mail.server.ts";
import { SESSION_TTL_MS } from "./session.server.ts";
import { enqueueSms } from "../messaging/sms.server.ts";

export const RESET_CODE_TTL_MS = 15 * 60 * 1000;
export const MAX_CODE_ATTEMPTS = 5;
/** The same rule as setting a password from the handover invite. */
export const MIN_PASSWORD_LENGTH = 8;

// Requests send messages that cost money and land on someone's phone, so they are counted whether or
// not the account exists (the limit then says nothing about existence). Per identifier: 3 in 15
// minutes and 10 a day, which also bounds code guessing to 50 tries a day per account. Per address:
// 20 an hour, loose enough for a commune office or a mobile carrier's shared address. Wrong codes:
// 50 an hour per address, as for sign-ins, since each check costs an argon2 verification.
export const RESET_LIMITS = {
  perIdentifier: { points: 3, duration: 15 * 60 },
  perIdentifierDaily: { points: 10, duration: 24 * 60 * 60 },
  perAddress: { points: 20, duration: 60 * 60 },
  wrongCodesPerAddress: { points: 50, duration: 60 * 60 },
} as const;

const limiters = new WeakMap<Db, Record<keyof typeof RESET_LIMITS, RateLimiterPrisma>>();
function resetLimiters(db: Db) {
  let set = limiters.get(db);
  if (!set) {
    const common = { storeClient: db, tableName: "rateLimiterFlexible", clearExpiredByTimeout: false };
    set = {
      perIdentifier: new RateLimiterPrisma({ ...common, keyPrefix: "reset", ...RESET_LIMITS.perIdentifier }),
      perIdentifierDaily: new RateLimiterPrisma({
        ...common,
        keyPrefix: "reset-day",
        ...RESET_LIMITS.perIdentifierDaily,
      }),
      perAddress: new RateLimiterPrisma({ ...common, keyPrefix: "reset-ip", ...RESET_LIMITS.perAddress }),
      wrongCodesPerAddress: new RateLimiterPrisma({
        ...common,
        keyPrefix: "reset-code-ip",
        ...RESET_LIMITS.wrongCodesPerAddress,
      }),
    };
    limiters.set(db, set);
  }
  return set;
}

function ignoreLimit(error: unknown) {
  if (!(error instanceof RateLimiterRes)) throw error;
}

/** How long until the limiter lets this key through again, or null when it does now. */
async function consume(limiter: RateLimiterPrisma, key: string) {
  try {
    await limiter.consume(key);
    return null;
  } catch (error) {
    if (error instanceof RateLimiterRes) return error.msBeforeNext;
    throw error;
  }
}

// The codes are hashed with argon2id, not with the invite codes' SHA-256: an invite code has 60 bits
// of randomness, a 6-digit code only 20, so a fast unsalted hash of it could be reversed by trying
// all million codes in a second. argon2id is salted and slow, and its verify compares in constant
// time. Hashing (and verifying against a dummy) also when there is no account keeps the response
// time the same either way.
export function newResetCode() {
  return String(crypto.randomInt(0, 1_000_000)).padStart(6, "0");
}

/** "123 456" and "123-456" as typed, or null when it is not 6 digits. */
export function normalizeResetCode(input: string) {
  const code = input.replace(/[\s.-]/g, "");
  return /^\d{6}$/.test(code) ? code : null;
}

let dummyHash: Promise<string> | undefined;
const dummy = () => (dummyHash ??= hash(newResetCode()));

/** The identifier's key for limits and links: +84… for a phone, lowercase for an email. */
function identifierKey(identifier: string) {
  const who = parseIdentifier(identifier);
  return who ? ("phone" in who ? who.phone : who.email) : identifier.trim().toLowerCase();
}

// Server-only texts. The SMS is Vietnamese without diacritics: that fits GSM-7, so the code arrives in
// one 160-character segment (accented text is sent as UCS-2, 70 characters a segment) and reads on
// any handset. No link in either message: the page's address would come from the request's Host
// header, which whoever asks for the code controls.
const texts = {
  vi: {
    sms: "Cho Phien: ma dat lai mat khau cua ban la {code}, dung trong 15 phut. Khong dua ma nay cho ai, ke ca nguoi xung la nhan vien Cho Phien.",
    subject: "Mã đặt lại mật khẩu Chợ Phiên",
    mail: [
      "Xin chào {name},",
      "",
      "Mã đặt lại mật khẩu Chợ Phiên của bạn là: {code}",
      "",
      "Mã dùng được một lần, trong 15 phút. Nhập mã trên trang đặt lại mật khẩu, nơi bạn vừa yêu cầu.",
      "Nếu bạn không yêu cầu, hãy bỏ qua thư này: mật khẩu của bạn không thay đổi.",
      "Đừng đưa mã này cho ai, kể cả người xưng là nhân viên Chợ Phiên.",
    ].join("\n"),
  },
  en: {
    sms: "Cho Phien: your password reset code is {code}, valid for 15 minutes. Do not share it with anyone, even someone claiming to work for Cho Phien.",
    subject: "Your Chợ Phiên password reset code",
    mail: [
      "Hello {name},",
      "",
      "Your Chợ Phiên password reset code is: {code}",
      "",
      "It works once, for 15 minutes. Type it on the password reset page where you asked for it.",
      "If you did not ask, ignore this email: your password has not changed.",
      "Do not share this code with anyone, even someone claiming to work for Chợ Phiên.",
    ].join("\n"),
  },
} satisfies Record<Locale, Record<string, string>>;

const fill = (text: string, params: Record<string, string>) =>
  text.replace(/\{(\w+)\}/g, (whole, name: string) => params[name] ?? whole);

export type ResetRequestResult = { ok: true } | { ok: false; reason: "rate_limited"; retryAfterMs: number };

/** Sends a code when the identifier names an account with a password; answers the same either way. */
export async function requestPasswordReset(input: {
  identifier: string;
  clientAddress: string;
  locale?: Locale;
}): Promise<ResetRequestResult> {
  const db = getDb();
  const limits = resetLimiters(db);
  const key = identifierKey(input.identifier);
  // The address first: a blocked address must not use up the identifier's allowance.
  const addressWait = await consume(limits.perAddress, input.clientAddress);
  if (addressWait !== null) return { ok: false, reason: "rate_limited", retryAfterMs: addressWait };
  const waits = [await consume(limits.perIdentifier, key), await consume(limits.perIdentifierDaily, key)];
  const wait = Math.max(...waits.map((ms) => ms ?? 0));
  if (waits.some((ms) => ms !== null)) return { ok: false, reason: "rate_limited", retryAfterMs: wait };

  const who = parseIdentifier(input.identifier);
  const channel = who ? ("phone" in who ? "sms" : "email") : null;
  const code = newResetCode();
  const codeHash = await hash(code);
  const user = who
    ? await db.user.findUnique({
        where: who,
        select: { id: true, name: true, phone: true, email: true, password: { select: { userId: true } } },
      })
    : null;
  // No account, or one that never set a password (a shop not yet handed over): nothing to reset.
  if (!user?.password || !channel) return { ok: true };

  const t = texts[input.locale ?? "vi"];
  const now = new Date();
  await db.$transaction(async (tx) => {
    // Only the newest code works.
    await tx.passwordResetCode.updateMany({
      where: { userId: user.id, usedAt: null, expiresAt: { gt: now } },
      data: { expiresAt: now },
    });
    const row = await tx.passwordResetCode.create({
      data: { userId: user.id, codeHash, channel, expiresAt: new Date(now.getTime() + RESET_CODE_TTL_MS) },
      select: { id: true, expiresAt: true },
    });
    if (channel === "sms") {
      await enqueueSms(tx, { to: user.phone!, text: fill(t.sms, { code }), tag: "password.reset" });
    } else {
      await enqueueMail(tx, {
        to: user.email!,
        subject: t.subject,
        text: fill(t.mail, { code, name: user.name }),
        tag: "password.reset",
      });
    }
    await recordAudit(tx, {
      actorId: null,
      action: "user.password_reset_requested",
      entityType: "PasswordResetCode",
      entityId: row.id,
      after: { userId: user.id, channel, expiresAt: row.expiresAt },
    });
  });
  return { ok: true };
}

export type ResetResult =
  | { ok: true; userId: string; sessionId: string; ownsShop: boolean }
  | { ok: false; reason: "invalid_code" | "weak_password" }
  | { ok: false; reason: "rate_limited"; retryAfterMs: number };

/**
 * Checks the code and sets the new password: the code is used up, every other session of the account
 * ends, and a new one starts (returned). A wrong, expired, used or exhausted code, and an unknown
 * account, all give the same "invalid_code".
 */
export async function resetPassword(input: {
  identifier: string;
  code: string;
  password: string;
  clientAddress: string;
}): Promise<ResetResult> {
  if (input.password.length < MIN_PASSWORD_LENGTH) return { ok: false, reason: "weak_password" };
  const db = getDb();
  const { wrongCodesPerAddress } = resetLimiters(db);
  const state = await wrongCodesPerAddress.get(input.clientAddress);
  if (state && state.consumedPoints >= RESET_LIMITS.wrongCodesPerAddress.points) {
    return { ok: false, reason: "rate_limited", retryAfterMs: state.msBeforeNext };
  }
  const invalid = async () => {
    await wrongCodesPerAddress.penalty(input.clientAddress, 1).catch(ignoreLimit);
    return { ok: false, reason: "invalid_code" } as const;
  };
  const who = parseIdentifier(input.identifier);
  const typed = normalizeResetCode(input.code);
  const user = who
    ? await db.user.findUnique({
        where: who,
        select: { id: true, password: { select: { userId: true } }, ownedSeller: { select: { id: true } } },
      })
    : null;
  const active =
    user?.password && typed
      ? await db.passwordResetCode.findFirst({
          where: {
            userId: user.id,
            usedAt: null,
            expiresAt: { gt: new Date() },
            attempts: { lt: MAX_CODE_ATTEMPTS },
          },
          orderBy: { createdAt: "desc" },
          select: { id: true, codeHash: true, channel: true },
        })
      : null;
  if (!user || !active || !typed) {
    await verify(await dummy(), typed ?? "000000");
    return invalid();
  }
  // Count the try before checking it, so parallel guesses cannot get past the limit.
  const counted = await db.passwordResetCode.updateMany({
    where: { id: active.id, usedAt: null, attempts: { lt: MAX_CODE_ATTEMPTS } },
    data: { attempts: { increment: 1 } },
  });
  if (counted.count !== 1 || !(await verify(active.codeHash, typed))) return invalid();

  const passwordHash = await hashPassword(input.password);
  const sessionId = await db.$transaction(async (tx) => {
    const now = new Date();
    // Claim the code first so two tabs cannot both use it.
    const claimed = await tx.passwordResetCode.updateMany({
      where: { id: active.id, usedAt: null, expiresAt: { gt: now } },
      data: { usedAt: now },
    });
    if (claimed.count !== 1) return null;
    await tx.passwordResetCode.updateMany({
      where: { userId: user.id, usedAt: null, expiresAt: { gt: now } },
      data: { expiresAt: now },
    });
    await tx.password.update({ where: { userId: user.id }, data: { hash: passwordHash } });
    // Signed out everywhere: whoever knew the old password may hold a session.
    const ended = await tx.session.deleteMany({ where: { userId: user.id } });
    await recordAudit(tx, {
      actorId: user.id,
      action: "user.password_reset",
      entityType: "User",
      entityId: user.id,
      after: { channel: active.channel, sessionsEnded: ended.count },
    });
    const session = await tx.session.create({
      data: { userId: user.id, expiresAt: new Date(now.getTime() + SESSION_TTL_MS) },
      select: { id: true },
    });
    return session.id;
  });
  if (!sessionId) return { ok: false, reason: "invalid_code" };
  // The owner proved who they are with the code: a sign-in lockout (theirs or a guesser's) ends here.
  await clearLoginLimits(user.id);
  return { ok: true, userId: user.id, sessionId, ownsShop: Boolean(user.ownedSeller) };
}

/** "+84905123456" → "0905 123 456"; an email as typed, lowercased. For the pages' notices and links. */
export function displayIdentifier(identifier: string) {
  const who = parseIdentifier(identifier);
  if (!who) return identifier.trim();
  return "phone" in who ? formatVietnamesePhone(who.phone) : who.email;
}
