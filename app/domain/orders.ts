// The order lifecycle as plain rules: which actor may move an order from which state, and what the
// move changes. The order status (how far the goods have got) and the payment status (whether the
// money has arrived) are separate: a COD order is delivered before it is paid; a card order is paid
// before the seller confirms it.

export const orderStatuses = ["placed", "confirmed", "shipped", "delivered", "cancelled"] as const;
export type OrderStatus = (typeof orderStatuses)[number];
export const paymentMethods = ["cod", "bank_transfer", "card"] as const;
export type PaymentMethod = (typeof paymentMethods)[number];
export const paymentStatuses = ["unpaid", "paid", "refunded"] as const;
export type PaymentStatus = (typeof paymentStatuses)[number];

/**
 * buyer: the person who placed the order. seller: the shop's owner or the volunteer acting for it.
 * admin: the marketplace team. system: the payment provider's webhook (card paid or expired).
 */
export type OrderActor = "buyer" | "seller" | "admin" | "system";

export type OrderAction =
  | { type: "confirm" }
  | { type: "ship"; deliveryNote: string }
  | { type: "deliver" }
  | { type: "cancel"; reason: string }
  | { type: "mark_paid" }
  | { type: "refund"; reason: string };

export type OrderState = {
  status: OrderStatus;
  paymentMethod: PaymentMethod;
  paymentStatus: PaymentStatus;
};

/** What a legal move writes on the order (the service adds timestamps and who did it). */
export type OrderChange = {
  status?: OrderStatus;
  paymentStatus?: PaymentStatus;
  deliveryNote?: string;
  cancelReason?: string;
  cancelledBy?: OrderActor | "payment_expired";
  refundReason?: string;
  /** The order's stock goes back on the shelf. */
  releaseStock?: boolean;
};

/** Keys into the order messages, so the refusal reads well in both languages. */
export type OrderRefusal =
  | "order.refuse.notAllowed"
  | "order.refuse.wrongStatus"
  | "order.refuse.cardUnpaid"
  | "order.refuse.reasonRequired"
  | "order.refuse.alreadyPaid"
  | "order.refuse.notPaid"
  | "order.refuse.cardPaidByProvider"
  | "order.refuse.codBeforeShipping";

export type Transition = { ok: true; change: OrderChange } | { ok: false; refusal: OrderRefusal };

const refuse = (refusal: OrderRefusal): Transition => ({ ok: false, refusal });
const allow = (change: OrderChange): Transition => ({ ok: true, change });

export const MAX_REASON_LENGTH = 500;

/** The one place that decides whether a move is legal. */
export function transition(order: OrderState, action: OrderAction, actor: OrderActor): Transition {
  const staff = actor === "seller" || actor === "admin";
  switch (action.type) {
    case "confirm":
      if (!staff) return refuse("order.refuse.notAllowed");
      if (order.status !== "placed") return refuse("order.refuse.wrongStatus");
      // The seller must not pack goods for a card payment that has not gone through.
      if (order.paymentMethod === "card" && order.paymentStatus !== "paid") {
        return refuse("order.refuse.cardUnpaid");
      }
      return allow({ status: "confirmed" });
    case "ship":
      if (!staff) return refuse("order.refuse.notAllowed");
      if (order.status !== "confirmed") return refuse("order.refuse.wrongStatus");
      return allow({ status: "shipped", deliveryNote: action.deliveryNote.trim() });
    case "deliver":
      if (!staff) return refuse("order.refuse.notAllowed");
      if (order.status !== "shipped") return refuse("order.refuse.wrongStatus");
      return allow({ status: "delivered" });
    case "cancel":
      return cancel(order, action.reason.trim(), actor);
    case "mark_paid":
      return markPaid(order, actor);
    case "refund":
      if (!staff) return refuse("order.refuse.notAllowed");
      if (order.paymentStatus !== "paid") return refuse("order.refuse.notPaid");
      if (!action.reason.trim()) return refuse("order.refuse.reasonRequired");
      return allow({ paymentStatus: "refunded", refundReason: action.reason.trim() });
  }
}

