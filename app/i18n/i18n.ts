// Locale for a request and t() for components. The locale comes from the "lang" cookie set by the
// language switch; Vietnamese otherwise. Both catalogs are small enough to ship whole.
import { useRouteLoaderData } from "@remix-run/react";
import { catalogs, translate, type MessageKey } from "./messages.ts";
import { defaultLocale, isLocale, type Locale } from "./locales.ts";

export const localeCookieName = "lang";

export function localeFromRequest(request: Request): Locale {
  const cookie = request.headers.get("Cookie") ?? "";
  const match = /(?:^|;\s*)lang=([a-z]{2})/.exec(cookie);
  return isLocale(match?.[1]) ? match[1] : defaultLocale;
}

export function makeT(locale: Locale) {
  const messages = catalogs[locale];
  return (key: MessageKey, params?: Record<string, string | number>) => translate(messages, key, params);
}

export type T = ReturnType<typeof makeT>;

/** The current page's locale, from the root loader. */
export function useLocale(): Locale {
  const data = useRouteLoaderData("root") as { locale?: Locale } | undefined;
  return data?.locale ?? defaultLocale;
}

export function useT() {
  return makeT(useLocale());
}
