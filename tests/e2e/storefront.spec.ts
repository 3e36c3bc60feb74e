import { expect, test } from "@playwright/test";

test("the home page is in Vietnamese and lists sellers and products with prices in đồng", async ({
  page,
}) => {
  await page.goto("/");
  await expect(page.locator("html")).toHaveAttribute("lang", "vi");
  await expect(page).toHaveTitle(/Chợ Phiên — chợ nông sản Khánh Hòa/);
  await expect(page.getByRole("heading", { level: 1, name: "Chợ Phiên" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Hàng mới lên kệ" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Sản phẩm OCOP nổi bật" })).toBeVisible();
  await expect(page.getByText(/\d+ người bán · \d+ sản phẩm/)).toBeVisible();

  const newArrivals = page
    .locator("section, ul.grid")
    .filter({ has: page.locator(".card") })
    .first();
  await expect(newArrivals.locator(".card").first()).toBeVisible();
  await expect(page.locator(".price").first()).toHaveText(/^[\d.]+\s₫ \/ /);
  await expect(page.locator(".seller-card")).not.toHaveCount(0);
  // Placeholder photos are served by the app and load.
  const firstImage = page.locator(".card img").first();
  await firstImage.scrollIntoViewIfNeeded();
  await expect
    .poll(() => firstImage.evaluate((img: HTMLImageElement) => img.naturalWidth))
    .toBeGreaterThan(0);
});

test("the language switch turns the site English and back, and is remembered", async ({ page }) => {
  await page.goto("/");
  await page.getByRole("button", { name: "English" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(page.getByRole("heading", { name: "New arrivals" })).toBeVisible();
  await expect(page.locator(".price").first()).toHaveText(/^₫[\d,]+ \/ /);

  await page.getByRole("link", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");

  await page.getByRole("button", { name: "Tiếng Việt" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "vi");
  await expect(page.getByRole("heading", { name: "Đăng nhập" })).toBeVisible();
});

test("an unknown address shows a friendly 404 page with a way home", async ({ page }) => {
  const response = await page.goto("/san-pham-khong-ton-tai");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Không tìm thấy trang" })).toBeVisible();
  await page.getByRole("link", { name: "Về trang chủ" }).click();
  await expect(page).toHaveURL("/");
});

test("GET /healthz answers JSON with the database status", async ({ request }) => {
  const response = await request.get("/healthz");
  expect(response.status()).toBe(200);
  expect(await response.json()).toMatchObject({
    status: "ok",
    services: { database: { status: "ok", provider: "sqlite" } },
  });
});
