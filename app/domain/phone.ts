// Vietnamese phone numbers, normalised to E.164 (+84…) so "0905 123 456", "0905.123.456" and
// "+84 905 123 456" are one sign-in name.
import { parsePhoneNumberFromString } from "libphonenumber-js/max";

export function normalizeVietnamesePhone(input: string): string | null {
  const phone = parsePhoneNumberFromString(input.trim(), "VN");
  if (!phone || phone.country !== "VN" || !phone.isValid()) return null;
  return phone.number;
}

/** +84905123456 → "0905 123 456", as people here write it. */
export function formatVietnamesePhone(e164: string) {
  const phone = parsePhoneNumberFromString(e164, "VN");
  return phone ? phone.formatNational() : e164;
}
