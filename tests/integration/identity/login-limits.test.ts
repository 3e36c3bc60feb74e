// Sign-in limits under attack: parallel bursts, many addresses, the lockout and how the owner ends
// it. Every attempt takes its points before the password is checked, so a reply of "invalid" means
// the password was checked and "rate_limited" means it was not.
import crypto from "node:crypto";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, describe, expect, it, vi } from "vitest";
import { LOGIN_LIMITS, login, type LoginResult } from "#app/services/identity/auth.server.ts";
import { getDb } from "#app/services/platform/db.server.ts";
import { drainOutbox } from "#app/services/platform/outbox.server.ts";
import { requestPasswordReset, resetPassword } from "#app/services/identity/password-reset.server.ts";
import { readCapturedSms, SMS_TOPIC, sendQueuedSms } from "#app/services/messaging/sms.server.ts";
import { action as loginAction } from "#app/routes/_auth+/login.tsx";
import { createUser, formRequest, testPassword } from "#tests/helpers.ts";

// This file's own SMS capture directory; the sender reads the variable when it sends.
const smsDir = path.join(os.tmpdir(), `cho-phien-sms-${crypto.randomUUID()}`);
process.env.SMS_CAPTURE_DIR = smsDir;
afterAll(() => fs.rm(smsDir, { recursive: true, force: true }));
afterEach(() => void vi.useRealTimers());

let addressCounter = 0;
const freshAddress = () => `192.0.2.${++addressCounter}`;
const count = (results: LoginResult[], reason: "invalid" | "rate_limited") =>
  results.filter((r) => !r.ok && r.reason === reason).length;
const minutes = (n: number) => n * 60 * 1000;
/** Moves the clock that the limiter reads (and only that: timers keep running). */
function advanceClock(ms: number) {
  vi.useFakeTimers({ toFake: ["Date"], now: Date.now() + ms });
}

const slowDown = LOGIN_LIMITS.perAccount.points;
const lockout = LOGIN_LIMITS.perAccountDaily.points;

describe("the limits hold under a burst", () => {
  it("checks at most the per-account allowance of 40 parallel wrong passwords", async () => {
    const user = await createUser(["seller"]);
    const address = freshAddress();
    const results = await Promise.all(
      Array.from({ length: 40 }, () =>
        login({ identifier: user.phone!, password: "sai", clientAddress: address }),
      ),
    );
    expect(count(results, "invalid")).toBe(slowDown);
    expect(count(results, "rate_limited")).toBe(40 - slowDown);
  });

  it("does not sign in the right password sent after 24 wrong ones in the same burst", async () => {
    const user = await createUser(["seller"]);
    const address = freshAddress();
    const attempts = Array.from({ length: 24 }, () => "sai").concat(testPassword);
    const results = await Promise.all(
      attempts.map((password) => login({ identifier: user.phone!, password, clientAddress: address })),
    );
    expect(results.at(-1)).toMatchObject({ ok: false, reason: "rate_limited" });
    expect(results.some((r) => r.ok)).toBe(false);
    expect(count(results, "invalid")).toBeLessThanOrEqual(slowDown);
    expect(await getDb().session.count({ where: { userId: user.id } })).toBe(0);
  });

  it("counts one account across every address: 5 guesses from each of 10 addresses", async () => {
    const user = await createUser(["seller"]);
    const results: LoginResult[] = [];
    for (let a = 0; a < 10; a++) {
      const address = freshAddress();
      for (let i = 0; i < 5; i++) {
        results.push(
          await login({ identifier: user.phone!, password: `sai-${a}-${i}`, clientAddress: address }),
        );
      }
    }
    expect(count(results, "invalid")).toBe(slowDown);
    expect(count(results, "rate_limited")).toBe(50 - slowDown);
    // The right password from yet another address waits too.
    const right = await login({
      identifier: user.phone!,
      password: testPassword,
      clientAddress: freshAddress(),
    });
    expect(right).toMatchObject({ ok: false, reason: "rate_limited" });
  });

  it("counts the phone number and the email of one account together", async () => {
    const user = await createUser(["buyer"], { email: `limits.${crypto.randomUUID()}@example.vn` });
    for (let i = 0; i < slowDown; i++) {
      const identifier = i % 2 ? user.email! : user.phone!;
      expect(await login({ identifier, password: "sai", clientAddress: freshAddress() })).toMatchObject({
        reason: "invalid",
      });
    }
    expect(
      await login({ identifier: user.email!, password: testPassword, clientAddress: freshAddress() }),
    ).toMatchObject({ reason: "rate_limited" });
  });

  it("limits one address across many accounts", async () => {
    const address = freshAddress();
    const { points } = LOGIN_LIMITS.perAddress;
    for (let i = 0; i < points; i++) {
      const identifier = `0977 ${100_000 + i}`; // nobody's number
      expect(await login({ identifier, password: "sai", clientAddress: address })).toMatchObject({
        reason: "invalid",
      });
    }
    const user = await createUser(["buyer"]);
    expect(
      await login({ identifier: user.phone!, password: testPassword, clientAddress: address }),
    ).toMatchObject({
      reason: "rate_limited",
    });
    expect(
      await login({ identifier: user.phone!, password: testPassword, clientAddress: freshAddress() }),
    ).toMatchObject({ ok: true });
  });
});

