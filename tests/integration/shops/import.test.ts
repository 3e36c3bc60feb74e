// Importing products from a spreadsheet through the routes, as a volunteer's phone would post them
// (multipart uploads, plain form posts), against a real database: the preview saves nothing, the
// confirmation saves every row or none.
import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { importLimits, rowErrorText } from "#app/domain/product-import.ts";
import { makeT } from "#app/i18n/i18n.ts";
import { action as uploadAction, loader as uploadLoader } from "#app/routes/shop+/$sellerId.import.tsx";
import {
  action as confirmAction,
  loader as previewLoader,
} from "#app/routes/shop+/$sellerId.import.$importId.tsx";
import { loader as templateLoader } from "#app/routes/shop+/$sellerId.import-template[.csv].tsx";
import { getDb } from "#app/services/platform/db.server.ts";
import { COMMIT_CHUNK } from "#app/services/shops/import.server.ts";
import type * as Indexer from "#app/services/search/indexer.server.ts";
import { SEARCH_INDEX_TOPIC } from "#app/services/search/indexer.server.ts";
import {
  asExcelNumbers,
  badRows,
  csv,
  goodProducts,
  goodRows,
  header,
  manyRows,
  xlsx,
} from "#tests/fixtures/import-sheets.ts";
import { createShop, ensurePlaces } from "#tests/fixtures/shops.ts";
import { createUser, signedInRequest } from "#tests/helpers.ts";

// A failure forced in the middle of a commit: search indexing is enqueued once per chunk, after the
// chunk's products are inserted, so failing the second call leaves a whole chunk written when it fails.
const forced = vi.hoisted(() => ({ failOnCall: 0, calls: 0 }));
vi.mock("#app/services/search/indexer.server.ts", async (importOriginal) => {
  const actual = await importOriginal<typeof Indexer>();
  return {
    ...actual,
    enqueueIndexing: (...args: Parameters<typeof actual.enqueueIndexing>) => {
      forced.calls++;
      if (forced.failOnCall && forced.calls === forced.failOnCall) throw new Error("forced failure");
      return actual.enqueueIndexing(...args);
    },
  };
});

const context = { clientAddress: "127.0.0.1" };
type Reply = { data: { formError?: string | null }; init: { status: number } };
type Fn<T> = (args: {
  request: Request;
  params: Record<string, string>;
  context: typeof context;
}) => Promise<T>;
const call = <T>(fn: Fn<T>, request: Request, params: Record<string, string>) =>
  fn({ request, params, context }).catch((thrown: unknown) => thrown as T);
const statusOf = (r: unknown) => (r instanceof Response ? r.status : ((r as Reply).init?.status ?? 200));
const vi_ = makeT("vi");

let volunteer: { id: string };
let stranger: { id: string };
let shopId = "";
let otherShopId = "";

beforeAll(async () => {
  await ensurePlaces(); // "Trái cây" (trai-cay)
  await getDb().category.createMany({
    data: [
      { slug: "rau-cu", name: "Rau củ, gia vị", nameEn: "Vegetables and herbs" },
      { slug: "hai-san-kho", name: "Hải sản khô, một nắng", nameEn: "Dried seafood" },
      { slug: "nuoc-mam-muoi", name: "Nước mắm, muối", nameEn: "Fish sauce and salt" },
      { slug: "thu-cong", name: "Thủ công mỹ nghệ", nameEn: "Crafts" },
    ],
  });
  volunteer = await createUser(["volunteer"]);
  stranger = await createUser(["volunteer"]);
  shopId = (await createShop({ onboardedById: volunteer.id })).id;
  otherShopId = (await createShop({ onboardedById: stranger.id })).id;
});

beforeEach(async () => {
  forced.failOnCall = 0;
  forced.calls = 0;
  await clearProducts();
});

async function upload(
  bytes: Uint8Array,
  { name = "san-pham.xlsx", sellerId = shopId, userId = volunteer.id } = {},
) {
  const form = new FormData();
  form.append("file", new Blob([new Uint8Array(bytes)]), name);
  const request = await signedInRequest(userId, `http://localhost/shop/${sellerId}/import`, {
    method: "POST",
    body: form,
  });
  return call(uploadAction as Fn<unknown>, request, { sellerId });
}

/** Uploads and returns the new import's id (the upload redirects to its preview). */
async function uploadOk(bytes: Uint8Array, name?: string) {
  const response = await upload(bytes, { name });
  expect(response).toBeInstanceOf(Response);
  const location = (response as Response).headers.get("Location")!;
  expect(location).toMatch(new RegExp(`^/shop/${shopId}/import/[a-z0-9]+$`));
  return location.split("/").pop()!;
}

