// What a card-payment event does to orders. Only a webhook whose signature checked out reaches here
// (the route verifies it), and each event id is processed once: a replay or a duplicate delivery
// finds its id already recorded and changes nothing. Events may arrive in any order, so every step
// checks the current state instead of assuming the previous event came first.
import { getDb } from "./db.server.ts";
import {
  cancelUnpaidCardOrders,
  cancelUnpaidCardOrdersInTx,
  notifySellerOfPaidOrder,
} from "./checkout.server.ts";
import { applySystemChangeInTx } from "./orders.server.ts";
import { type CardPayments, type CardWebhookEvent } from "./payments/card.server.ts";

export type WebhookOutcome = "processed" | "duplicate" | "ignored";

export async function handleCardWebhook(
  provider: CardPayments["provider"],
  event: CardWebhookEvent,
  siteUrl: string,
): Promise<WebhookOutcome> {
  const db = getDb();
  const seen = await db.processedWebhookEvent.findUnique({
    where: { provider_eventId: { provider, eventId: event.id } },
    select: { id: true },
  });
  if (seen) return "duplicate";
  try {
    return await db.$transaction(async (tx) => {
      // Recorded first: a second delivery racing this one fails on the unique key and rolls back.
      await tx.processedWebhookEvent.create({
        data: { provider, eventId: event.id, type: event.type === "other" ? event.stripeType : event.type },
      });
      if (event.type === "other") return "ignored";
      const stored = await tx.cardPaymentSession.findUnique({
        where: { providerSessionId: event.session.id },
        select: { id: true, groupId: true, amountVnd: true, status: true },
      });
      if (!stored) return "ignored"; // a session this marketplace did not create

      if (
        event.type === "checkout.session.completed" ||
        event.type === "checkout.session.async_payment_succeeded"
      ) {
        // Completed but not yet paid (a delayed method): wait for async_payment_succeeded.
        if (!event.session.paid) return "ignored";
        if (event.session.amountVnd !== stored.amountVnd) {
          throw new Error(
            `Card session ${event.session.id} paid ${event.session.amountVnd} đ, expected ${stored.amountVnd} đ`,
          );
        }
        await tx.cardPaymentSession.update({ where: { id: stored.id }, data: { status: "complete" } });
        const orders = await tx.order.findMany({
          where: { groupId: stored.groupId, paymentMethod: "card", paymentStatus: "unpaid" },
          select: { id: true },
        });
        for (const { id } of orders) {
          const order = await applySystemChangeInTx(tx, id, { type: "mark_paid" }, siteUrl);
          // Cancelled while the payment page was still open: the money is recorded (for a refund),
          // but there is nothing for the seller to prepare.
          if (order.status !== "cancelled") await notifySellerOfPaidOrder(tx, id, siteUrl);
        }
        return "processed";
      }
      // Expired or failed: a session already paid stays paid whatever arrives late.
      if (stored.status === "complete") return "ignored";
      await tx.cardPaymentSession.update({ where: { id: stored.id }, data: { status: "expired" } });
      // In the same transaction as the event's record: if cancelling fails, the event is not recorded
      // and Stripe's retry cancels, instead of being taken for a duplicate while the stock stays held.
      await cancelUnpaidCardOrdersInTx(tx, stored.groupId, "payment_expired", siteUrl);
      return "processed";
    });
  } catch (error) {
    if (isUniqueViolation(error)) return "duplicate";
    throw error;
  }
}

/**
 * The buyer gives up on paying by card: end the session at the provider, then cancel. If the provider
 * says it was paid after all, nothing is cancelled and the webhook marks it paid.
 */
export async function abandonCardPayment(cardPayments: CardPayments, groupCode: string, siteUrl: string) {
  const db = getDb();
  const stored = await db.cardPaymentSession.findFirst({
    where: { group: { code: groupCode }, status: "open" },
    select: { id: true, groupId: true, providerSessionId: true },
    orderBy: { createdAt: "desc" },
  });
  if (!stored) return "nothing_open" as const;
  const session = await cardPayments.expireSession(stored.providerSessionId);
  if (session.status === "complete") return "already_paid" as const;
  await db.cardPaymentSession.updateMany({
    where: { id: stored.id, status: "open" },
    data: { status: "expired" },
  });
  await cancelUnpaidCardOrders(stored.groupId, "buyer_abandoned_card", siteUrl);
  return "cancelled" as const;
}

// Checked by code, not class: SQLite and PostgreSQL each have their own generated client classes.
function isUniqueViolation(error: unknown) {
  return typeof error === "object" && error !== null && (error as { code?: unknown }).code === "P2002";
}
