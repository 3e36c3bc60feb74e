import fs from "node:fs/promises";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { DEMO_PASSWORD } from "../../prisma/seed/demo-accounts.ts";

// The seller workspace on a phone (Pixel 7 viewport, Vietnamese), on the seeded demo: the demo seller
// 0900 000 003 owns "Vườn xoài cô Hạnh", which volunteer 0900 000 002 onboarded.
const SHOP_SLUG = "vuon-xoai-co-hanh";

async function signIn(page: Page, phone: string) {
  await page.goto("/login");
  await page.getByLabel("Số điện thoại hoặc email").fill(phone);
  await page.getByLabel("Mật khẩu").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Đăng nhập" }).click();
  await expect(page.getByRole("button", { name: "Đăng xuất" })).toBeVisible();
}

/** A guest buys the shop's first product, cash on delivery; returns the order code and product name. */
async function buyerOrders(browser: Browser) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`/nguoi-ban/${SHOP_SLUG}`);
  const product = (await page.locator(".card-title").first().textContent())!;
  await page.locator(".card-title").first().click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(product);
  await page.getByRole("button", { name: "Thêm vào giỏ" }).click();
  await page.getByRole("link", { name: "Đặt hàng" }).click();
  await page.getByLabel("Họ và tên").fill("Võ Thị Hoa");
  await page.getByLabel("Số điện thoại").fill("0913 222 333");
  await page.getByLabel("Xã, phường").selectOption({ label: "Cam Lâm" });
  // The delivery choices reload for the commune; ordering before they arrive only recomputes them.
  await expect(page.getByRole("group", { name: /^Giao hàng từ/ })).toBeVisible();
  await page.getByLabel("Số nhà, đường, thôn/tổ dân phố").fill("Thôn Bắc Vĩnh");
  await page.getByRole("radio", { name: "Trả tiền mặt khi nhận hàng" }).check();
  await page.getByRole("button", { name: "Đặt hàng" }).click();
  await expect(page).toHaveURL(/\/don-hang\/CP[2-9A-Z]{8}/);
  const code = `${/\/don-hang\/(CP[2-9A-Z]{8})/.exec(page.url())![1]!}-1`;
  await context.close();
  return { code, product };
}

test("a seller restocks, reprices, handles an order to the cash, exports it, and revokes the volunteer", async ({
  page,
  browser,
}) => {
  test.setTimeout(120_000);
  const { code, product } = await buyerOrders(browser);

  await signIn(page, "0900 000 003");
  await page.getByRole("link", { name: "Gian hàng của tôi" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Vườn xoài cô Hạnh" })).toBeVisible();
  const shopUrl = new URL(page.url()).pathname;
  await expect(page.getByTestId("today-confirm")).toContainText(code);

  // Restock and reprice from the list, in a few taps.
  await page
    .getByRole("navigation", { name: "Gian hàng của tôi" })
    .getByRole("link", { name: "Sản phẩm" })
    .click();
  const row = page
    .getByTestId("listing")
    .filter({ has: page.getByRole("link", { name: product, exact: true }) });
  const stockBefore = await row.locator(".card-meta").first().textContent();
  await row.getByLabel(/^Nhập thêm hàng/).fill("10");
  await row.getByRole("button", { name: "+ Nhập thêm" }).click();
  await expect(page.getByTestId("listings-notice")).toContainText(`Đã nhập thêm hàng cho ${product}`);
  await expect(row.locator(".card-meta").first()).not.toHaveText(stockBefore!);
  await row.getByLabel(/^Giá mỗi/).fill("71.000");
  await row.getByRole("button", { name: "Đổi giá" }).click();
  await expect(page.getByTestId("listings-notice")).toContainText(`Đã đổi giá ${product}`);

  // The storefront and search show the new price within seconds (outbox → index; 5 s page cache).
  const buyer = await browser.newPage();
  await expect
    .poll(
      async () => {
        await buyer.goto(`/nguoi-ban/${SHOP_SLUG}`);
        return buyer.locator(".card").filter({ hasText: product }).first().textContent();
      },
      { timeout: 20_000 },
    )
    .toMatch(/71\.000/);
  await expect
    .poll(
      async () => {
        const response = await buyer.request.get(`/api/search?${new URLSearchParams({ q: product })}`);
        const body = (await response.json()) as { hits: { name: string; priceVnd: number }[] };
        return body.hits.find((h) => h.name === product)?.priceVnd;
      },
      { timeout: 20_000 },
    )
    .toBe(71_000);
  await buyer.close();

  // The order: confirm, ship with a note, delivered, cash received.
  await page.goto(`${shopUrl}/orders`);
  await page.getByRole("link", { name: code }).first().click();
  await page.getByRole("button", { name: "Xác nhận đơn" }).click();
  await expect(page.getByRole("status")).toContainText("Đã xác nhận đơn");
  await page.getByLabel("Gửi bằng cách nào? (không bắt buộc, nên ghi)").fill("Anh Tư chở xe máy, chiều nay");
  await page.getByRole("button", { name: "Đã gửi hàng đi" }).click();
  await expect(page.getByRole("status")).toContainText("Đã ghi nhận gửi hàng");
  await page.getByRole("button", { name: "Người mua đã nhận hàng" }).click();
  await page.getByRole("button", { name: /^Đã nhận tiền mặt/ }).click();
  await expect(page.getByText("Đã thanh toán").first()).toBeVisible();

  // The ledger counts the cash; the CSV opens in Excel with Vietnamese intact.
  await page.goto(`${shopUrl}/ledger`);
  await expect(page.locator("main")).toContainText(code);
  await page.goto(`${shopUrl}/orders`);
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: "Tải danh sách về máy (Excel)" }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^don-hang-vuon-xoai-co-hanh-\d{4}-\d{2}-\d{2}\.csv$/);
  const csv = await fs.readFile((await download.path())!, "utf8");
  expect(csv.charCodeAt(0)).toBe(0xfeff);
  expect(csv).toContain(code);
  expect(csv).toContain("Võ Thị Hoa");

  // The seller revokes the volunteer's access; the volunteer is then refused.
  await page.goto(`${shopUrl}/team`);
  await expect(page.getByTestId("shop-helpers")).toContainText("Nguyễn Văn Khoa");
  await page.getByRole("button", { name: "Thu hồi quyền hỗ trợ" }).click();
  await expect(page.getByText(/Bạn đã thu hồi quyền hỗ trợ/)).toBeVisible();
  await expect(page.getByTestId("shop-history")).toContainText("Thu hồi quyền hỗ trợ");

  const volunteerContext = await browser.newContext();
  const volunteer = await volunteerContext.newPage();
  await signIn(volunteer, "0900 000 002");
  const response = await volunteer.goto(shopUrl);
  expect(response?.status()).toBe(403);
  await expect(volunteer.getByRole("heading", { name: "Không có quyền truy cập" })).toBeVisible();
  await volunteerContext.close();
});