function cancel(order: OrderState, reason: string, actor: OrderActor): Transition {
  if (order.status === "cancelled" || order.status === "delivered") {
    return refuse("order.refuse.wrongStatus");
  }
  switch (actor) {
    case "buyer":
      // Once the seller has confirmed, goods may be packed: the buyer asks the seller instead.
      if (order.status !== "placed") return refuse("order.refuse.wrongStatus");
      return allow({ status: "cancelled", cancelReason: reason, cancelledBy: "buyer", releaseStock: true });
    case "seller":
      if (order.status === "shipped") return refuse("order.refuse.wrongStatus");
      if (!reason) return refuse("order.refuse.reasonRequired");
      return allow({ status: "cancelled", cancelReason: reason, cancelledBy: "seller", releaseStock: true });
    case "admin":
      if (!reason) return refuse("order.refuse.reasonRequired");
      return allow({ status: "cancelled", cancelReason: reason, cancelledBy: "admin", releaseStock: true });
    case "system":
      // Only an unpaid card order whose payment session ended without payment.
      if (order.status !== "placed" || order.paymentMethod !== "card" || order.paymentStatus !== "unpaid") {
        return refuse("order.refuse.wrongStatus");
      }
      return allow({
        status: "cancelled",
        cancelReason: reason,
        cancelledBy: "payment_expired",
        releaseStock: true,
      });
  }
}

function markPaid(order: OrderState, actor: OrderActor): Transition {
  if (order.paymentStatus !== "unpaid") return refuse("order.refuse.alreadyPaid");
  if (order.paymentMethod === "card") {
    // Only a signed webhook from the provider says a card payment went through.
    return actor === "system" ? allow({ paymentStatus: "paid" }) : refuse("order.refuse.cardPaidByProvider");
  }
  if (actor !== "seller" && actor !== "admin") return refuse("order.refuse.notAllowed");
  if (order.status === "cancelled") return refuse("order.refuse.wrongStatus");
  // Cash changes hands at the door, so COD is collected once the goods are on their way.
  if (order.paymentMethod === "cod" && order.status !== "shipped" && order.status !== "delivered") {
    return refuse("order.refuse.codBeforeShipping");
  }
  return allow({ paymentStatus: "paid" });
}

/** The moves worth offering to this actor now (for buttons); the server still checks each one. */
export function availableActions(order: OrderState, actor: OrderActor): OrderAction["type"][] {
  const probe: OrderAction[] = [
    { type: "confirm" },
    { type: "ship", deliveryNote: "" },
    { type: "deliver" },
    { type: "mark_paid" },
    { type: "cancel", reason: "x" },
    { type: "refund", reason: "x" },
  ];
  return probe.filter((a) => transition(order, a, actor).ok).map((a) => a.type);
}

/** Who cancelled an order, as the column stores it; anything else reads as unknown. */
export type CancelledBy = NonNullable<OrderChange["cancelledBy"]>;
const cancellers: readonly CancelledBy[] = ["buyer", "seller", "admin", "system", "payment_expired"];

export function cancelledByOf(value: string | null): CancelledBy | null {
  return cancellers.find((c) => c === value) ?? null;
}

/** The order's dates and notes that its history is told from. */
export type OrderHistory = {
  createdAt: Date;
  confirmedAt: Date | null;
  shippedAt: Date | null;
  deliveredAt: Date | null;
  paidAt: Date | null;
  cancelledAt: Date | null;
  refundedAt: Date | null;
  paymentMethod: PaymentMethod;
  deliveryNote: string | null;
  cancelledBy: string | null;
  cancelReason: string | null;
  refundReason: string | null;
};

/** One line of an order's history; the page words it, this says what happened and when. */
export type OrderEvent =
  | { kind: "placed" | "confirmed" | "delivered"; at: Date }
  | { kind: "shipped"; at: Date; deliveryNote: string | null }
  | { kind: "paid"; at: Date; paymentMethod: PaymentMethod }
  | { kind: "cancelled"; at: Date; by: CancelledBy | null; reason: string | null }
  | { kind: "refunded"; at: Date; reason: string | null };

/**
 * What has happened to an order, oldest first. Only steps that happened appear, in the order their
 * dates say (a card order is paid before it is confirmed; a COD order after it is delivered).
 */
export function orderEvents(order: OrderHistory): OrderEvent[] {
  const events: OrderEvent[] = [{ kind: "placed", at: order.createdAt }];
  if (order.confirmedAt) events.push({ kind: "confirmed", at: order.confirmedAt });
  if (order.shippedAt)
    events.push({ kind: "shipped", at: order.shippedAt, deliveryNote: order.deliveryNote || null });
  if (order.deliveredAt) events.push({ kind: "delivered", at: order.deliveredAt });
  if (order.paidAt) events.push({ kind: "paid", at: order.paidAt, paymentMethod: order.paymentMethod });
  if (order.cancelledAt)
    events.push({
      kind: "cancelled",
      at: order.cancelledAt,
      by: cancelledByOf(order.cancelledBy),
      reason: order.cancelReason || null,
    });
  if (order.refundedAt)
    events.push({ kind: "refunded", at: order.refundedAt, reason: order.refundReason || null });
  // Stable: two steps at the same instant keep their lifecycle order.
  return events.sort((a, b) => a.at.getTime() - b.at.getTime());
}
