// Form fields shared by every form (onboarding, checkout, the seller workspace), so the same input is
// judged the same way everywhere. Messages are i18n keys, translated where they are shown.
import { z } from "zod";
import { normalizeVietnamesePhone } from "./phone.ts";
import { MILLI } from "./units.ts";

export const requiredText = (max: number) =>
  z
    .string({ error: "validation.required" })
    .trim()
    .min(1, "validation.required")
    .max(max, "validation.tooLong");

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
