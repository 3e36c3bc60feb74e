import { expect, test, type Page } from "@playwright/test";
import { DEMO_PASSWORD, demoAccounts } from "../../prisma/seed/demo-accounts.ts";

const roleNames = {
  admin: "Quản trị viên",
  volunteer: "Tình nguyện viên",
  seller: "Người bán",
  buyer: "Người mua",
};

async function signIn(page: Page, identifier: string, password = DEMO_PASSWORD) {
  await page.goto("/");
  await page.getByRole("link", { name: "Đăng nhập" }).click();
  await page.getByLabel("Số điện thoại hoặc email").fill(identifier);
  await page.getByLabel("Mật khẩu").fill(password);
  await page.getByRole("button", { name: "Đăng nhập" }).click();
}

for (const account of demoAccounts) {
  test(`a ${account.role} signs in with a phone number and signs out`, async ({ page }) => {
    await signIn(page, account.phone);
    await expect(page).toHaveURL("/");
    await page.getByRole("link", { name: account.name }).click();
    await expect(page.getByRole("heading", { name: "Tài khoản của tôi" })).toBeVisible();
    await expect(page.getByTestId("roles")).toHaveText(roleNames[account.role]);

    await page.getByRole("button", { name: "Đăng xuất" }).click();
    await expect(page.getByRole("link", { name: "Đăng nhập" })).toBeVisible();
    // The old session is gone: the account page asks to sign in again.
    await page.goto("/account");
    await expect(page).toHaveURL(/\/login\?redirectTo=%2Faccount/);
  });
}

test("an admin can sign in with an email address instead", async ({ page }) => {
  await signIn(page, demoAccounts[0].email!.toUpperCase());
  await expect(page.getByRole("link", { name: demoAccounts[0].name })).toBeVisible();
});

test("a wrong password gets a clear Vietnamese message and keeps the phone number typed", async ({
  page,
}) => {
  await signIn(page, "0900 000 004", "sai-mat-khau");
  await expect(page.getByRole("alert")).toHaveText("Số điện thoại, email hoặc mật khẩu không đúng.");
  await expect(page.getByLabel("Số điện thoại hoặc email")).toHaveValue("0900 000 004");
  // The corrected password goes through (a stale server error must not block the retry).
  await page.getByLabel("Mật khẩu").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Đăng nhập" }).click();
  await expect(page.getByRole("link", { name: demoAccounts[3].name })).toBeVisible();
});

test("a mistyped phone number is caught before sending", async ({ page }) => {
  await signIn(page, "0905 12", "x");
  await expect(page.getByText("Nhập số điện thoại Việt Nam hoặc địa chỉ email hợp lệ.")).toBeVisible();
});

test("signing in from a protected page returns to it", async ({ page }) => {
  await page.goto("/account");
  await expect(page).toHaveURL(/\/login\?redirectTo=%2Faccount/);
  await page.getByLabel("Số điện thoại hoặc email").fill("0900 000 003");
  await page.getByLabel("Mật khẩu").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Đăng nhập" }).click();
  await expect(page).toHaveURL("/account");
  await expect(page.getByTestId("roles")).toHaveText("Người bán");
});

test("the admin reaches the dashboard; a buyer who tries gets a friendly 403", async ({ page }) => {
  await signIn(page, demoAccounts[0].phone);
  await page.getByRole("link", { name: "Quản trị" }).click();
  await expect(page.getByRole("heading", { name: "Bảng điều khiển" })).toBeVisible();
  await expect(page.getByTestId("sellers-by-status")).toContainText("Đã duyệt: 30");
  await expect(page.getByRole("cell", { name: "Cam Lâm" }).first()).toBeVisible();
  await page.getByRole("button", { name: "Đăng xuất" }).click();

  await signIn(page, demoAccounts[3].phone);
  await expect(page.getByRole("link", { name: demoAccounts[3].name })).toBeVisible();
  await expect(page.getByRole("link", { name: "Quản trị" })).toHaveCount(0);
  const response = await page.goto("/admin");
  expect(response?.status()).toBe(403);
  await expect(page.getByRole("heading", { name: "Không có quyền truy cập" })).toBeVisible();
});
