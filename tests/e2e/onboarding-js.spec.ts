// What JavaScript adds to the wizard: drafts that survive a reload, a clear offline message with a
// retry that loses nothing, and photos downscaled in the browser before they are uploaded.
import { expect, test, type Page } from "@playwright/test";
import sharp from "sharp";
import { DEMO_PASSWORD, demoAccounts } from "../../prisma/seed/demo-accounts.ts";

const volunteer = demoAccounts[1];

async function newDraftAtStory(page: Page) {
  await page.goto("/login");
  await page.getByLabel("Số điện thoại hoặc email").fill(volunteer.phone);
  await page.getByLabel("Mật khẩu", { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Đăng nhập" }).click();
  await expect(page.getByRole("button", { name: "Đăng xuất" })).toBeVisible();
  await page.goto("/onboarding/new");
  await page.getByLabel("Hộ sản xuất").check();
  await page.getByLabel("Tên gian hàng").fill(`Vườn thử JS ${Date.now()}`);
  await page.getByLabel("Người liên hệ (họ và tên)").fill("Trần Thị Thử");
  await page.getByLabel("Số điện thoại").fill(`092${String(Date.now() % 10000000).padStart(7, "0")}`);
  // JavaScript narrows the long commune list as the volunteer types, without accents.
  await page.getByRole("searchbox", { name: /Gõ vài chữ/ }).fill("dien khanh");
  await expect(page.getByRole("combobox", { name: "Xã, phường" }).locator("option")).toHaveCount(2);
  await page.getByRole("combobox", { name: "Xã, phường" }).selectOption({ label: "Xã Diên Khánh" });
  await page.getByLabel("Thôn, tổ dân phố, đường").fill("Thôn Phú Lộc");
  await page.getByRole("button", { name: "Lưu và tiếp tục" }).click();
  await page.getByRole("checkbox", { name: "Tôi đã đọc và đồng ý" }).check();
  await page.getByRole("button", { name: "Lưu và tiếp tục" }).click();
  await expect(page).toHaveURL(/\/story$/);
}

test("what was typed survives a reload and a lost connection; retry saves it", async ({ page, context }) => {
  await newDraftAtStory(page);
  const story = "Cô Thử trồng rau sạch ở Diên Khánh, tưới bằng nước giếng, không dùng thuốc.";
  await page.getByLabel("Câu chuyện của gian hàng").fill(story);
  await page.getByLabel("Trồng hoặc làm ra gì").fill("Rau muống, cải ngọt");
  await page.reload();
  await expect(page.getByLabel("Câu chuyện của gian hàng")).toHaveValue(story);

  await context.setOffline(true);
  await page.getByRole("button", { name: "Lưu và tiếp tục" }).click();
  await expect(page.getByRole("alert")).toContainText("Mất kết nối");
  await expect(page.getByLabel("Câu chuyện của gian hàng")).toHaveValue(story);
  await context.setOffline(false);
  await page.getByRole("button", { name: "Thử lại" }).click();
  await expect(page).toHaveURL(/\/payment$/);
});

test("a 12-megapixel phone photo is downscaled before upload", async ({ page }) => {
  // Two 12 MP image passes (browser canvas, then the server's variants) on 2 shared cores.
  test.setTimeout(90_000);
  await newDraftAtStory(page);
  const original = await sharp({
    create: {
      width: 4000,
      height: 3000,
      channels: 3,
      background: "#808080",
      noise: { type: "gaussian", mean: 128, sigma: 40 },
    },
  })
    .jpeg({ quality: 92 })
    .toBuffer();
  await page
    .getByLabel("Câu chuyện của gian hàng")
    .fill("Cô Thử trồng rau sạch ở Diên Khánh, tưới bằng nước giếng.");
  await page.getByLabel("Trồng hoặc làm ra gì").fill("Rau muống");
  await page
    .getByLabel("Ảnh bìa gian hàng")
    .setInputFiles({ name: "IMG_0001.jpg", mimeType: "image/jpeg", buffer: original });
  await page.getByRole("button", { name: "Lưu và tiếp tục" }).click();
  // Shrinking 12 MP in the browser and making every variant on the server takes a few seconds on a
  // busy 2-core machine: wait for the page, this is not a speed check (bench/images.ts is).
  await expect(page).toHaveURL(/\/payment$/, { timeout: 60_000 });
  // The server records the size it received: 2560 px on the long edge, not the phone's 4000.
  await page.getByRole("link", { name: "Câu chuyện và ảnh" }).click();
  await expect(page.locator("figure.photo-row img")).toHaveAttribute("width", "2560");
});
