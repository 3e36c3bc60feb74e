// A volunteer imports a shop's products from an Excel file on a phone: the preview names each bad
// cell in Vietnamese and offers no way to save; the corrected file is confirmed and the products are
// on the shop's page. Once with JavaScript and once without (a plain multipart form post).
import { expect, test, type Page } from "@playwright/test";
import writeXlsxFile from "write-excel-file/node";
import { DEMO_PASSWORD, demoAccounts } from "../../prisma/seed/demo-accounts.ts";

const volunteer = demoAccounts[1];
// A seeded shop of the volunteer's commune team that no other spec buys from or changes.
const shopName = "Vườn sầu riêng chú Sáu Ba Cụm";
const header = ["Tên sản phẩm", "Danh mục", "Đơn vị", "Bước", "Giá (đ)", "Tồn kho", "Mô tả"];

async function signIn(page: Page) {
  await page.goto("/login");
  await page.getByLabel("Số điện thoại hoặc email").fill(volunteer.phone);
  await page.getByLabel("Mật khẩu", { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Đăng nhập" }).click();
  await expect(page.getByRole("button", { name: "Đăng xuất" })).toBeVisible();
}

async function sheet(rows: (string | number | null)[][]) {
  return {
    name: "san-pham.xlsx",
    mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    buffer: await writeXlsxFile([header, ...rows]).toBuffer(),
  };
}

for (const javaScriptEnabled of [true, false]) {
  test.describe(javaScriptEnabled ? "with JavaScript" : "without JavaScript", () => {
    test.use({ javaScriptEnabled });

    test("import from XLSX: errors in Vietnamese, nothing saved, then the corrected file is confirmed", async ({
      page,
    }) => {
      // Names no other spec searches for, unique per run.
      const tag = `${javaScriptEnabled ? "js" : "nojs"}${Date.now() % 1_000_000}`;
      const names = [1, 2, 3, 4, 5].map((n) => `Hàng nhập thử ${tag} số ${n}`);
      const good = [
        [names[0]!, "Trái cây", "kg", 0.5, 85000, 20, "Sầu riêng Ri6 chín cây."],
        [names[1]!, "trai cay", "hop", 1, 150000, 10, null],
        [names[2]!, "Hat, mat ong, dac san kho", "túi", 1, 60000, 15, null],
      ];

      await signIn(page);
      await page.goto("/shop");
      await page.getByRole("link", { name: shopName }).click();
      await page.getByRole("link", { name: "Nhập từ bảng tính" }).click();
      await expect(page.getByRole("heading", { name: "Nhập sản phẩm từ bảng tính" })).toBeVisible();
      await expect(page.getByRole("link", { name: "Tải bảng mẫu (CSV)" })).toBeVisible();
      const importUrl = page.url();
      const storefront = await page
        .getByRole("link", { name: "Xem gian hàng như người mua" })
        .getAttribute("href");

      // 3 good rows and 2 bad ones: an unknown unit (row 5), a price with a decimal comma (row 6).
      await page
        .getByLabel("Tệp bảng tính (.xlsx hoặc .csv)")
        .setInputFiles(
          await sheet([
            ...good,
            [names[3]!, "Trái cây", "thùng", 1, 300000, 5, null],
            [names[4]!, "Trái cây", "kg", 1, "85,5", 5, null],
          ]),
        );
      await page.getByRole("button", { name: "Tải lên và xem trước" }).click();
      await expect(page.getByTestId("import-summary")).toHaveText("5 dòng: 3 dòng đúng, 2 dòng lỗi.");
      const errors = page.getByTestId("import-errors");
      await expect(errors).toContainText(
        "Dòng 5, cột “Đơn vị”: không có đơn vị “thùng”. Dùng một trong: kg, g, bó, chục, nải, hộp, chai, túi, con, cái.",
      );
      await expect(errors).toContainText(
        "Dòng 6, cột “Giá (đ)”: “85,5” không phải giá hợp lệ. Ghi số đồng nguyên lớn hơn 0, ví dụ 65.000.",
      );
      await expect(errors).toContainText("chưa có gì được lưu");
      await expect(page.getByRole("button", { name: /Xác nhận nhập/ })).toHaveCount(0);
      // The good rows are shown as they would be saved: the price in đồng, the step with a comma.
      const preview = page.getByTestId("import-preview");
      await expect(preview.getByRole("row", { name: new RegExp(names[0]!) })).toContainText("85.000");
      await expect(preview.getByRole("row", { name: new RegExp(names[0]!) })).toContainText("0,5");

      // Nothing is on the shop's page yet.
      await page.goto(storefront!);
      await expect(page.getByRole("heading", { name: shopName })).toBeVisible();
      await expect(page.getByText(names[0]!)).toHaveCount(0);

      // The corrected file: all five rows save at once after the confirmation.
      await page.goto(importUrl);
      await page
        .getByLabel("Tệp bảng tính (.xlsx hoặc .csv)")
        .setInputFiles(
          await sheet([
            ...good,
            [names[3]!, "Trái cây", "hộp", 1, 300000, 5, null],
            [names[4]!, "Trái cây", "kg", 1, "85.500", 5, null],
          ]),
        );
      await page.getByRole("button", { name: "Tải lên và xem trước" }).click();
      await expect(page.getByTestId("import-summary")).toHaveText("5 dòng: 5 dòng đúng, 0 dòng lỗi.");
      await page.getByRole("button", { name: "Xác nhận nhập 5 sản phẩm" }).click();
      await expect(page.getByTestId("import-committed")).toContainText("Đã nhập 5 sản phẩm.");
      await expect(page.getByRole("button", { name: /Xác nhận nhập/ })).toHaveCount(0);

      await page.getByRole("link", { name: "Xem gian hàng như người mua" }).last().click();
      await expect(page.getByRole("heading", { name: shopName })).toBeVisible();
      for (const name of names) await expect(page.getByText(name, { exact: true }).first()).toBeVisible();
    });
  });
}
