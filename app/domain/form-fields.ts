// Form fields shared by every form (onboarding, checkout, the seller workspace), so the same input is
// judged the same way everywhere. Messages are i18n keys, translated where they are shown.
import { z } from "zod";
import { normalizeVietnamesePhone } from "./phone.ts";
import { MILLI } from "./units.ts";
import { RECORD_ID } from "./ids.ts";

/**
 * A row id sent back by a form (a hidden productId, sellerId…). Ids are generated cuids; anything
 * else (NUL, 5,000 characters) is refused here, before it reaches a database that would choke on it.
 */
export const recordId = (message: string) => z.string({ error: message }).regex(RECORD_ID, message);

// ───────────── Text people type ─────────────

// Bidi embeddings, overrides and isolates can make a name or an address read differently from what is
// stored ("U+202E" turns "gpj.exe" around); no Vietnamese text needs them, so they are refused with a
// message rather than silently dropped.
const BIDI_CONTROLS = /[\u202a-\u202e\u2066-\u2069]/;
// NUL and the other C0/C1 controls, DEL and a stray byte-order mark: invisible, and PostgreSQL refuses
// NUL outright. Tabs become spaces; line breaks survive only in multi-line fields.
// eslint-disable-next-line no-control-regex
const INVISIBLE_CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\ufeff]/g;

/**
 * What a person typed, as it should be stored: NFC (one code point per Vietnamese letter, so search
 * and comparisons agree), line breaks as "\n" (or spaces when the field is one line), no invisible
 * controls, no surrounding spaces.
 */
export function cleanText(value: string, { multiline = false }: { multiline?: boolean } = {}) {
  const lines = value
    .normalize("NFC")
    .replace(/\r\n?|[\u2028\u2029]/g, "\n")
    .replace(/\t/g, " ")
    .replace(INVISIBLE_CONTROLS, "");
  return (multiline ? lines : lines.replace(/\n/g, " ")).trim();
}

export const hasBidiControls = (value: string) => BIDI_CONTROLS.test(value);

/**
 * The one string schema for free text (names, addresses, notes, descriptions, reasons): cleaned by
 * cleanText, bidi controls refused. Chain .min/.max as with z.string(); `missing` is the message when
 * the field is not sent at all.
 */
export const plainText = ({
  multiline = false,
  missing = "validation.required",
}: { multiline?: boolean; missing?: string } = {}) =>
  z
    .string({ error: missing })
    .refine((value) => !hasBidiControls(value), { error: "validation.bidi" })
    .overwrite((value) => cleanText(value, { multiline }));

export const requiredText = (max: number) =>
  plainText().min(1, "validation.required").max(max, "validation.tooLong");

/** Several lines (a story, a description, a note), possibly empty. */
export const multilineText = (max: number) => plainText({ multiline: true }).max(max, "validation.tooLong");

/** Any common way of writing a Vietnamese number ("0905 123 456", "+84 905…"), stored as E.164. */
export const vietnamesePhone = z
  .string({ error: "validation.required" })
  .trim()
  .min(1, "validation.required")
  .transform((value, ctx) => {
    const normalized = normalizeVietnamesePhone(value);
    if (!normalized) {
      ctx.addIssue({ code: "custom", message: "validation.phone" });
      return z.NEVER;
    }
    return normalized;
  });

export const optionalEmail = z.email({ error: "validation.email" }).max(254).optional();

export const communeSlug = z
  .string({ error: "validation.commune" })
  .regex(/^[a-z0-9-]{1,80}$/, "validation.commune");

/** "0,5" and "0.5" are half a unit; returns thousandths. */
export const quantityText = (message: string) =>
  z
    .string({ error: "validation.required" })
    .trim()
    .min(1, "validation.required")
    .transform((text, ctx) => {
      const value = Number(text.replace(",", "."));
      if (!/^\d+([.,]\d{1,3})?$/.test(text) || !Number.isFinite(value)) {
        ctx.addIssue({ code: "custom", message });
        return z.NEVER;
      }
      return Math.round(value * MILLI);
    })
    // A million units is more than any household sells; beyond it the number would not fit a
    // PostgreSQL integer in thousandths.
    .refine((milli) => milli <= 1_000_000 * MILLI, { error: "validation.tooLarge" });
