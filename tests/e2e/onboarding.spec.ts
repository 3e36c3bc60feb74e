import { expect, test, type Page } from "@playwright/test";
import sharp from "sharp";
import { DEMO_PASSWORD, demoAccounts } from "../../prisma/seed/demo-accounts.ts";

const [admin, volunteer] = demoAccounts;

async function photo(r: number, g: number, b: number) {
  const buffer = await sharp({ create: { width: 900, height: 700, channels: 3, background: { r, g, b } } })
    .jpeg()
    .toBuffer();
  return { name: "anh.jpg", mimeType: "image/jpeg", buffer };
}

async function signIn(page: Page, phone: string, password = DEMO_PASSWORD) {
  await page.goto("/login");
  await page.getByLabel("Số điện thoại hoặc email").fill(phone);
  await page.getByLabel("Mật khẩu", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Đăng nhập" }).click();
  await expect(page.getByRole("button", { name: "Đăng xuất" })).toBeVisible();
}

async function signOut(page: Page) {
  await page.getByRole("button", { name: "Đăng xuất" }).click();
  await expect(page.getByRole("link", { name: "Đăng nhập" })).toBeVisible();
}

const saveNext = (page: Page) => page.getByRole("button", { name: "Lưu và tiếp tục" }).click();

// The whole assisted-onboarding journey, once with JavaScript and once without.
for (const javaScriptEnabled of [true, false]) {
  test.describe(javaScriptEnabled ? "with JavaScript" : "without JavaScript", () => {
    test.use({ javaScriptEnabled });
    test.setTimeout(120_000);

    test("a volunteer onboards a household over two sittings; an admin asks for a change, then approves; the seller takes over", async ({
      page,
    }) => {
      const tag = `${javaScriptEnabled ? "js" : "nojs"}${Date.now() % 100000}`;
      const shopName = `Vườn thanh long chú Ba ${tag}`;
      const phone = `091${String(Date.now() % 10000000).padStart(7, "0")}`;

      // First sitting: seller details, consent, story with a cover photo.
      await signIn(page, volunteer.phone);
      await page.getByRole("link", { name: "Hỗ trợ mở gian hàng" }).click();
      await page.getByRole("link", { name: "Thêm người bán mới" }).click();
      await page.getByLabel("Hộ sản xuất").check();
      await page.getByLabel("Tên gian hàng").fill(shopName);
      await page.getByLabel("Người liên hệ (họ và tên)").fill("Nguyễn Văn Ba");
      await page.getByLabel("Số điện thoại").fill(phone);
      await page.getByRole("combobox", { name: "Xã, phường" }).selectOption({ label: "Xã Cam Lâm" });
      await page.getByLabel("Thôn, tổ dân phố, đường").fill("Thôn Tân Xương 2");
      await saveNext(page);

      await expect(page.getByText("Người bán cần đồng ý cho Chợ Phiên")).toBeVisible();
      await page.getByRole("checkbox", { name: "Tôi đã đọc và đồng ý" }).check();
      await saveNext(page);

      await page
        .getByLabel("Câu chuyện của gian hàng")
        .fill("Chú Ba trồng thanh long ruột đỏ trên đất cát Cam Lâm hơn mười năm, tưới nhỏ giọt.");
      await page.getByLabel("Trồng hoặc làm ra gì").fill("Thanh long ruột đỏ, ruột trắng");
      await page.getByLabel("Ảnh bìa gian hàng").setInputFiles(await photo(180, 40, 90));
      await saveNext(page);
      await expect(page.getByRole("checkbox", { name: "Nhận tiền mặt khi giao hàng (COD)" })).toBeVisible();
      await signOut(page);

      // Second sitting: resume from the list, payment, three products with photos, submit.
      await signIn(page, volunteer.phone);
      await page.goto("/onboarding");
      await page.getByRole("link", { name: shopName }).click();
      // Resuming opens the first step still missing something (cash on delivery is on by default).
      await expect(page).toHaveURL(/\/products$/);
      await page.getByRole("link", { name: "Nhận tiền" }).click();
      await page.getByRole("checkbox", { name: "Nhận tiền mặt khi giao hàng (COD)" }).check();
      await saveNext(page);
      // Delivery: the defaults are filled in; the volunteer keeps them.
      await expect(page).toHaveURL(/\/delivery$/);
      await expect(
        page.getByRole("group", { name: /Trong xã của gian hàng/ }).getByLabel("Phí giao (đồng)"),
      ).toHaveValue("15000");
      await saveNext(page);
      const products = [
        ["Thanh long ruột đỏ loại 1", "45.000", "0,5", "20"],
        ["Thanh long ruột trắng", "25000", "1", "40"],
        ["Thanh long sấy dẻo", "60.000", "1", "15"],
      ];
      for (const [name, price, step, stock] of products) {
        await page.getByRole("link", { name: "Thêm sản phẩm" }).click();
        await page.getByLabel("Tên sản phẩm").fill(`${name} ${tag}`);
        await page.getByRole("combobox", { name: "Danh mục" }).selectOption({ label: "Trái cây" });
        await page.getByLabel("Bước số lượng").fill(step!);
        await page.getByLabel("Giá mỗi đơn vị (đồng)").fill(price!);
        await page.getByLabel("Số lượng còn").fill(stock!);
        await page.getByLabel("Ảnh sản phẩm (tối đa 8)").setInputFiles(await photo(200, 50, 120));
        await page.getByRole("button", { name: "Lưu", exact: true }).click();
        await expect(page.getByTestId("wizard-products")).toContainText(`${name} ${tag}`);
      }
      await page.getByRole("link", { name: "Tiếp tục" }).click();
      await expect(page.getByText("Đã đủ thông tin")).toBeVisible();
      await page.getByRole("button", { name: "Gửi duyệt" }).click();
      await expect(page.getByText("Đã gửi duyệt").first()).toBeVisible();
      await signOut(page);

      // The admin asks for a change.
      await signIn(page, admin.phone);
      await page.goto("/admin/review");
      await page.getByRole("link", { name: shopName }).click();
      await page.getByLabel("Ghi chú cho tình nguyện viên").fill("Ảnh bìa tối quá, chụp lại giúp nhé.");
      await page.getByRole("button", { name: "Yêu cầu chỉnh sửa" }).click();
      await expect(page).toHaveURL(/\/admin\/review$/);
      await signOut(page);

      // The volunteer sees the note, fixes the cover, resubmits.
      await signIn(page, volunteer.phone);
      await page.goto("/onboarding");
      await page.getByRole("link", { name: shopName }).click();
      await expect(page.getByTestId("review-note")).toContainText("Ảnh bìa tối quá");
      await page.getByRole("link", { name: "Câu chuyện và ảnh" }).click();
      await page.getByLabel("Ảnh bìa gian hàng").setInputFiles(await photo(240, 200, 90));
      await saveNext(page);
      await expect(page).toHaveURL(/\/payment$/);
      await page.getByRole("link", { name: "Kiểm tra và gửi" }).click();
      await page.getByRole("button", { name: "Gửi duyệt" }).click();
      await expect(page.getByText("Đã gửi duyệt").first()).toBeVisible();
      await signOut(page);

      // The admin approves; the shop and its products become public.
      await signIn(page, admin.phone);
      await page.goto("/admin/review");
      await page.getByRole("link", { name: shopName }).click();
      await page.getByRole("button", { name: "Duyệt", exact: true }).click();
      await expect(page).toHaveURL(/\/admin\/review$/);
      await signOut(page);
      await expect
        .poll(
          async () =>
            (
              await (
                await page.request.get(`/api/search?q=${encodeURIComponent(`thanh long ${tag}`)}`)
              ).json()
            ).total,
          { timeout: 10_000 },
        )
        .toBe(3);
      await page.goto(`/search?q=${encodeURIComponent(`thanh long ruot do ${tag}`)}`);
      await page.locator(".card-title").first().click();
      await expect(page.locator(".seller-card h2")).toHaveText(shopName);

      // Handover: the volunteer makes the seller's sign-in card; the seller sets a password.
      await signIn(page, volunteer.phone);
      await page.goto("/onboarding");
      await page.getByRole("link", { name: shopName }).click();
      await page.getByRole("button", { name: "Tạo thẻ đăng nhập" }).click();
      const card = page.getByTestId("invite-card");
      await expect(card.locator("svg")).toBeVisible();
      const link = (await card.locator(".invite-link").textContent())!.trim();
      await signOut(page);
      await page.goto(new URL(link).pathname);
      await page.getByLabel("Mật khẩu mới").fill("thanh-long-2026");
      await page.getByLabel("Nhập lại mật khẩu").fill("thanh-long-2026");
      await page.getByRole("button", { name: "Lưu mật khẩu và vào gian hàng" }).click();
      await expect(page.getByRole("heading", { name: "Tài khoản của tôi" })).toBeVisible();
      await expect(page.getByText(shopName)).toBeVisible();
      await signOut(page);
      await signIn(page, phone, "thanh-long-2026");
    });
  });
}
