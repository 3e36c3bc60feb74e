// The forms a shop moves an order with: one schema per button, shared by the page's forms (to check
// as the seller types) and its action (to check again), and the order action each one asks for.
import { z } from "zod";
import { plainText } from "./form-fields.ts";
import { MAX_REASON_LENGTH, type OrderAction } from "./orders.ts";

export const MAX_DELIVERY_NOTE_LENGTH = 300;

const reason = plainText({ multiline: true, missing: "order.refuse.reasonRequired" })
  .min(1, "order.refuse.reasonRequired")
  .max(MAX_REASON_LENGTH, "shopOrders.error.reasonTooLong");

// The delivery note is optional (a seller delivering in person has nothing to add) but the form
// asks for it, since it is what the buyer reads in the "on its way" email.
export const moveSchemas = {
  confirm: z.object({ intent: z.literal("confirm") }),
  ship: z.object({
    intent: z.literal("ship"),
    deliveryNote: plainText({ multiline: true })
      .max(MAX_DELIVERY_NOTE_LENGTH, "shopOrders.error.noteTooLong")
      .optional(),
  }),
  deliver: z.object({ intent: z.literal("deliver") }),
  mark_paid: z.object({ intent: z.literal("mark_paid") }),
  cancel: z.object({ intent: z.literal("cancel"), reason }),
  refund: z.object({ intent: z.literal("refund"), reason }),
};
export type MoveIntent = keyof typeof moveSchemas;

export function isMoveIntent(value: unknown): value is MoveIntent {
  return typeof value === "string" && Object.hasOwn(moveSchemas, value);
}

export const MoveSchema = z.discriminatedUnion(
  "intent",
  [
    moveSchemas.confirm,
    moveSchemas.ship,
    moveSchemas.deliver,
    moveSchemas.mark_paid,
    moveSchemas.cancel,
    moveSchemas.refund,
  ],
  { error: "shopOrders.error.badIntent" },
);

export function toOrderAction(move: z.infer<typeof MoveSchema>): OrderAction {
  switch (move.intent) {
    case "ship":
      return { type: "ship", deliveryNote: move.deliveryNote ?? "" };
    case "cancel":
    case "refund":
      return { type: move.intent, reason: move.reason };
    default:
      return { type: move.intent };
  }
}

// The forms with a text box show their own field's error; every other message goes at the top.
const textFields = { ship: "deliveryNote", cancel: "reason", refund: "reason" } as const;

/** Do all of these errors belong to the text box of the form that was sent? */
export function errorOnField(intent: unknown, error: Record<string, string[] | null> | null | undefined) {
  if (typeof intent !== "string" || !Object.hasOwn(textFields, intent)) return false;
  const field = textFields[intent as keyof typeof textFields];
  return Object.entries(error ?? {}).every(([name, messages]) => name === field || !messages?.length);
}
