// Products from a spreadsheet: which column is which (Vietnamese headers with or without accents, or
// English), and each row judged by the same schema as the wizard's product form, so an imported
// product meets exactly the rules of one typed by hand. Plain TypeScript; errors are i18n keys.
import type { MessageKey } from "#app/i18n/messages.ts";
import type { Locale } from "#app/i18n/locales.ts";
import { ProductFormSchema } from "./onboarding.ts";
import { foldVietnamese } from "./text.ts";
import { type ProductUnit, productUnits, unitLabel } from "./units.ts";

export const importLimits = {
  maxRows: 5_000,
  maxBytes: 5 * 1024 * 1024,
  // An XLSX is a ZIP of XML: a small file can unpack to a huge one. Far above a 5,000-row sheet.
  maxUnpackedBytes: 25 * 1024 * 1024,
};

export const importFields = ["name", "category", "unit", "step", "price", "stock", "description"] as const;
export type ImportField = (typeof importFields)[number];
const requiredFields: readonly ImportField[] = ["name", "category", "unit", "price", "stock"];

/** The headers of the template, also used to name a missing column. */
export const templateHeaders: Record<ImportField, string> = {
  name: "Tên sản phẩm",
  category: "Danh mục",
  unit: "Đơn vị",
  step: "Bước",
  price: "Giá (đ)",
  stock: "Tồn kho",
  description: "Mô tả",
};

/** "Giá (đ)", "GIÁ", "gia" → "gia"; "Tên sản phẩm" → "ten san pham". */
export function headerKey(text: string) {
  return foldVietnamese(text)
    .replace(/\([^)]*\)/g, " ")
    .replace(/[^a-z0-9]+/g, " ")
    .trim();
}

// Folded, as headerKey leaves them.
const headerAliases: Record<ImportField, string[]> = {
  name: ["ten san pham", "ten", "san pham", "ten hang", "name", "product", "product name"],
  category: ["danh muc", "loai", "nhom", "nhom hang", "category"],
  unit: ["don vi", "don vi tinh", "dvt", "unit"],
  step: ["buoc", "ban theo", "buoc ban", "step", "sold in steps of"],
  price: ["gia", "gia ban", "don gia", "gia moi don vi", "price", "unit price"],
  stock: ["ton kho", "so luong", "so luong ton", "con lai", "stock", "quantity"],
  description: ["mo ta", "gioi thieu", "ghi chu", "description"],
};
const fieldByHeader = new Map(
  importFields.flatMap((field) => headerAliases[field].map((alias) => [alias, field] as const)),
);

export type ColumnMap = Partial<Record<ImportField, { index: number; title: string }>>;

export type HeaderResult =
  | { ok: true; columns: ColumnMap; ignored: string[] }
  | { ok: false; key: MessageKey; values: Record<string, string> };

export function mapHeader(cells: string[]): HeaderResult {
  const columns: ColumnMap = {};
  const ignored: string[] = [];
  for (const [index, cell] of cells.entries()) {
    const title = cell.trim();
    if (!title) continue;
    const field = fieldByHeader.get(headerKey(title));
    if (!field) {
      ignored.push(title);
      continue;
    }
    const seen = columns[field];
    if (seen)
      return { ok: false, key: "import.file.duplicateColumn", values: { first: seen.title, second: title } };
    columns[field] = { index, title };
  }
  const missing = requiredFields.filter((f) => !columns[f]);
  if (missing.length) {
    return {
      ok: false,
      key: "import.file.missingColumns",
      values: { columns: missing.map((f) => `“${templateHeaders[f]}”`).join(", ") },
    };
  }
  return { ok: true, columns, ignored };
}

// ───────────── Units and categories, typed with or without accents ─────────────

const unitAliases: Record<string, ProductUnit> = {
  ky: "kg",
  ki: "kg",
  kilo: "kg",
  kilogram: "kg",
  "ki lo": "kg",
  "ki lo gam": "kg",
  gram: "g",
  gam: "g",
  chiec: "cai",
};
const unitByKey = new Map<string, ProductUnit>(Object.entries(unitAliases));
for (const unit of productUnits) {
  unitByKey.set(unit, unit);
  for (const locale of ["vi", "en"] as const) unitByKey.set(headerKey(unitLabel(unit, locale)), unit);
}

