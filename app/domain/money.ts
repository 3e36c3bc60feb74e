// Money is Vietnamese đồng: whole numbers only, no minor unit.
import type { Locale } from "#app/i18n/locales.ts";

const formatters = new Map<Locale, Intl.NumberFormat>();

/** 150000 → "150.000 ₫" (vi) or "₫150,000" (en). */
export function formatVnd(amount: number, locale: Locale) {
  let formatter = formatters.get(locale);
  if (!formatter) {
    formatter = new Intl.NumberFormat(locale === "vi" ? "vi-VN" : "en-US", {
      style: "currency",
      currency: "VND",
      maximumFractionDigits: 0,
    });
    formatters.set(locale, formatter);
  }
  return formatter.format(amount);
}

/**
 * Reads a price as people type it: "150.000", "150,000", "150 000", "150000 đ" all mean 150000.
 * Dots and commas are thousands separators, never decimals: there are no fractions of a đồng.
 * Returns null when the text is not a whole amount.
 */
export function parseVndInput(text: string): number | null {
  const compact = text.trim().replace(/\s|₫|đ|vnd/giu, "");
  if (!/^\d{1,3}([.,]\d{3})*$|^\d+$/.test(compact)) return null;
  const amount = Number(compact.replace(/[.,]/g, ""));
  return Number.isSafeInteger(amount) ? amount : null;
}