async function preview(importId: string, { sellerId = shopId, userId = volunteer.id } = {}) {
  const request = await signedInRequest(userId, `http://localhost/shop/${sellerId}/import/${importId}`);
  return call(previewLoader as Fn<Awaited<ReturnType<typeof previewLoader>>>, request, {
    sellerId,
    importId,
  });
}

async function confirm(importId: string, { sellerId = shopId, userId = volunteer.id } = {}) {
  const request = await signedInRequest(userId, `http://localhost/shop/${sellerId}/import/${importId}`, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: "intent=confirm",
  });
  return call(confirmAction as Fn<unknown>, request, { sellerId, importId });
}

const productCount = () => getDb().product.count({ where: { sellerId: shopId } });
const clearProducts = () => getDb().product.deleteMany({ where: { sellerId: shopId } });

describe("reading the file", () => {
  it("turns good rows into exactly the products that will be saved", async () => {
    const id = await uploadOk(csv([header, ...goodRows]), "san-pham.csv");
    const shown = (await preview(id)) as Awaited<ReturnType<typeof previewLoader>>;
    expect(shown).toMatchObject({ validRows: 3, errorRows: 0, committedAt: null, ignoredColumns: [] });
    expect(shown.rows.map((r) => r.row)).toEqual([2, 3, 4]);
    expect(shown.rows.map((r) => r.product)).toEqual(goodProducts);
    expect(shown.rows.every((r) => r.errors.length === 0 && r.cells === null)).toBe(true);
  });

  it("names each bad cell in Vietnamese, with its row number and what to write instead", async () => {
    const rows = [header, goodRows[0]!, ...Object.values(badRows)];
    const id = await uploadOk(csv(rows), "loi.csv");
    const shown = (await preview(id)) as Awaited<ReturnType<typeof previewLoader>>;
    expect(shown).toMatchObject({ validRows: 1, errorRows: 5 });
    const messages = shown.rows.flatMap((r) => r.errors.map((e) => rowErrorText(vi_, r.row, e, "vi")));
    expect(messages).toEqual([
      "Dòng 3, cột “Đơn vị”: không có đơn vị “thùng”. Dùng một trong: kg, g, bó, chục, nải, hộp, chai, túi, con, cái.",
      "Dòng 4, cột “Giá (đ)”: “45,5” không phải giá hợp lệ. Ghi số đồng nguyên lớn hơn 0, ví dụ 65.000.",
      "Dòng 5, cột “Danh mục”: không có danh mục “Đồ gốm”. Dùng một danh mục trong danh sách ở trang tải lên.",
      "Dòng 6, cột “Tồn kho”: tồn kho 3,2 không chia hết cho bước 0,5. Ví dụ bước 0,5 thì tồn kho 10 hoặc 10,5.",
      "Dòng 7, cột “Tên sản phẩm”: chưa có. Hãy điền vào ô này.",
    ]);
    // A bad row is shown as the file has it, so the volunteer can find it.
    expect(shown.rows[1]!.cells).toMatchObject({ name: "Thanh long ruột đỏ", unit: "thùng" });
  });

  it("reads a semicolon CSV with a byte-order mark and decimal commas (Excel in vi-VN)", async () => {
    const id = await uploadOk(csv([header, ...goodRows], { delimiter: ";", bom: true }), "excel-vn.csv");
    const shown = (await preview(id)) as Awaited<ReturnType<typeof previewLoader>>;
    expect(shown.rows.map((r) => r.product)).toEqual(goodProducts);
    // The header's first cell is "Tên sản phẩm", not "\uFEFFTên sản phẩm": no column was ignored.
    expect(shown.ignoredColumns).toEqual([]);
    // Excel's "sep=;" hint line, and a title above the header: row numbers stay the sheet's own.
    const titled = [["Danh sách sản phẩm tháng 11"], header, ...goodRows];
    const hinted = Buffer.concat([Buffer.from("sep=;\r\n"), csv(titled, { delimiter: ";" })]);
    const again = (await preview(await uploadOk(hinted, "sep.csv"))) as Awaited<
      ReturnType<typeof previewLoader>
    >;
    expect(again.rows.map((r) => [r.row, r.product])).toEqual(goodProducts.map((p, i) => [i + 3, p]));
  });

  it("reads Excel's “Unicode text” (UTF-16 with tabs)", async () => {
    const text = csv([header, ...goodRows], { delimiter: "\t" }).toString("utf8");
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")]);
    const shown = (await preview(await uploadOk(bytes, "unicode.txt"))) as Awaited<
      ReturnType<typeof previewLoader>
    >;
    expect(shown.rows.map((r) => r.product)).toEqual(goodProducts);
  });

  it("reads headers typed without accents or in English, and ignores (and names) unknown columns", async () => {
    const rows = [
      ["name", "category", "unit", "step", "price", "stock", "Ghi chú nội bộ"],
      ["Xoài cát Hòa Lộc", "Fruit", "KG", "0.5", "65000", "20", "x"],
    ];
    const id = await uploadOk(csv(rows), "english.csv");
    const shown = (await preview(id)) as Awaited<ReturnType<typeof previewLoader>>;
    expect(shown.rows[0]!.product).toMatchObject({ categorySlug: "trai-cay", unit: "kg", stepMilli: 500 });
    expect(shown.ignoredColumns).toEqual(["Ghi chú nội bộ"]);
  });

  it("reads an XLSX by its content, whatever its name, with numbers as number cells", async () => {
    const bytes = await xlsx([header, ...asExcelNumbers(goodRows)]);
    const id = await uploadOk(bytes, "khong-co-duoi");
    const shown = (await preview(id)) as Awaited<ReturnType<typeof previewLoader>>;
    expect(shown.rows.map((r) => r.product)).toEqual(goodProducts);
  });

  it("refuses a file that is neither XLSX nor CSV, an old .xls, and a CSV that is not UTF-8", async () => {
    const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]);
    const notSheet = (await upload(png, { name: "san-pham.xlsx" })) as Reply;
    expect(notSheet.init.status).toBe(400);
    expect(notSheet.data.formError).toBe(
      "Không đọc được tệp này. Hãy lưu bảng tính dưới dạng Excel (.xlsx) hoặc CSV UTF-8 (.csv) rồi tải lên lại.",
    );
    const brokenZip = (await upload(Buffer.from("PK\x03\x04 not really a zip"))) as Reply;
    expect(brokenZip.data.formError).toMatch(/^Không đọc được tệp này/);
    const xls = (await upload(Uint8Array.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]))) as Reply;
    expect(xls.data.formError).toMatch(/^Đây là tệp Excel đời cũ \(\.xls\)/);
    const latin1 = Buffer.from("Tên sản phẩm,Giá\nXoài,65000\n", "latin1");
    const legacy = (await upload(latin1, { name: "cu.csv" })) as Reply;
    expect(legacy.data.formError).toMatch(/^Tệp CSV không dùng mã UTF-8/);
    expect(await getDb().productImport.count({ where: { fileName: { in: ["cu.csv"] } } })).toBe(0);
  });

  it("refuses a sheet without the needed columns, naming them", async () => {
    const reply = (await upload(
      csv([
        ["Tên sản phẩm", "Giá"],
        ["Xoài", "65.000"],
      ]),
      { name: "a.csv" },
    )) as Reply;
    expect(reply.init.status).toBe(400);
    expect(reply.data.formError).toBe(
      "Thiếu cột “Danh mục”, “Đơn vị”, “Tồn kho”. Dòng đầu của bảng tính phải là tên các cột, như trong bảng mẫu.",
    );
  });

  it("refuses too many rows and too large a file with the limit", async () => {
    const tooMany = (await upload(csv([header, ...manyRows(importLimits.maxRows + 1)]), {
      name: "nhieu.csv",
    })) as Reply;
    expect(tooMany.init.status).toBe(400);
    expect(tooMany.data.formError).toBe(
      "Bảng tính có 5001 dòng sản phẩm, nhiều hơn giới hạn 5000 dòng. Hãy chia thành nhiều tệp.",
    );
    const big = Buffer.alloc(importLimits.maxBytes + 1, "a");
    const tooLarge = (await upload(big, { name: "to.csv" })) as Reply;
    expect(tooLarge.data.formError).toBe("Tệp quá lớn (tối đa 5 MB). Hãy chia thành nhiều tệp nhỏ hơn.");
  });

  it("refuses an XLSX that would unpack beyond the limit (a ZIP bomb) before unpacking it", async () => {
    const bomb = await xlsx([header, ["x".repeat(importLimits.maxUnpackedBytes), "", "", "", "", "", ""]]);
    expect(bomb.byteLength).toBeLessThan(importLimits.maxBytes);
    const reply = (await upload(bomb)) as Reply;
    expect(reply.data.formError).toMatch(/^Tệp quá lớn/);
  });
});

