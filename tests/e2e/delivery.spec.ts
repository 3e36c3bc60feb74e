import fs from "node:fs/promises";
import path from "node:path";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { DEMO_PASSWORD } from "../../prisma/seed/demo-accounts.ts";

// Delivery on the seeded demo, on a phone, in Vietnamese. A buyer in Cam Lâm orders from a Cam Lâm
// seller (Vườn xoài chú Tư Bãi Giếng: own-commune fee) and from a Nha Trang seller (Chả cá cô Út:
// free pickup at the Cam Đức market stall on its next lunar market day). The Nha Trang team's
// volunteer (0900 000 021, delegated to the shop) confirms and prints the label; the Cam Lâm team's
// volunteer (0900 000 002, whose team runs the stall) hands the parcel over and the order is delivered.
const mailDir = path.resolve(process.env.E2E_DIR ?? "tests/.tmp/e2e", "mail");

async function signIn(page: Page, phone: string) {
  await page.goto("/login");
  await page.getByLabel("Số điện thoại hoặc email").fill(phone);
  await page.getByLabel("Mật khẩu").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Đăng nhập" }).click();
  await expect(page.getByRole("button", { name: "Đăng xuất" })).toBeVisible();
}

async function addToCart(page: Page, sellerSlug: string, product: string) {
  await page.goto(`/nguoi-ban/${sellerSlug}`);
  await page.locator(".card-title", { hasText: product }).first().click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(product);
  await page.getByRole("button", { name: "Thêm vào giỏ" }).click();
  await expect(page).toHaveURL(/\/gio-hang$/);
}

const vnd = (text: string) => Number(text.replace(/\D/g, ""));

async function buyerOrders(browser: Browser, javaScriptEnabled: boolean) {
  const context = await browser.newContext({ javaScriptEnabled });
  const page = await context.newPage();
  await addToCart(page, "vuon-xoai-chu-tu-bai-gieng", "Xoài Úc xanh ăn giòn");
  await addToCart(page, "cha-ca-co-ut-vinh-truong", "Chả cá mối chiên Nha Trang");
  await page.getByRole("link", { name: "Đặt hàng" }).click();

  // No commune yet: no fees shown, only a hint.
  await expect(
    page.getByText("Chọn xã, phường nhận hàng ở dưới để xem cách giao và phí.").first(),
  ).toBeVisible();
  await page.getByLabel("Xã, phường").selectOption({ label: "Cam Lâm" });
  if (!javaScriptEnabled) await page.getByRole("button", { name: "Tính phí giao cho xã này" }).click();
  const own = page.getByRole("group", { name: "Giao hàng từ Vườn xoài chú Tư Bãi Giếng" });
  const market = page.getByRole("group", { name: "Giao hàng từ Chả cá cô Út Vĩnh Trường" });
  // The cheapest choice is preselected (for the Nha Trang seller, the free market pickup); the buyer
  // prefers the mango seller's own delivery in Cam Lâm.
  await expect(
    market.getByRole("radio", { name: /Nhận tại Sạp Tổ công nghệ số — chợ Cam Đức — Miễn phí/ }),
  ).toBeChecked();
  await own.getByRole("radio", { name: /Người bán tự giao trong xã .* 15\.000/ }).check();
  // With JavaScript the totals follow the choice at once; without, the order page shows them.
  if (javaScriptEnabled) await expect(page.getByTestId("checkout-fees")).toHaveText(/^15\.000/);
  const goods = vnd((await page.locator(".cart-total dd").first().textContent())!);

  await page.getByLabel("Họ và tên").fill("Trần Thị Mai");
  await page.getByLabel("Số điện thoại").fill("0913 444 555");
  await page.getByLabel("Email (không bắt buộc)").fill("mai.giaohang@example.vn");
  await page.getByLabel("Số nhà, đường, thôn/tổ dân phố").fill("Thôn Tân Hải");
  await page.getByRole("button", { name: "Đặt hàng" }).click();

  await expect(page).toHaveURL(/\/don-hang\/CP[2-9A-Z]{8}\?moi=1$/);
  const group = /\/don-hang\/(CP[2-9A-Z]{8})/.exec(page.url())![1]!;
  const parts = page.getByTestId("order-part");
  const mango = parts.filter({ hasText: "Vườn xoài chú Tư Bãi Giếng" });
  await expect(mango.getByTestId("order-delivery")).toContainText("Người bán tự giao trong xã");
  await expect(mango.getByTestId("order-delivery")).toContainText("15.000");
  await expect(mango.getByTestId("order-part-total")).toHaveText(/^55\.000/); // 40.000 + 15.000
  const fish = parts.filter({ hasText: "Chả cá cô Út Vĩnh Trường" });
  await expect(fish.getByTestId("order-delivery")).toContainText(
    "Nhận tại Sạp Tổ công nghệ số — chợ Cam Đức",
  );
  await expect(fish.getByText(/Mang mã đơn CP[2-9A-Z]{8}-\d khi đến nhận/)).toBeVisible();
  const fishCode = (await fish.getByText(/Mang mã đơn/).textContent())!.match(/CP[2-9A-Z]{8}-\d/)![0];
  const fishTotal = vnd((await fish.getByTestId("order-part-total").textContent())!);
  expect(55_000 + fishTotal).toBe(goods + 15_000);
  await context.close();
  return { group, fishCode, fishTotal };
}

