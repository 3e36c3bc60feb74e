// Dates shown in the province's time zone, in the reader's language.
import type { Locale } from "#app/i18n/locales.ts";

export function formatDate(date: Date | string, locale: Locale) {
  return new Intl.DateTimeFormat(locale === "vi" ? "vi-VN" : "en-GB", {
    day: "numeric",
    month: "long",
    year: "numeric",
    timeZone: "Asia/Ho_Chi_Minh",
  }).format(new Date(date));
}
