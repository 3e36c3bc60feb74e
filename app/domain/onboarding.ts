// The volunteer onboarding wizard's rules: its steps, the form schemas shared by the server and the
// browser, and the checklist that decides whether a shop can be submitted for review.
// Plain TypeScript: messages are i18n keys, translated where they are shown.
import { z } from "zod";
import { bankByBin } from "./banks.ts";
import { certificationKinds } from "./catalog.ts";
import type { MessageKey } from "#app/i18n/messages.ts";
import { parseVndInput } from "./money.ts";
import {
  communeSlug,
  multilineText,
  optionalEmail,
  plainText,
  quantityText,
  requiredText,
  vietnamesePhone,
} from "./form-fields.ts";
import { foldVietnamese } from "./text.ts";
import { productUnits } from "./units.ts";

export const onboardingSteps = [
  "seller",
  "consent",
  "story",
  "payment",
  "delivery",
  "products",
  "review",
] as const;
export type OnboardingStep = (typeof onboardingSteps)[number];

/** The terms the seller agrees to; bump when the text changes so consents record which one. */
export const TERMS_VERSION = "2026-11";

const required = requiredText;
const phone = vietnamesePhone;

export const SellerStepSchema = z.object({
  kind: z.enum(["household", "startup"], { error: "validation.required" }),
  displayName: required(120),
  contactName: required(120),
  phone,
  email: optionalEmail,
  communeSlug,
  addressLine: required(200),
});

export const ConsentStepSchema = z.discriminatedUnion("method", [
  z.object({
    method: z.literal("typed_name"),
    givenByName: required(120),
    agree: z.literal("on", { error: "onboarding.consent.mustAgree" }),
  }),
  // The photo itself arrives as a file field; the name on the paper is still typed.
  z.object({ method: z.literal("paper_photo"), givenByName: required(120) }),
]);

export const StoryStepSchema = z.object({
  story: plainText({ multiline: true }).min(30, "onboarding.story.tooShort").max(2000, "validation.tooLong"),
  makes: required(300),
});

const bankAccountNumber = z
  .string()
  .trim()
  .transform((v) => v.replace(/[\s.-]/g, ""))
  .pipe(z.string().regex(/^\d{6,19}$/, "onboarding.payment.accountNumber"));

/** Banks print account holders in capitals without accents; store it the way the bank will show it. */
const accountName = required(100).transform((v) => foldVietnamese(v).toUpperCase().replace(/\s+/g, " "));

export const PaymentStepSchema = z
  .object({
    acceptsCod: z.literal("on").optional(),
    acceptsBankTransfer: z.literal("on").optional(),
    bankBin: z
      .string()
      .refine((bin) => bankByBin(bin) !== null, "onboarding.payment.bank")
      .optional(),
    bankAccountNumber: bankAccountNumber.optional(),
    bankAccountName: accountName.optional(),
  })
  .superRefine((v, ctx) => {
    if (!v.acceptsCod && !v.acceptsBankTransfer) {
      ctx.addIssue({ code: "custom", path: ["acceptsCod"], message: "onboarding.payment.atLeastOne" });
    }
    if (v.acceptsBankTransfer) {
      if (!v.bankBin) ctx.addIssue({ code: "custom", path: ["bankBin"], message: "onboarding.payment.bank" });
      if (!v.bankAccountNumber) {
        ctx.addIssue({
          code: "custom",
          path: ["bankAccountNumber"],
          message: "onboarding.payment.accountNumber",
        });
      }
      if (!v.bankAccountName)
        ctx.addIssue({ code: "custom", path: ["bankAccountName"], message: "validation.required" });
    }
  });

const quantity = quantityText;

const price = z
  .string({ error: "validation.required" })
  .trim()
  .min(1, "validation.required")
  .transform((text, ctx) => {
    const amount = parseVndInput(text);
    if (amount === null || amount <= 0 || amount > 1_000_000_000) {
      ctx.addIssue({ code: "custom", message: "onboarding.product.price" });
      return z.NEVER;
    }
    return amount;
  });

const optionalDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "onboarding.product.date")
  .transform((v) => new Date(`${v}T00:00:00+07:00`))
  .optional();

