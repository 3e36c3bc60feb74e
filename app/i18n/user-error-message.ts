// A UserError as a sentence in the reader's language, quantities written the reader's way.
import { formatQuantity, unitLabel } from "#app/domain/units.ts";
import type { MessageValues, UserError } from "#app/domain/user-error.ts";
import type { Locale } from "./locales.ts";
import { catalogs, translate } from "./messages.ts";

function formatValues(values: MessageValues, locale: Locale): Record<string, string | number> {
  return Object.fromEntries(
    Object.entries(values).map(([name, value]) => [
      name,
      typeof value === "object"
        ? `${formatQuantity(value.milli, locale)} ${unitLabel(value.unit, locale)}`
        : value,
    ]),
  );
}

export function userErrorMessage(error: UserError, locale: Locale): string {
  return translate(catalogs[locale], error.messageKey, formatValues(error.values, locale));
}