/** "kg", "Hộp", "hop", "box" → the unit; null when it is not one we sell by. */
export function parseUnit(text: string): ProductUnit | null {
  return unitByKey.get(headerKey(text)) ?? null;
}

export function unitList(locale: Locale) {
  return productUnits.map((u) => unitLabel(u, locale)).join(", ");
}

export type CategoryChoice = { slug: string; name: string; nameEn: string };

/** Finds a category by its Vietnamese or English name (accents optional) or its slug. */
export function categoryMatcher(categories: CategoryChoice[]) {
  const byKey = new Map<string, CategoryChoice>();
  for (const c of categories) {
    for (const text of [c.slug, c.name, c.nameEn]) {
      const key = headerKey(text);
      if (key && !byKey.has(key)) byKey.set(key, c);
    }
  }
  return (text: string) => byKey.get(headerKey(text)) ?? null;
}

// ───────────── Cells and rows ─────────────

/**
 * A cell as text, the way it would have been typed: spreadsheet numbers lose their binary noise
 * (0.1 + 0.2 is "0.3"), dates become YYYY-MM-DD. Validation then reads the text.
 */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return Number.isFinite(value) ? String(Number(value.toPrecision(15))) : "";
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? "" : value.toISOString().slice(0, 10);
  return String(value).trim();
}

export type ImportedProduct = {
  name: string;
  categorySlug: string;
  description: string;
  unit: ProductUnit;
  stepMilli: number;
  priceVnd: number;
  stockMilli: number;
};

export type ImportRowError = {
  field: ImportField;
  /** The column's header as written in the file, so the volunteer finds the cell. */
  column: string;
  key: MessageKey;
  values?: Record<string, string | number>;
};

export type ImportRow = {
  /** The row number the spreadsheet shows (the header is usually row 1). */
  row: number;
  cells: Record<ImportField, string>;
  product: ImportedProduct | null;
  errors: ImportRowError[];
};

// The wizard's messages, as the import words them: which cell, and what to write instead.
const importMessages: Record<string, MessageKey> = {
  "validation.required": "import.error.required",
  "validation.tooLong": "import.error.tooLong",
  "onboarding.product.price": "import.error.price",
  "onboarding.product.step": "import.error.step",
  "onboarding.product.stock": "import.error.stock",
  "onboarding.product.stockStep": "import.error.stockStep",
};
const fieldOfFormKey: Record<string, ImportField> = {
  name: "name",
  categorySlug: "category",
  description: "description",
  unit: "unit",
  stepMilli: "step",
  priceVnd: "price",
  stockMilli: "stock",
};
const maxLength: Partial<Record<ImportField, number>> = { name: 150, description: 3000 };
// Valid values for every cell the schema reads, to judge the rules across cells on their own.
const standIns = {
  name: "x",
  categorySlug: "x",
  description: "",
  unit: "kg",
  stepMilli: "1",
  priceVnd: "1",
  stockMilli: "0",
};

