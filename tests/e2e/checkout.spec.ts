import fs from "node:fs/promises";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";

// A buyer's cart and checkout against the seeded demo shops:
// - Nhà vườn ông Trần Văn Lộc takes cash on delivery only;
// - Vườn xoài cô Hạnh also takes bank transfers (VietQR) — both have a (fictional) shop email.
// Mail is captured as JSON files by the server (scripts/start-seeded-server.ts).
const mailDir = path.resolve(process.env.E2E_DIR ?? "tests/.tmp/e2e", "mail");
type Mail = { to: string; subject: string; text: string; tag?: string };

async function mailsTo(to: string): Promise<Mail[]> {
  const files = await fs.readdir(mailDir).catch(() => []);
  const mails = await Promise.all(
    files
      .filter((f) => f.endsWith(".json"))
      .map(async (f) => JSON.parse(await fs.readFile(path.join(mailDir, f), "utf8")) as Mail),
  );
  return mails.filter((m) => m.to === to);
}

async function addFirstProductOf(page: Page, sellerSlug: string, quantity?: string) {
  await page.goto(`/nguoi-ban/${sellerSlug}`);
  const name = (await page.locator(".card-title").first().textContent())!;
  await page.locator(".card-title").first().click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(name);
  if (quantity) await page.getByLabel(/^Số lượng/).fill(quantity);
  await page.getByRole("button", { name: "Thêm vào giỏ" }).click();
  await expect(page).toHaveURL(/\/gio-hang$/);
  await expect(page.getByTestId("cart-line").filter({ hasText: name })).toBeVisible();
  return name;
}

/** Picks the commune (delivery choices follow it: reloaded with JavaScript, on a button without). */
async function pickCommune(page: Page, commune: string) {
  await page.getByLabel("Xã, phường").selectOption({ label: commune });
  const choices = page.getByRole("group", { name: /^Giao hàng từ/ }).first();
  // With JavaScript the choices reload on their own; without, nothing happens until the button.
  const reloaded = await choices.waitFor({ timeout: 3_000 }).then(
    () => true,
    () => false,
  );
  if (!reloaded) await page.getByRole("button", { name: "Tính phí giao cho xã này" }).click();
  await expect(choices).toBeVisible();
}

async function fillBuyer(page: Page, { phone, email }: { phone: string; email: string }) {
  await pickCommune(page, "Cam Lâm");
  await page.getByLabel("Họ và tên").fill("Phạm Thị Lan");
  await page.getByLabel("Số điện thoại").fill(phone);
  await page.getByLabel("Email (không bắt buộc)").fill(email);
  await page.getByLabel("Số nhà, đường, thôn/tổ dân phố").fill("Thôn Văn Thủy 2");
}

async function twoSellerJourney(page: Page, buyer: { phone: string; email: string }) {
  await addFirstProductOf(page, "nha-vuon-ong-tran-van-loc");
  await addFirstProductOf(page, "vuon-xoai-co-hanh", "1,5");
  await expect(page.getByRole("region")).toHaveCount(2);
  await page.getByRole("link", { name: "Đặt hàng" }).click();

  await fillBuyer(page, buyer);
  await page
    .getByRole("group", { name: /Vườn xoài cô Hạnh/ })
    .getByRole("radio", { name: "Chuyển khoản ngân hàng (VietQR)" })
    .check();
  await expect(
    page
      .getByRole("group", { name: /Nhà vườn ông Trần Văn Lộc/ })
      .getByRole("radio", { name: "Trả tiền mặt khi nhận hàng" }),
  ).toBeChecked();
  await page.getByRole("button", { name: "Đặt hàng" }).click();

  await expect(page).toHaveURL(/\/don-hang\/CP[2-9A-Z]{8}\?moi=1$/);
  await expect(page.getByText("Cảm ơn bạn! Chợ Phiên đã nhận đơn hàng.")).toBeVisible();
  const code = /\/don-hang\/(CP[2-9A-Z]{8})/.exec(page.url())![1]!;
  const parts = page.getByTestId("order-part");
  await expect(parts).toHaveCount(2);
  const cod = parts.filter({ hasText: "Nhà vườn ông Trần Văn Lộc" });
  await expect(cod.getByTestId("order-payment")).toHaveText("Tiền mặt khi nhận hàng · Chưa thanh toán");
  const bank = parts.filter({ hasText: "Vườn xoài cô Hạnh" });
  await expect(bank.getByTestId("order-status")).toHaveText("Chờ người bán xác nhận");
  await expect(bank.getByRole("img", { name: "VietQR" })).toBeVisible();
  await expect(bank.getByTestId("transfer-note")).toHaveText(/^CP[2-9A-Z]{8}-\d$/);
  await expect(page.getByTestId("cart-link")).toHaveText("Giỏ hàng");
  return code;
}