for (const javaScriptEnabled of [true, false]) {
  test(`delivery fees, a market pickup, a label and the handover (${javaScriptEnabled ? "with" : "without"} JavaScript)`, async ({
    browser,
    page,
  }, testInfo) => {
    // Three people, two browsers, one market day: longer than a single-page test.
    test.setTimeout(120_000);
    const { group, fishCode, fishTotal } = await buyerOrders(browser, javaScriptEnabled);

    // The buyer's mail states the fees and where to collect.
    await expect
      .poll(
        async () => {
          const files = await fs.readdir(mailDir).catch(() => []);
          for (const f of files.filter((x) => x.endsWith(".json"))) {
            const mail = JSON.parse(await fs.readFile(path.join(mailDir, f), "utf8")) as {
              to: string;
              subject: string;
              text: string;
            };
            if (mail.to === "mai.giaohang@example.vn" && mail.subject.includes(group))
              return mail.text.replace(/\s/g, " ");
          }
          return "";
        },
        { timeout: 20_000 },
      )
      .toContain("Giao hàng: Người bán giao — phí 15.000 ₫");

    // The Nha Trang volunteer confirms the order for the shop and prints its label.
    await signIn(page, "0900 000 021");
    await page.goto(`/shop/orders/${fishCode}`);
    await page.getByRole("button", { name: "Xác nhận đơn" }).click();
    await expect(page.getByTestId("order-total")).toHaveText(
      new RegExp(`^${fishTotal.toLocaleString("vi-VN").replace(/\./g, "\\.")}`),
    );
    await page.getByRole("link", { name: "In nhãn" }).click();
    await expect(page.getByText(fishCode).first()).toBeVisible();
    await expect(page.getByText("Trần Thị Mai")).toBeVisible();
    await expect(page.getByText(/Thu hộ \(COD\)/)).toBeVisible();
    await page.screenshot({ path: testInfo.outputPath("nhan-giao-hang.png"), fullPage: true });
    await page
      .getByRole("button", { name: "Đăng xuất" })
      .click()
      .catch(() => undefined);

    // The Cam Lâm volunteer runs the stall: the parcel is on the list; the buyer collects it.
    const volunteer = await browser.newContext({ javaScriptEnabled });
    const stall = await volunteer.newPage();
    await signIn(stall, "0900 000 002");
    await stall.goto("/onboarding");
    await stall.getByRole("link", { name: "Sạp Tổ công nghệ số — chợ Cam Đức" }).click();
    const parcel = stall.locator("li, article, section").filter({ hasText: fishCode }).last();
    await expect(parcel).toBeVisible();
    await parcel.getByRole("button", { name: "Người mua đã nhận" }).click();
    await expect(stall.getByText(`Đã ghi nhận: người mua đã nhận đơn ${fishCode}.`)).toBeVisible();
    await volunteer.close();

    // The seller's order moved to delivered, and the cash was taken at the stall.
    await signIn(page, "0900 000 021");
    await page.goto(`/shop/orders/${fishCode}`);
    await expect(page.getByTestId("order-status")).toHaveText("Đã giao");
  });
}