/** One data row: the product exactly as it will be saved, or every error found in it. */
export function checkRow(
  row: number,
  cells: Record<ImportField, string>,
  columns: ColumnMap,
  findCategory: (text: string) => CategoryChoice | null,
): ImportRow {
  const errors: ImportRowError[] = [];
  const columnOf = (field: ImportField) => columns[field]?.title ?? templateHeaders[field];
  const fail = (field: ImportField, key: MessageKey, values?: ImportRowError["values"]) =>
    errors.push({ field, column: columnOf(field), key, ...(values ? { values } : {}) });

  const unit = cells.unit ? parseUnit(cells.unit) : null;
  if (cells.unit && !unit) fail("unit", "import.error.unit", { value: cells.unit });
  const category = cells.category ? findCategory(cells.category) : null;
  if (cells.category && !category) fail("category", "import.error.category", { value: cells.category });

  // Stand-ins for an unknown unit or category let the schema judge the rest of the row too; a row
  // with any error is never saved.
  const input = {
    name: cells.name,
    categorySlug: category?.slug ?? (cells.category ? "unknown" : ""),
    description: cells.description,
    unit: unit ?? (cells.unit ? "kg" : undefined),
    stepMilli: cells.step || "1", // an empty step means "sold by the whole unit"
    priceVnd: cells.price,
    stockMilli: cells.stock,
  };
  const parsed = ProductFormSchema.safeParse(input);
  let issues = parsed.success ? [] : parsed.error.issues;
  const failed = new Set(issues.map((i) => String(i.path[0])));
  if (failed.size) {
    // The schema's rules across cells (step above 0, stock a multiple of the step) run only on an
    // otherwise valid row: run them again with stand-ins for the failing cells, so that the
    // volunteer sees every error of the row in one upload.
    const retry = ProductFormSchema.safeParse({
      ...input,
      ...Object.fromEntries(Object.entries(standIns).filter(([key]) => failed.has(key))),
    });
    if (!retry.success)
      issues = [...issues, ...retry.error.issues.filter((i) => !failed.has(String(i.path[0])))];
  }
  const seen = new Set<string>();
  for (const issue of issues) {
    const field = fieldOfFormKey[String(issue.path[0])];
    if (!field || seen.has(field)) continue;
    // A step of 0 (or unreadable) also fails "stock is a multiple of the step"; the step is the one to fix.
    if (issue.message === "onboarding.product.stockStep" && seen.has("step")) continue;
    seen.add(field);
    const key = importMessages[issue.message] ?? "import.error.invalid";
    if (key === "import.error.tooLong") fail(field, key, { max: maxLength[field] ?? 0 });
    else if (key === "import.error.stockStep")
      fail(field, key, { stock: cells.stock, step: cells.step || "1" });
    else fail(field, key, { value: cells[field] });
  }
  if (errors.length || !parsed.success) {
    errors.sort((a, b) => importFields.indexOf(a.field) - importFields.indexOf(b.field));
    return { row, cells, product: null, errors };
  }
  const v = parsed.data;
  return {
    row,
    cells,
    product: {
      name: v.name,
      categorySlug: v.categorySlug,
      description: v.description,
      unit: v.unit,
      stepMilli: v.stepMilli,
      priceVnd: v.priceVnd,
      stockMilli: v.stockMilli,
    },
    errors,
  };
}

export type SheetResult =
  | { ok: true; rows: ImportRow[]; ignoredColumns: string[] }
  | { ok: false; key: MessageKey; values: Record<string, string | number> };

// A sheet may open with a title or a note above the header: the header is the first of the first
// few rows that names at least three known columns.
const HEADER_SEARCH_ROWS = 10;

function findHeaderRow(texts: string[][]) {
  let firstNonBlank = -1;
  for (let i = 0; i < texts.length && i < HEADER_SEARCH_ROWS; i++) {
    const cells = texts[i]!;
    if (cells.every((c) => !c)) continue;
    if (firstNonBlank < 0) firstNonBlank = i;
    const known = cells.filter((c) => c && fieldByHeader.has(headerKey(c))).length;
    if (known >= 3) return i;
  }
  return firstNonBlank;
}

/** The whole sheet (an array of rows of cells): the header, then every non-blank row checked. */
export function checkSheet(sheet: unknown[][], categories: CategoryChoice[]): SheetResult {
  const texts = sheet.map((cells) => cells.map(cellText));
  const headerIndex = findHeaderRow(texts);
  if (headerIndex < 0) return { ok: false, key: "import.file.empty", values: {} };
  const header = mapHeader(texts[headerIndex]!);
  if (!header.ok) return header;
  const dataRows: { row: number; cells: string[] }[] = [];
  for (let i = headerIndex + 1; i < texts.length; i++) {
    const cells = texts[i]!;
    if (cells.some((c) => c)) dataRows.push({ row: i + 1, cells });
  }
  if (!dataRows.length) return { ok: false, key: "import.file.empty", values: {} };
  if (dataRows.length > importLimits.maxRows) {
    return {
      ok: false,
      key: "import.file.tooManyRows",
      values: { count: dataRows.length, max: importLimits.maxRows },
    };
  }
  const findCategory = categoryMatcher(categories);
  const { columns } = header;
  const rows = dataRows.map(({ row, cells }) => {
    const byField = Object.fromEntries(
      importFields.map((f) => [f, columns[f] ? (cells[columns[f].index] ?? "") : ""]),
    ) as Record<ImportField, string>;
    return checkRow(row, byField, columns, findCategory);
  });
  return { ok: true, rows, ignoredColumns: header.ignored };
}

type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

/** "Dòng 4, cột “Đơn vị”: không có đơn vị “thùng”…" */
export function rowErrorText(t: Translate, row: number, error: ImportRowError, locale: Locale) {
  const message = t(error.key, { ...error.values, units: unitList(locale) });
  return t("import.error.at", { row, column: error.column, message });
}