describe("the preview and the confirmation", () => {
  it("saves nothing in Product until confirmed; the confirmation saves every row at once", async () => {
    const id = await uploadOk(await xlsx([header, ...asExcelNumbers(goodRows)]));
    expect(await productCount()).toBe(0);
    expect(await getDb().productImport.findUniqueOrThrow({ where: { id } })).toMatchObject({
      sellerId: shopId,
      createdById: volunteer.id,
      validRows: 3,
      errorRows: 0,
      committedAt: null,
    });
    const outboxBefore = await getDb().outboxMessage.count({ where: { topic: SEARCH_INDEX_TOPIC } });

    const response = (await confirm(id)) as Response;
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe(`/shop/${shopId}/import/${id}`);

    const saved = await getDb().product.findMany({
      where: { sellerId: shopId },
      orderBy: { name: "asc" },
      include: { category: { select: { slug: true } } },
    });
    expect(
      saved.map((p) => ({
        name: p.name,
        categorySlug: p.category.slug,
        description: p.description,
        unit: p.unit,
        stepMilli: p.stepMilli,
        priceVnd: p.priceVnd,
        stockMilli: p.stockMilli,
      })),
    ).toEqual([...goodProducts].sort((a, b) => a.name.localeCompare(b.name)));
    // Active at once (the shop is approved); sold out when the stock is 0.
    expect(Object.fromEntries(saved.map((p) => [p.name, p.status]))).toEqual({
      "Bưởi da xanh": "sold_out",
      "Nước mắm cá cơm 40 độ đạm": "active",
      "Xoài cát Hòa Lộc": "active",
    });
    expect(new Set(saved.map((p) => p.slug)).size).toBe(3);

    const audit = await getDb().auditLog.findMany({ where: { entityType: "ProductImport", entityId: id } });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      actorId: volunteer.id,
      onBehalfOfSellerId: shopId,
      action: "product.import",
      after: { created: 3, active: 2, soldOut: 1, fileName: "san-pham.xlsx" },
    });
    const outbox = await getDb().outboxMessage.findMany({
      where: { topic: SEARCH_INDEX_TOPIC },
      orderBy: { createdAt: "desc" },
      take: 1,
    });
    expect(await getDb().outboxMessage.count({ where: { topic: SEARCH_INDEX_TOPIC } })).toBe(
      outboxBefore + 1,
    );
    expect(new Set((outbox[0]!.payload as { productIds: string[] }).productIds)).toEqual(
      new Set(saved.map((p) => p.id)),
    );
    const shown = (await preview(id)) as Awaited<ReturnType<typeof previewLoader>>;
    expect(shown.committedAt).not.toBeNull();
  });

  it("numbers a slug that is already taken instead of failing", async () => {
    const first = await uploadOk(csv([header, goodRows[0]!, goodRows[0]!]), "twice.csv");
    expect(statusOf(await confirm(first))).toBe(302);
    const again = await uploadOk(csv([header, goodRows[0]!]), "again.csv");
    expect(statusOf(await confirm(again))).toBe(302);
    const slugs = (await getDb().product.findMany({ where: { sellerId: shopId }, select: { slug: true } }))
      .map((p) => p.slug)
      .sort();
    const base = `xoai-cat-hoa-loc-${shopId.slice(-6)}`;
    expect(slugs).toEqual([base, `${base}-2`, `${base}-3`]);
  });

  it("refuses to save while any row has an error, and saves nothing", async () => {
    const id = await uploadOk(csv([header, ...goodRows, badRows.unit]), "loi.csv");
    const reply = (await confirm(id)) as Reply;
    expect(reply.init.status).toBe(409);
    expect(reply.data.formError).toBe("Còn dòng lỗi nên chưa thể lưu. Hãy sửa bảng tính rồi tải lên lại.");
    expect(await productCount()).toBe(0);
  });

  it("saves nothing when the commit fails in the middle (all or nothing), and can then be retried", async () => {
    const rows = manyRows(COMMIT_CHUNK + 200);
    const id = await uploadOk(csv([header, ...rows]), "lon.csv");
    forced.failOnCall = 2; // after the first chunk was inserted and the second one too
    const failed = await confirm(id); // `call` hands back what the action threw: a 500 in the app
    expect(failed).toBeInstanceOf(Error);
    expect((failed as Error).message).toBe("forced failure");
    expect(forced.calls).toBe(2);
    expect(await productCount()).toBe(0);
    expect(await getDb().productImport.findUniqueOrThrow({ where: { id } })).toMatchObject({
      committedAt: null,
    });
    expect(await getDb().auditLog.count({ where: { entityId: id } })).toBe(0);

    forced.failOnCall = 0;
    expect(statusOf(await confirm(id))).toBe(302);
    expect(await productCount()).toBe(COMMIT_CHUNK + 200);
  });

  it("refuses a second confirmation of the same import", async () => {
    const id = await uploadOk(csv([header, ...goodRows]), "hai-lan.csv");
    expect(statusOf(await confirm(id))).toBe(302);
    const second = (await confirm(id)) as Reply;
    expect(second.init.status).toBe(409);
    expect(second.data.formError).toBe("Lần nhập này đã được lưu rồi.");
    expect(await productCount()).toBe(3);
    // Two confirmations at once (a double tap): one saves, the other is refused.
    const id2 = await uploadOk(csv([header, ...goodRows]), "cung-luc.csv");
    const both = await Promise.all([confirm(id2), confirm(id2)]);
    expect(both.map(statusOf).sort()).toEqual([302, 409]);
    expect(await productCount()).toBe(6);
  });
});