for (const javaScriptEnabled of [true, false]) {
  test.describe(javaScriptEnabled ? "with JavaScript" : "without JavaScript", () => {
    test.use({ javaScriptEnabled });

    test("two sellers, cash on delivery and VietQR, emails, and lookup by code and phone", async ({
      page,
      browser,
    }) => {
      const buyer = javaScriptEnabled
        ? { phone: "0912 345 678", email: "lan.js@example.vn" }
        : { phone: "0912 345 679", email: "lan.nojs@example.vn" };
      const code = await twoSellerJourney(page, buyer);

      // The outbox worker sends the mail within seconds.
      await expect
        .poll(
          async () => (await mailsTo("vuon-xoai-co-hanh@example.vn")).some((m) => m.subject.includes(code)),
          {
            timeout: 15_000,
          },
        )
        .toBe(true);
      await expect
        .poll(async () =>
          (await mailsTo("nha-vuon-ong-tran-van-loc@example.vn")).some((m) => m.subject.includes(code)),
        )
        .toBe(true);
      await expect
        .poll(async () => (await mailsTo(buyer.email)).map((m) => m.subject))
        .toContain(`Chợ Phiên đã nhận đơn ${code}`);

      // Another device, no cookies: the order is found by its code and phone only.
      const other = await browser.newContext({ javaScriptEnabled });
      const lookup = await other.newPage();
      await lookup.goto(`/don-hang/${code}`);
      await expect(lookup).toHaveURL(/\/tra-cuu-don-hang/);
      await lookup.getByLabel("Mã đơn").fill(code.toLowerCase());
      await lookup.getByLabel("Số điện thoại").fill("0900 000 000");
      await lookup.getByRole("button", { name: "Tra cứu" }).click();
      await expect(lookup.getByRole("alert")).toHaveText("Không tìm thấy đơn với mã và số điện thoại này.");
      await lookup.getByLabel("Số điện thoại").fill(buyer.phone);
      await lookup.getByRole("button", { name: "Tra cứu" }).click();
      await expect(lookup).toHaveURL(new RegExp(`/don-hang/${code}$`));
      await expect(lookup.getByTestId("order-part")).toHaveCount(2);
      await other.close();
    });
  });
}

test("a card payment goes through the Stripe fake and its signed webhook", async ({ page }) => {
  await addFirstProductOf(page, "nha-vuon-ong-tran-van-loc");
  await page.getByRole("link", { name: "Đặt hàng" }).click();
  await fillBuyer(page, { phone: "0912 345 680", email: "lan.card@example.vn" });
  await page.getByRole("radio", { name: "Thẻ quốc tế (Visa, Mastercard)" }).check();
  await page.getByRole("button", { name: "Đặt hàng" }).click();

  // Stripe's hosted page (here the fake): pay with the test card.
  await expect(page).toHaveURL(/127\.0\.0\.1:\d+\/pay\/cs_test_/);
  await page.getByRole("button", { name: "Thanh toán" }).click();

  await expect(page).toHaveURL(/\/don-hang\/CP[2-9A-Z]{8}\?the=xong/);
  const code = /\/don-hang\/(CP[2-9A-Z]{8})/.exec(page.url())![1]!;
  // Paid only because the signed webhook said so; the success page itself changes nothing.
  await expect(page.getByTestId("order-payment")).toHaveText("Thẻ · Đã thanh toán");
  await expect
    .poll(
      async () =>
        (await mailsTo("nha-vuon-ong-tran-van-loc@example.vn")).some((m) => m.subject.includes(code)),
      {
        timeout: 15_000,
      },
    )
    .toBe(true);
});

test("a quantity off the product's step is refused with a clear message", async ({ page }) => {
  await page.goto("/nguoi-ban/vuon-xoai-co-hanh");
  await page.locator(".card-title").first().click();
  await page.getByLabel(/^Số lượng/).fill("0,3");
  await page.getByRole("button", { name: "Thêm vào giỏ" }).click();
  await expect(page.getByRole("alert")).toHaveText("Số lượng phải là bội số của 0,5 kg.");
});