describe("slow-down, then lockout", () => {
  it("lets the owner in after the slow-down, and locks the account after 10 checked failures", async () => {
    const user = await createUser(["seller"]);
    const wrong = () => login({ identifier: user.phone!, password: "sai", clientAddress: freshAddress() });
    for (let i = 0; i < slowDown; i++) expect(await wrong()).toMatchObject({ reason: "invalid" });
    const slowed = await wrong();
    expect(slowed).toMatchObject({ reason: "rate_limited", accountLocked: false });
    expect(!slowed.ok && slowed.reason === "rate_limited" && slowed.retryAfterMs).toBeLessThanOrEqual(
      minutes(15),
    );

    advanceClock(minutes(16));
    for (let i = slowDown; i < lockout; i++) expect(await wrong()).toMatchObject({ reason: "invalid" });
    advanceClock(minutes(32));
    // The slow-down's 15 minutes are over, but the account is locked, right password or not.
    const locked = await login({
      identifier: user.phone!,
      password: testPassword,
      clientAddress: freshAddress(),
    });
    expect(locked).toMatchObject({ ok: false, reason: "rate_limited", accountLocked: true });
    expect(!locked.ok && locked.reason === "rate_limited" && locked.retryAfterMs).toBeGreaterThan(
      minutes(60 * 20),
    );
    // The sign-in page tells the owner how to unlock it now, not just to wait.
    const page = (await loginAction({
      request: formRequest("http://localhost/login", { identifier: user.phone!, password: testPassword }),
      params: {},
      context: { clientAddress: freshAddress() },
    })) as unknown as { data: { formError: string }; init: { status: number } };
    expect(page.init.status).toBe(429);
    expect(page.data.formError).toMatch(/^Tài khoản tạm khoá .*Quên mật khẩu\?.* thử lại sau \d+ giờ\.$/);
    // And the slow-down's reply tells the lockout's wait, not just its own.
    advanceClock(minutes(33));
    for (let i = 0; i < slowDown; i++) await wrong();
    const both = await wrong();
    expect(both).toMatchObject({ accountLocked: true });
    expect(!both.ok && both.reason === "rate_limited" && both.retryAfterMs).toBeGreaterThan(minutes(60 * 20));
  });

  it("is ended by the owner resetting the password", async () => {
    const user = await createUser(["seller"]);
    const wrong = () => login({ identifier: user.phone!, password: "sai", clientAddress: freshAddress() });
    for (let i = 0; i < slowDown; i++) await wrong();
    advanceClock(minutes(16));
    for (let i = slowDown; i < lockout; i++) await wrong();
    advanceClock(minutes(32));
    expect(await wrong()).toMatchObject({ reason: "rate_limited" });

    expect(await requestPasswordReset({ identifier: user.phone!, clientAddress: freshAddress() })).toEqual({
      ok: true,
    });
    await drainOutbox(getDb(), { [SMS_TOPIC]: sendQueuedSms });
    const [sms] = await readCapturedSms(smsDir, { to: user.phone!, tag: "password.reset" });
    const code = /\b(\d{6})\b/.exec(sms!.text)![1]!;
    const newPassword = "xoai-cam-lam-2026";
    expect(
      await resetPassword({
        identifier: user.phone!,
        code,
        password: newPassword,
        clientAddress: freshAddress(),
      }),
    ).toMatchObject({ ok: true });

    expect(
      await login({ identifier: user.phone!, password: newPassword, clientAddress: freshAddress() }),
    ).toMatchObject({ ok: true, userId: user.id });
  });

  it("forgets a real user's typos once they sign in", async () => {
    const user = await createUser(["buyer"]);
    const address = freshAddress();
    const attempt = (password: string) =>
      login({ identifier: user.phone!, password, clientAddress: address });
    for (let round = 0; round < 3; round++) {
      expect(await attempt("sai")).toMatchObject({ reason: "invalid" });
      expect(await attempt("sai nua")).toMatchObject({ reason: "invalid" });
      expect(await attempt(testPassword)).toMatchObject({ ok: true });
    }
    // Six typos in a row of rounds, none of them held against the account.
    for (let i = 0; i < slowDown - 1; i++) expect(await attempt("sai")).toMatchObject({ reason: "invalid" });
    expect(await attempt(testPassword)).toMatchObject({ ok: true });
  });
});