describe("who may import", () => {
  it("answers 404 for another shop's import, through this shop or the other one", async () => {
    const id = await uploadOk(csv([header, ...goodRows]), "cua-toi.csv");
    // The stranger's own shop, with my import id: not found there.
    expect(statusOf(await preview(id, { sellerId: otherShopId, userId: stranger.id }))).toBe(404);
    expect(statusOf(await confirm(id, { sellerId: otherShopId, userId: stranger.id }))).toBe(404);
    // My shop, by the stranger: not theirs.
    expect(statusOf(await preview(id, { userId: stranger.id }))).toBe(403);
    expect(statusOf(await confirm(id, { userId: stranger.id }))).toBe(403);
    expect(await productCount()).toBe(0);
  });

  it("refuses uploads and confirmations in a suspended shop (403), but shows why", async () => {
    const shop = await createShop({ onboardedById: volunteer.id });
    const id = await (async () => {
      const form = new FormData();
      form.append("file", new Blob([csv([header, ...goodRows])]), "a.csv");
      const r = (await call(
        uploadAction as Fn<Response>,
        await signedInRequest(volunteer.id, `http://localhost/shop/${shop.id}/import`, {
          method: "POST",
          body: form,
        }),
        { sellerId: shop.id },
      )) as Response;
      return r.headers.get("Location")!.split("/").pop()!;
    })();
    await getDb().seller.update({ where: { id: shop.id }, data: { status: "suspended" } });
    const form = new FormData();
    form.append("file", new Blob([csv([header, ...goodRows])]), "b.csv");
    const uploadReply = await call(
      uploadAction as Fn<unknown>,
      await signedInRequest(volunteer.id, `http://localhost/shop/${shop.id}/import`, {
        method: "POST",
        body: form,
      }),
      { sellerId: shop.id },
    );
    expect(statusOf(uploadReply)).toBe(403);
    expect(statusOf(await confirm(id, { sellerId: shop.id }))).toBe(403);
    expect(await getDb().product.count({ where: { sellerId: shop.id } })).toBe(0);
    const page = await call(
      uploadLoader as Fn<Awaited<ReturnType<typeof uploadLoader>>>,
      await signedInRequest(volunteer.id, `http://localhost/shop/${shop.id}/import`),
      { sellerId: shop.id },
    );
    expect(page).toMatchObject({ suspended: true });
  });
});

describe("the template", () => {
  it("is a UTF-8 CSV with a byte-order mark whose two example rows import cleanly", async () => {
    const response = (await call(
      templateLoader as Fn<Response>,
      await signedInRequest(volunteer.id, `http://localhost/shop/${shopId}/import-template.csv`),
      { sellerId: shopId },
    )) as Response;
    expect(response.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes);
    expect(text.split("\r\n").filter(Boolean)).toHaveLength(3);
    const id = await uploadOk(bytes, "mau-nhap-san-pham.csv");
    const shown = (await preview(id)) as Awaited<ReturnType<typeof previewLoader>>;
    expect(shown).toMatchObject({ validRows: 2, errorRows: 0 });
    expect(
      statusOf(
        await call(
          templateLoader as Fn<Response>,
          await signedInRequest(stranger.id, `http://localhost/shop/${shopId}/import-template.csv`),
          { sellerId: shopId },
        ),
      ),
    ).toBe(403);
  });
});
