// A shop's orders as a file that opens right when double-clicked in Excel: UTF-8 with a byte order
// mark (without it Excel reads Vietnamese as mojibake), CRLF line ends, RFC 4180 quoting, and no cell
// that Excel would run as a formula. Also the province-time pieces (date, month, time of day) the
// export, the ledger and the seller's order pages share.
import type { Locale } from "#app/i18n/locales.ts";
import { slugify } from "./text.ts";

export type CsvCell = string | number | null | undefined;

export const CSV_BOM = "\uFEFF";

// A cell starting with one of these is a formula (or becomes one) in Excel, LibreOffice and Sheets.
const FORMULA_START = /^[=+\-@\t\r]/;

/** "=HYPERLINK(…)" → "'=HYPERLINK(…)": shown as typed, never run (OWASP CSV injection advice). */
export function guardFormula(text: string) {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** One field: numbers as they are (so spreadsheets can sum them), text guarded and quoted if needed. */
export function csvField(value: CsvCell): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "";
  const text = guardFormula(value).replace(/\r\n?/g, "\n");
  // Semicolons too: Excel set to a Vietnamese list separator splits on them.
  return /[",;\n]|^\s|\s$/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** The whole file: BOM, then every record (the last one too) ended by CRLF. */
export function toCsv(rows: readonly (readonly CsvCell[])[]): string {
  return CSV_BOM + rows.map((row) => `${row.map(csvField).join(",")}\r\n`).join("");
}

// ───────────── Province time ─────────────

const TIME_ZONE = "Asia/Ho_Chi_Minh";
const partsFormatter = new Intl.DateTimeFormat("en-CA", {
  timeZone: TIME_ZONE,
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
});

function provinceParts(date: Date | string) {
  const parts: Record<string, string> = {};
  for (const part of partsFormatter.formatToParts(new Date(date))) parts[part.type] = part.value;
  return parts as Record<"year" | "month" | "day" | "hour" | "minute", string>;
}

/** "2025-07-14 09:05" in Vietnam's time: Excel reads it as a date and time. */
export function provinceDateTime(date: Date | string) {
  const p = provinceParts(date);
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
}

/** "2025-07-14": the calendar day in Vietnam. */
export function provinceDate(date: Date | string) {
  const p = provinceParts(date);
  return `${p.year}-${p.month}-${p.day}`;
}

/** "2025-07": the month in Vietnam, where 31 July 18:00 UTC is already 1 August. */
export function provinceMonth(date: Date | string) {
  const p = provinceParts(date);
  return `${p.year}-${p.month}`;
}

// ───────────── The orders export ─────────────

export const orderCsvColumns = [
  "orderCode",
  "date",
  "status",
  "paymentMethod",
  "paymentStatus",
  "buyerName",
  "buyerPhone",
  "commune",
  "address",
  "product",
  "quantity",
  "unitPrice",
  "lineTotal",
  "orderTotal",
  "deliveryNote",
] as const;
export type OrderCsvColumn = (typeof orderCsvColumns)[number];

/** An order with its words already in the reader's language (the caller translates). */
export type CsvOrder = {
  code: string;
  createdAt: Date | string;
  status: string;
  paymentMethod: string;
  paymentStatus: string;
  buyerName: string;
  buyerPhone: string;
  commune: string;
  address: string;
  totalVnd: number;
  deliveryNote: string;
  items: { product: string; quantity: string; unitPriceVnd: number; lineTotalVnd: number }[];
};

/** The header and one line per order item; the order's own fields repeat so each line stands alone. */
export function ordersCsv(orders: readonly CsvOrder[], headers: Record<OrderCsvColumn, string>) {
  const rows: CsvCell[][] = [orderCsvColumns.map((column) => headers[column])];
  for (const order of orders) {
    const items = order.items.length ? order.items : [null];
    for (const item of items) {
      const line: Record<OrderCsvColumn, CsvCell> = {
        orderCode: order.code,
        date: provinceDateTime(order.createdAt),
        status: order.status,
        paymentMethod: order.paymentMethod,
        paymentStatus: order.paymentStatus,
        buyerName: order.buyerName,
        buyerPhone: order.buyerPhone,
        commune: order.commune,
        address: order.address,
        product: item?.product,
        quantity: item?.quantity,
        unitPrice: item?.unitPriceVnd,
        lineTotal: item?.lineTotalVnd,
        orderTotal: order.totalVnd,
        deliveryNote: order.deliveryNote,
      };
      rows.push(orderCsvColumns.map((column) => line[column]));
    }
  }
  return toCsv(rows);
}

/** "don-hang-vuon-xoai-co-hanh-2025-07-14.csv": ASCII only, so every browser keeps the name. */
export function ordersCsvFilename(shopSlug: string, now: Date) {
  const slug = slugify(shopSlug).slice(0, 60).replace(/-+$/, "") || "shop";
  return `don-hang-${slug}-${provinceDate(now)}.csv`;
}

// ───────────── On the seller's pages ─────────────

const displayFormatters = new Map<Locale, Intl.DateTimeFormat>();

/** "09:05 14/07/2025" (vi) or "14/07/2025, 09:05" (en), in Vietnam's time. */
export function formatProvinceTime(date: Date | string, locale: Locale) {
  let formatter = displayFormatters.get(locale);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat(locale === "vi" ? "vi-VN" : "en-GB", {
      timeZone: TIME_ZONE,
      day: "2-digit",
      month: "2-digit",
      year: "numeric",
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
    });
    displayFormatters.set(locale, formatter);
  }
  return formatter.format(new Date(date));
}