export const ProductFormSchema = z
  .object({
    name: required(150),
    categorySlug: z
      .string({ error: "validation.required" })
      .regex(/^[a-z0-9-]{1,80}$/, "validation.required"),
    description: multilineText(3000).default(""),
    unit: z.enum(productUnits, { error: "validation.required" }),
    stepMilli: quantity("onboarding.product.step"),
    priceVnd: price,
    stockMilli: quantity("onboarding.product.stock"),
    certKind: z.enum(certificationKinds).optional(),
    certStars: z.coerce
      .number()
      .int()
      .min(3, "onboarding.product.stars")
      .max(5, "onboarding.product.stars")
      .optional(),
    certNumber: plainText().max(60, "validation.tooLong").optional(),
    certExpiresAt: optionalDate,
    // Fresh goods that may not leave the seller's commune; the weight of one unit for carriers.
    localOnly: z
      .literal("on")
      .optional()
      .transform((v) => v === "on"),
    weightGrams: z
      .string()
      .trim()
      .optional()
      .transform((text, ctx) => {
        if (!text) return null;
        const grams = Number(text.replace(/[.\s]/g, ""));
        if (!Number.isInteger(grams) || grams < 1 || grams > 100_000) {
          ctx.addIssue({ code: "custom", message: "listings.error.weight" });
          return z.NEVER;
        }
        return grams;
      }),
  })
  .superRefine((v, ctx) => {
    if (v.stepMilli <= 0)
      ctx.addIssue({ code: "custom", path: ["stepMilli"], message: "onboarding.product.step" });
    if (v.stockMilli % v.stepMilli !== 0) {
      ctx.addIssue({ code: "custom", path: ["stockMilli"], message: "onboarding.product.stockStep" });
    }
    if (v.certKind === "ocop" && !v.certStars) {
      ctx.addIssue({ code: "custom", path: ["certStars"], message: "onboarding.product.stars" });
    }
    if (v.certKind && !v.certNumber) {
      ctx.addIssue({ code: "custom", path: ["certNumber"], message: "validation.required" });
    }
  });

export const MAX_PRODUCT_PHOTOS = 8;

/** What the checklist needs to know about a draft shop. */
export type OnboardingSnapshot = {
  displayName: string;
  contactName: string;
  phone: string;
  addressLine: string;
  hasConsent: boolean;
  story: string;
  makes: string;
  hasCoverPhoto: boolean;
  acceptsCod: boolean;
  acceptsBankTransfer: boolean;
  bankComplete: boolean;
  products: { name: string; photoCount: number }[];
};

export type MissingItem = { step: OnboardingStep; key: MessageKey; product?: string };

/** Everything still missing before the shop can be submitted, in step order. */
export function missingForSubmission(s: OnboardingSnapshot): MissingItem[] {
  const missing: MissingItem[] = [];
  if (!s.displayName || !s.contactName || !s.phone || !s.addressLine) {
    missing.push({ step: "seller", key: "onboarding.missing.seller" });
  }
  if (!s.hasConsent) missing.push({ step: "consent", key: "onboarding.missing.consent" });
  if (s.story.trim().length < 30 || !s.makes)
    missing.push({ step: "story", key: "onboarding.missing.story" });
  if (!s.hasCoverPhoto) missing.push({ step: "story", key: "onboarding.missing.cover" });
  if (!s.acceptsCod && !s.acceptsBankTransfer)
    missing.push({ step: "payment", key: "onboarding.missing.payment" });
  if (s.acceptsBankTransfer && !s.bankComplete)
    missing.push({ step: "payment", key: "onboarding.missing.bank" });
  if (s.products.length === 0) missing.push({ step: "products", key: "onboarding.missing.products" });
  for (const p of s.products) {
    if (p.photoCount === 0)
      missing.push({ step: "products", key: "onboarding.missing.productPhoto", product: p.name });
  }
  return missing;
}

/** Which steps are complete, for the progress shown on the volunteer's list and the step bar. */
export function completedSteps(s: OnboardingSnapshot): OnboardingStep[] {
  const missingSteps = new Set(missingForSubmission(s).map((m) => m.step));
  return onboardingSteps.filter((step) => step !== "review" && !missingSteps.has(step));
}

export const editableStatuses = ["draft", "changes_requested"] as const;
export function isEditable(status: string) {
  return (editableStatuses as readonly string[]).includes(status);
}
