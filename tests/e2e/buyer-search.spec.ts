import { expect, test, type Page } from "@playwright/test";

// The buyer's search journey, run twice: with JavaScript, and without (plain GET forms and links).
async function searchJourney(page: Page) {
  await page.goto("/");
  await page.getByRole("searchbox", { name: "Tìm sản phẩm" }).fill("xoai cam lam");
  await page.getByRole("searchbox", { name: "Tìm sản phẩm" }).press("Enter");
  await expect(page).toHaveURL(/\/search\?q=xoai\+cam\+lam/);
  await expect(page.getByTestId("result-count")).toHaveText(/^\d+ sản phẩm cho “xoai cam lam”$/);
  const titles = page.locator(".card-title");
  await expect(titles.first()).toContainText("Xoài");
  await expect(titles.filter({ hasText: /Xoài.*Cam Lâm/ }).first()).toBeVisible();

  // Narrow to one commune and a price ceiling; the filters land in the URL.
  await page
    .getByRole("group", { name: "Xã, phường" })
    .getByRole("checkbox", { name: /^Cam Lâm \(\d+\)$/ })
    .check();
  await page.getByLabel("Đến", { exact: true }).fill("100.000");
  await page.getByRole("button", { name: "Áp dụng" }).click();
  await expect(page).toHaveURL(/commune=cam-lam/);
  await expect(page).toHaveURL(/maxPrice=100\.000/);
  const metas = await page.locator(".card .card-meta:not(.price .card-meta)").allTextContents();
  expect(metas.length).toBeGreaterThan(0);
  for (const meta of metas.filter((m) => m.includes("·"))) expect(meta).toMatch(/· Cam Lâm$/);
  const prices = await page.locator(".card .price").allTextContents();
  for (const price of prices)
    expect(Number(price.split("₫")[0]!.replace(/\D/g, ""))).toBeLessThanOrEqual(100000);

  // Open a product, then its seller.
  const firstTitle = (await titles.first().textContent())!;
  await titles.first().click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(firstTitle);
  await expect(page.getByTestId("price")).toHaveText(/₫ \/ /);
  const sellerLink = page.locator(".seller-card h2 a");
  const sellerName = (await sellerLink.textContent())!;
  await sellerLink.click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(sellerName);
  await expect(page.getByRole("heading", { name: "Câu chuyện" })).toBeVisible();
  await expect(page.locator(".card").first()).toBeVisible();
}

test.describe("with JavaScript", () => {
  test("a buyer finds Cam Lâm mangoes without typing accents, filters, and visits the seller", async ({
    page,
  }) => {
    await searchJourney(page);
  });

  test("suggestions appear while typing", async ({ page }) => {
    await page.goto("/");
    await page.getByRole("searchbox", { name: "Tìm sản phẩm" }).pressSequentially("nuoc ma", { delay: 30 });
    const suggestions = page.getByRole("list", { name: "Gợi ý" });
    await expect(suggestions.getByRole("link").first()).toContainText(/Nước mắm/i);
  });
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });
  test("the same journey works with plain forms", async ({ page }) => {
    await searchJourney(page);
  });
});

test("a product page carries schema.org data with the price in VND", async ({ page, request }) => {
  const response = await request.get("/api/search?q=yen+sao&perPage=1");
  const { hits } = (await response.json()) as { hits: { url: string; priceVnd: number }[] };
  await page.goto(hits[0]!.url);
  const data = JSON.parse((await page.locator('script[type="application/ld+json"]').textContent())!);
  expect(data).toMatchObject({
    "@type": "Product",
    offers: { priceCurrency: "VND", price: hits[0]!.priceVnd },
  });
  await expect(page.locator('meta[property="og:title"]')).toHaveAttribute("content", data.name);
  // The photo is responsive, with a blurred preview behind it while it loads.
  await expect(page.locator(".gallery source[type='image/webp']").first()).toHaveAttribute(
    "srcset",
    /320w, .* 640w$/,
  );
  await expect(page.locator(".gallery img").first()).toHaveAttribute("style", /data:image\/webp;base64/);
});

test("the sitemap lists product pages", async ({ request }) => {
  const xml = await (await request.get("/sitemap.xml")).text();
  expect(xml).toContain("/san-pham/");
  expect(xml).toContain("/nguoi-ban/");
});
