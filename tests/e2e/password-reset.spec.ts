import fs from "node:fs/promises";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { DEMO_PASSWORD, demoAccounts } from "../../prisma/seed/demo-accounts.ts";

// A seller who has only a phone number forgets the password and sets a new one with a code sent by
// SMS. The SMS port writes each message as a JSON file (SMS_CAPTURE_DIR, under the seeded server's
// folder), read back here.
//
// The seller account is made by the test itself, through the real handover (a volunteer prints an
// invite card for a seeded shop that no other spec uses; the seller sets a password from it), so
// changing its password cannot disturb the demo accounts other specs sign in with, even in parallel.
const smsDir = path.resolve(process.env.E2E_DIR ?? "tests/.tmp/e2e", "sms");
type Sms = { to: string; text: string; tag?: string; sentAt: string };

async function smsTo(to: string): Promise<Sms[]> {
  const files = (await fs.readdir(smsDir).catch(() => [])).filter((f) => f.endsWith(".json")).sort();
  const messages = await Promise.all(
    files.map(async (f) => JSON.parse(await fs.readFile(path.join(smsDir, f), "utf8")) as Sms),
  );
  return messages.filter((m) => m.to === to && m.tag === "password.reset");
}

const volunteer = demoAccounts[1];

async function signIn(page: Page, identifier: string, password: string) {
  await page.goto("/login");
  await page.getByLabel("Số điện thoại hoặc email").fill(identifier);
  await page.getByLabel("Mật khẩu", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Đăng nhập" }).click();
}

async function signOut(page: Page) {
  await page.getByRole("button", { name: "Đăng xuất" }).click();
  await expect(page.getByRole("link", { name: "Đăng nhập" })).toBeVisible();
}

/** The volunteer hands the seeded shop over; the seller sets a first password from the invite card. */
async function handOver(page: Page, shopName: string, password: string) {
  await signIn(page, volunteer.phone, DEMO_PASSWORD);
  await expect(page.getByRole("button", { name: "Đăng xuất" })).toBeVisible();
  await page.goto("/onboarding");
  await page.getByRole("link", { name: shopName }).click();
  await page.getByRole("button", { name: "Tạo thẻ đăng nhập" }).click();
  const link = (await page.getByTestId("invite-card").locator(".invite-link").textContent())!.trim();
  await signOut(page);
  await page.goto(new URL(link).pathname);
  await page.getByLabel("Mật khẩu mới").fill(password);
  await page.getByLabel("Nhập lại mật khẩu").fill(password);
  await page.getByRole("button", { name: "Lưu mật khẩu và vào gian hàng" }).click();
  await expect(page.getByRole("heading", { name: "Tài khoản của tôi" })).toBeVisible();
  await signOut(page);
}

const shops = [
  { javaScriptEnabled: true, name: "Nhà vườn anh Thuận Cam An", phone: "0376 284 915", e164: "+84376284915" },
  { javaScriptEnabled: false, name: "Hộ ông Pi Năng Thạch", phone: "0868 431 270", e164: "+84868431270" },
];

for (const shop of shops) {
  test.describe(shop.javaScriptEnabled ? "with JavaScript" : "without JavaScript", () => {
    test.use({ javaScriptEnabled: shop.javaScriptEnabled });
    test.setTimeout(90_000);

    test("a phone-only seller resets a forgotten password with a code sent by SMS", async ({ page }) => {
      const firstPassword = "mat-khau-dau-tien";
      const newPassword = "mua-xoai-tot-2026";
      await handOver(page, shop.name, firstPassword);

      // Forgot it: from the sign-in page, by phone number.
      await page.goto("/login");
      await page.getByRole("link", { name: "Quên mật khẩu?" }).click();
      await expect(page.getByRole("heading", { name: "Quên mật khẩu" })).toBeVisible();
      await page.getByLabel("Số điện thoại hoặc email").fill(shop.phone.replaceAll(" ", ""));
      await page.getByRole("button", { name: "Gửi mã" }).click();
      await expect(page).toHaveURL(/\/dat-lai-mat-khau\?ai=/);
      await expect(page.getByRole("status")).toHaveText(
        `Nếu có tài khoản với số ${shop.phone}, chúng tôi đã gửi mã gồm 6 chữ số qua tin nhắn SMS. Mã dùng được trong 15 phút.`,
      );
      await expect(page.getByLabel("Số điện thoại hoặc email")).toHaveValue(shop.phone);

      // The outbox worker sends the SMS within a few seconds.
      await expect.poll(async () => (await smsTo(shop.e164)).length, { timeout: 15_000 }).toBe(1);
      const [sms] = await smsTo(shop.e164);
      const code = /\b(\d{6})\b/.exec(sms!.text)![1]!;

      // A mistyped code gets a clear message; the corrected form then goes through.
      const wrong = code === "000000" ? "000001" : "000000";
      await page.getByLabel("Mã xác nhận").fill(wrong);
      await page.getByLabel("Mật khẩu mới", { exact: true }).fill(newPassword);
      await page.getByLabel("Nhập lại mật khẩu mới").fill(newPassword);
      await page.getByRole("button", { name: "Đặt mật khẩu mới và đăng nhập" }).click();
      await expect(page.getByRole("alert")).toHaveText(
        "Mã không đúng, đã hết hạn hoặc đã nhập sai quá nhiều lần. Kiểm tra lại, hoặc gửi mã mới.",
      );
      await page.getByLabel("Mã xác nhận").fill(code);
      await page.getByLabel("Mật khẩu mới", { exact: true }).fill(newPassword);
      await page.getByLabel("Nhập lại mật khẩu mới").fill(newPassword);
      await page.getByRole("button", { name: "Đặt mật khẩu mới và đăng nhập" }).click();

      // Signed in, in their own shop.
      await expect(page).toHaveURL(/\/shop\/[^/?]+$/);
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(shop.name);
      await signOut(page);

      // The old password no longer works; the new one does.
      await signIn(page, shop.phone, firstPassword);
      await expect(page.getByRole("alert")).toHaveText("Số điện thoại, email hoặc mật khẩu không đúng.");
      await signIn(page, shop.phone, newPassword);
      await expect(page.getByRole("button", { name: "Đăng xuất" })).toBeVisible();
      await page.goto("/account");
      await expect(page.getByText(shop.name)).toBeVisible();
    });
  });
}
