// What a card-payment event does to orders. Only a webhook whose signature checked out reaches here
// (the route verifies it), and each event id is processed once: a replay or a duplicate delivery
// finds its id already recorded and changes nothing. Events may arrive in any order, so every step
// checks the current state instead of assuming the previous event came first.
import { getDb, type Tx } from "../platform/db.server.ts";
import {
  CARD_SESSION_MINUTES_MAX,
  cancelUnpaidCardOrders,
  cancelUnpaidCardOrdersInTx,
  notifySellerOfPaidOrder,
} from "./checkout.server.ts";
import { applySystemChangeInTx } from "./orders.server.ts";
import type { CardPayments, CardSession, CardWebhookEvent } from "../payments/card-port.server.ts";

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

      const paidEvent =
        event.type === "checkout.session.completed" ||
        event.type === "checkout.session.async_payment_succeeded";
      // Completed but not yet paid (a delayed method): wait for async_payment_succeeded.
      if (paidEvent && !event.session.paid) return "ignored";
      return applySessionOutcome(tx, stored, event.session, paidEvent ? "paid" : "ended", siteUrl);
    });
  } catch (error) {
    if (isUniqueViolation(error)) return "duplicate";
    throw error;
  }
}

type StoredSession = { id: string; groupId: string; amountVnd: number; status: string };

/**
 * What a card session's end means for its orders, whoever learnt it (a webhook, or the sweep that
 * asks the provider about sessions whose webhook never came): paid marks the group's card orders
 * paid and tells the sellers; ended (expired or failed) cancels the unpaid ones and returns their
 * stock. A session already paid stays paid whatever arrives late.
 */
async function applySessionOutcome(
  tx: Tx,
  stored: StoredSession,
  session: CardSession,
  outcome: "paid" | "ended",
  siteUrl: string,
): Promise<WebhookOutcome> {
  if (outcome === "paid") {
    if (session.amountVnd !== stored.amountVnd) {
      throw new Error(
        `Card session ${session.id} paid ${session.amountVnd} đ, expected ${stored.amountVnd} đ`,
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
  if (stored.status === "complete") return "ignored";
  await tx.cardPaymentSession.update({ where: { id: stored.id }, data: { status: "expired" } });
  // In the same transaction as the event's record: if cancelling fails, the event is not recorded
  // and Stripe's retry cancels, instead of being taken for a duplicate while the stock stays held.
  await cancelUnpaidCardOrdersInTx(tx, stored.groupId, "payment_expired", siteUrl);
  return "processed";
}

/** A session is asked about once it should have ended (its 35 minutes) plus this margin. */
export const STALE_SESSION_MARGIN_MS = 10 * 60 * 1000;

/**
 * Webhooks can be lost (an outage, a misconfigured endpoint). Sessions still open well after they
 * must have ended are looked up at the provider and settled the same way a webhook would, so an
 * unpaid card order never holds its stock forever and a paid one is never left unpaid.
 */
export async function settleStaleCardSessions(
  cardPayments: CardPayments,
  { siteUrl, now = new Date(), limit = 20 }: { siteUrl: string; now?: Date; limit?: number },
) {
  const db = getDb();
  const cutoff = new Date(now.getTime() - CARD_SESSION_MINUTES_MAX * 60_000 - STALE_SESSION_MARGIN_MS);
  const stale = await db.cardPaymentSession.findMany({
    where: { status: "open", createdAt: { lt: cutoff } },
    select: { id: true, groupId: true, amountVnd: true, status: true, providerSessionId: true },
    orderBy: { createdAt: "asc" },
    take: limit,
  });
  let settled = 0;
  for (const stored of stale) {
    const session = await cardPayments.retrieveSession(stored.providerSessionId);
    const outcome =
      session.status === "complete" && session.paid ? "paid" : session.status === "expired" ? "ended" : null;
    if (!outcome) continue; // still open at the provider (or completed, awaiting a delayed payment)
    const result = await db.$transaction(async (tx) => {
      const current = await tx.cardPaymentSession.findUnique({
        where: { id: stored.id },
        select: { status: true },
      });
      if (current?.status !== "open") return "ignored"; // a webhook got there first
      return applySessionOutcome(tx, stored, session, outcome, siteUrl);
    });
    if (result === "processed") settled++;
  }
  return { checked: stale.length, settled };
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
