// The local units produce is sold by, and exact quantity arithmetic in thousandths of a unit.
import type { Locale } from "#app/i18n/locales.ts";

export const productUnits = ["kg", "g", "bo", "chuc", "nai", "hop", "chai", "tui", "con", "cai"] as const;
export type ProductUnit = (typeof productUnits)[number];

export function isProductUnit(value: string): value is ProductUnit {
  return (productUnits as readonly string[]).includes(value);
}

const unitLabels: Record<ProductUnit, Record<Locale, string>> = {
  kg: { vi: "kg", en: "kg" },
  g: { vi: "g", en: "g" },
  bo: { vi: "bó", en: "bunch" },
  chuc: { vi: "chục", en: "ten" },
  nai: { vi: "nải", en: "hand" },
  hop: { vi: "hộp", en: "box" },
  chai: { vi: "chai", en: "bottle" },
  tui: { vi: "túi", en: "bag" },
  con: { vi: "con", en: "piece" },
  cai: { vi: "cái", en: "item" },
};

export function unitLabel(unit: ProductUnit, locale: Locale) {
  return unitLabels[unit][locale];
}

export const MILLI = 1000;

/** 0.5 → 500. Rounds to the nearest thousandth so that 0.1 + 0.2 style noise cannot leak in. */
export function toMilli(quantity: number) {
  return Math.round(quantity * MILLI);
}

export function fromMilli(milli: number) {
  return milli / MILLI;
}

/** Is this quantity a positive whole multiple of the product's step? */
export function isValidQuantity(quantityMilli: number, stepMilli: number) {
  return (
    Number.isInteger(quantityMilli) && quantityMilli > 0 && stepMilli > 0 && quantityMilli % stepMilli === 0
  );
}

/** "1,5" in vi, "1.5" in en: quantities may have decimals, unlike money. */
export function formatQuantity(milli: number, locale: Locale) {
  return new Intl.NumberFormat(locale === "vi" ? "vi-VN" : "en-US", { maximumFractionDigits: 3 }).format(
    fromMilli(milli),
  );
}
