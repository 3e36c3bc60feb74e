import { describe, expect, it } from "vitest";
import { makeT } from "#app/i18n/i18n.ts";
import {
  categoryMatcher,
  cellText,
  checkSheet,
  importFields,
  importLimits,
  mapHeader,
  parseUnit,
  rowErrorText,
} from "./product-import.ts";

const categories = [
  { slug: "trai-cay", name: "Trái cây", nameEn: "Fruit" },
  { slug: "rau-cu", name: "Rau củ, gia vị", nameEn: "Vegetables and herbs" },
];
const header = ["Tên sản phẩm", "Danh mục", "Đơn vị", "Bước", "Giá (đ)", "Tồn kho", "Mô tả"];

describe("the header", () => {
  it("recognises Vietnamese headers with or without accents, and English ones", () => {
    const cases = [
      ["Tên sản phẩm", "name"],
      ["ten san pham", "name"],
      ["NAME", "name"],
      ["Danh mục", "category"],
      ["danh muc", "category"],
      ["Đơn vị tính", "unit"],
      ["ĐVT", "unit"],
      ["Bán theo", "step"],
      ["Giá (đ)", "price"],
      ["Giá (VND)", "price"],
      ["gia", "price"],
      ["Số lượng", "stock"],
      ["Mô tả", "description"],
    ] as const;
    for (const [text, field] of cases) {
      // The template's header with this field's column retitled.
      const cells = [...header];
      cells[importFields.indexOf(field)] = text;
      const result = mapHeader(cells);
      expect(result.ok && result.columns[field]).toEqual({ index: importFields.indexOf(field), title: text });
    }
  });

  it("names the missing columns, and refuses one thing in two columns", () => {
    expect(mapHeader(["Tên sản phẩm", "Giá"])).toEqual({
      ok: false,
      key: "import.file.missingColumns",
      values: { columns: "“Danh mục”, “Đơn vị”, “Tồn kho”" },
    });
    expect(mapHeader([...header, "Số lượng"])).toEqual({
      ok: false,
      key: "import.file.duplicateColumn",
      values: { first: "Tồn kho", second: "Số lượng" },
    });
  });

  it("finds the header below a title row", () => {
    const result = checkSheet(
      [["DANH SÁCH SẢN PHẨM VƯỜN CÔ HẠNH"], [], header, ["Xoài", "Trái cây", "kg", "1", "65.000", "3", ""]],
      categories,
    );
    expect(result.ok && result.rows.map((r) => r.row)).toEqual([4]);
  });
});

describe("units and categories", () => {
  it("reads units typed with or without accents, or in English", () => {
    expect(parseUnit("kg")).toBe("kg");
    expect(parseUnit("Kg")).toBe("kg");
    expect(parseUnit("ký")).toBe("kg");
    expect(parseUnit("hộp")).toBe("hop");
    expect(parseUnit("hop")).toBe("hop");
    expect(parseUnit("Nải")).toBe("nai");
    expect(parseUnit("bunch")).toBe("bo");
    expect(parseUnit("thùng")).toBeNull();
  });

  it("finds a category by its name (accents optional), English name or slug", () => {
    const find = categoryMatcher(categories);
    for (const text of ["Trái cây", "trai cay", "TRAI CAY", "trai-cay", "Fruit"]) {
      expect(find(text)?.slug).toBe("trai-cay");
    }
    expect(find("rau cu gia vi")?.slug).toBe("rau-cu");
    expect(find("Đồ gốm")).toBeNull();
  });
});

describe("cells", () => {
  it("reads spreadsheet numbers without their binary noise", () => {
    expect(cellText(65000)).toBe("65000");
    expect(cellText(0.1 + 0.2)).toBe("0.3");
    expect(cellText(null)).toBe("");
    expect(cellText("  Xoài  ")).toBe("Xoài");
    expect(cellText(new Date("2026-11-28T00:00:00Z"))).toBe("2026-11-28");
  });
});

describe("rows", () => {
  const check = (row: unknown[]) => {
    const result = checkSheet([header, row], categories);
    if (!result.ok) throw new Error(result.key);
    return result.rows[0]!;
  };

  it("applies the wizard's rules: VND price, decimal-comma step, stock a multiple of the step", () => {
    expect(check(["Xoài", "trai cay", "KG", "0,5", "65.000", "20,5", "Ngọt"]).product).toEqual({
      name: "Xoài",
      categorySlug: "trai-cay",
      description: "Ngọt",
      unit: "kg",
      stepMilli: 500,
      priceVnd: 65_000,
      stockMilli: 20_500,
    });
    expect(check(["Xoài", "Trái cây", "kg", "", 65000, 3, ""]).product?.stepMilli).toBe(1000);
  });

  it("reports every bad cell of a row, in column order", () => {
    const row = check(["", "Đồ chơi", "thùng", "0", "-5", "x", ""]);
    expect(row.product).toBeNull();
    expect(row.errors.map((e) => [e.field, e.key])).toEqual([
      ["name", "import.error.required"],
      ["category", "import.error.category"],
      ["unit", "import.error.unit"],
      ["step", "import.error.step"],
      ["price", "import.error.price"],
      ["stock", "import.error.stock"],
    ]);
  });

  it("blames the step, not the stock, for a step of 0", () => {
    expect(check(["Xoài", "Trái cây", "kg", "0", "65.000", "3", ""]).errors.map((e) => e.key)).toEqual([
      "import.error.step",
    ]);
  });

  it("words an error with the row, the file's own column title and what to write", () => {
    const row = check(["Xoài", "Trái cây", "kg", "0,5", "65.000", "3,2", ""]);
    expect(rowErrorText(makeT("vi"), row.row, row.errors[0]!, "vi")).toBe(
      "Dòng 2, cột “Tồn kho”: tồn kho 3,2 không chia hết cho bước 0,5. Ví dụ bước 0,5 thì tồn kho 10 hoặc 10,5.",
    );
    expect(rowErrorText(makeT("en"), row.row, row.errors[0]!, "en")).toBe(
      "Row 2, column “Tồn kho”: the stock 3,2 is not a multiple of the step 0,5. With a step of 0,5, stock can be 10 or 10,5.",
    );
  });
});

describe("the sheet", () => {
  it("skips blank rows but keeps the spreadsheet's row numbers", () => {
    const good = ["Xoài", "Trái cây", "kg", "1", "65.000", "3", ""];
    const result = checkSheet([header, good, [], ["", ""], good], categories);
    expect(result.ok && result.rows.map((r) => r.row)).toEqual([2, 5]);
  });

  it("refuses an empty sheet and one over the row limit", () => {
    expect(checkSheet([], categories)).toMatchObject({ ok: false, key: "import.file.empty" });
    expect(checkSheet([header], categories)).toMatchObject({ ok: false, key: "import.file.empty" });
    const rows = Array.from({ length: importLimits.maxRows + 1 }, () => ["x", "y", "kg", "", "1", "1", ""]);
    expect(checkSheet([header, ...rows], categories)).toMatchObject({
      ok: false,
      key: "import.file.tooManyRows",
      values: { count: importLimits.maxRows + 1, max: importLimits.maxRows },
    });
  });
});
