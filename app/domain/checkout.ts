// Cart and checkout rules in plain TypeScript: line totals, what changed since the buyer looked, the
// checkout form, and order codes. The services apply them inside database transactions.
import { z } from "zod";
import {
  communeSlug,
  multilineText,
  optionalEmail,
  quantityText,
  requiredText,
  vietnamesePhone,
} from "./form-fields.ts";
import { DeliveryChoiceSchema } from "./delivery.ts";
import { type PaymentMethod, paymentMethods } from "./orders.ts";
import { isValidQuantity, MILLI } from "./units.ts";

/** Price × quantity in whole đồng (a half kilo of 65.001 đ/kg is 32.501 đ, rounded half up). */
export function lineTotalVnd(unitPriceVnd: number, quantityMilli: number) {
  return Math.round((unitPriceVnd * quantityMilli) / MILLI);
}

export const MAX_CART_LINES = 50;

/** A cart line as checkout sees it, with the product as it is now. */
export type CartLineFacts = {
  productId: string;
  name: string;
  quantityMilli: number;
  seenPriceVnd: number;
  /** null when the product is no longer for sale (archived, its seller suspended, deleted). */
  product: { priceVnd: number; stockMilli: number; stepMilli: number } | null;
};

export type CartProblem =
  | { kind: "unavailable"; productId: string; name: string }
  | { kind: "priceChanged"; productId: string; name: string; fromVnd: number; toVnd: number }
  | { kind: "notEnoughStock"; productId: string; name: string; availableMilli: number }
  | { kind: "offStep"; productId: string; name: string; stepMilli: number };

/** Everything the buyer must see before they can place the order. Empty means ready. */
export function cartProblems(lines: CartLineFacts[]): CartProblem[] {
  const problems: CartProblem[] = [];
  for (const line of lines) {
    const { productId, name, product } = line;
    if (!product) {
      problems.push({ kind: "unavailable", productId, name });
      continue;
    }
    if (!isValidQuantity(line.quantityMilli, product.stepMilli)) {
      problems.push({ kind: "offStep", productId, name, stepMilli: product.stepMilli });
    }
    if (line.quantityMilli > product.stockMilli) {
      problems.push({ kind: "notEnoughStock", productId, name, availableMilli: product.stockMilli });
    }
    if (line.seenPriceVnd !== product.priceVnd) {
      problems.push({
        kind: "priceChanged",
        productId,
        name,
        fromVnd: line.seenPriceVnd,
        toVnd: product.priceVnd,
      });
    }
  }
  return problems;
}

/**
 * What the checkout page showed, written into the form ("productId:quantityMilli:priceVnd" per line).
 * The server compares it with the cart and today's prices, so an order is never placed for other
 * quantities or prices than the buyer saw — whether they changed in another tab or were tampered with.
 */
export function cartFingerprint(lines: { productId: string; quantityMilli: number; priceVnd: number }[]) {
  return [...lines]
    .sort((a, b) => a.productId.localeCompare(b.productId))
    .map((l) => `${l.productId}:${l.quantityMilli}:${l.priceVnd}`)
    .join(",");
}

export const CartAddSchema = z.object({
  productId: z
    .string({ error: "validation.required" })
    .regex(/^[a-z0-9]{10,40}$/, "cart.error.unknownProduct"),
  quantity: quantityText("cart.error.quantity").refine((milli) => milli > 0 && milli <= 1_000_000 * MILLI, {
    error: "cart.error.quantity",
  }),
});

export const CartUpdateSchema = CartAddSchema;
export const CartRemoveSchema = CartAddSchema.pick({ productId: true });

/**
 * The buyer's details. Payment methods and delivery choices come per seller, as fields
 * "pay.<sellerId>" and "ship.<sellerId>"; `deliveryFor` is the commune the choices shown were
 * computed for (when the buyer changed the commune without JavaScript, the page recomputes them).
 */
export const CheckoutSchema = z.object({
  buyerName: requiredText(120),
  buyerPhone: vietnamesePhone,
  buyerEmail: optionalEmail,
  communeSlug,
  addressLine: requiredText(200),
  note: multilineText(500).optional().default(""),
  pay: z.record(
    z.string().regex(/^[a-z0-9]{10,40}$/),
    z.enum(paymentMethods, { error: "checkout.error.payment" }),
    {
      error: "checkout.error.payment",
    },
  ),
  ship: z
    .record(z.string().regex(/^[a-z0-9]{10,40}$/), DeliveryChoiceSchema, {
      error: "checkout.error.delivery",
    })
    .default({}),
  deliveryFor: z.string().max(60).optional(),
  fingerprint: z.string().max(20_000).default(""),
});
export type CheckoutInput = z.output<typeof CheckoutSchema>;

/** Which methods this seller takes; card only when the marketplace has card payments set up. */
export function methodsFor(
  seller: {
    acceptsCod: boolean;
    acceptsBankTransfer: boolean;
    bankBin: string | null;
    bankAccountNumber: string | null;
  },
  cardEnabled: boolean,
): PaymentMethod[] {
  const methods: PaymentMethod[] = [];
  if (seller.acceptsCod) methods.push("cod");
  if (seller.acceptsBankTransfer && seller.bankBin && seller.bankAccountNumber) methods.push("bank_transfer");
  if (cardEnabled) methods.push("card");
  return methods;
}

// No 0/O or 1/I/L: codes are read aloud over the phone and typed from a text message.
const CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";

/** "CP" and 8 characters: about 8.5 × 10^11 codes, so guessing one is hopeless (lookup also needs the phone). */
export function newOrderGroupCode(randomBytes: (n: number) => Uint8Array) {
  const bytes = randomBytes(8);
  let code = "CP";
  for (const byte of bytes) code += CODE_ALPHABET[byte % CODE_ALPHABET.length];
  return code;
}

export const orderCodeOf = (groupCode: string, index: number) => `${groupCode}-${index + 1}`;

/** Accepts what people type: lower case, spaces, a missing "CP" prefix. */
export function normalizeOrderCode(input: string) {
  const compact = input.toUpperCase().replace(/[\s.]/g, "");
  const match = /^(?:CP)?([2-9A-HJKMNP-Z]{8})(?:-(\d{1,2}))?$/.exec(compact);
  return match ? `CP${match[1]}` : null;
}
