// Orders after checkout: who may act on an order, the state machine applied in a transaction (with
// stock put back on cancellation, search re-indexed, the buyer emailed and the change audited), and
// the views buyers and sellers read.
import {
  type OrderAction,
  type OrderActor,
  type OrderChange,
  type OrderState,
  transition,
} from "#app/domain/orders.ts";
import { allows } from "#app/domain/permissions.ts";
import type { CurrentUser } from "../identity/auth.server.ts";
import { recordAudit } from "../platform/audit.server.ts";
import { getDb, type Db, type Tx } from "../platform/db.server.ts";
import { enqueueMail } from "../messaging/mail/outbox-mail.server.ts";
import {
  type MailGroup,
  type MailOrder,
  type StatusMailEvent,
  orderUpdateMailForBuyer,
} from "./mail.server.ts";
import { enqueueIndexing } from "../search/indexer.server.ts";
import { shopRole } from "../shops/access.server.ts";
import { UserError } from "#app/domain/user-error.ts";
import { notFound, forbidden } from "#app/services/http/replies.server.ts";

export const orderGroupUrl = (siteUrl: string, groupCode: string) => `${siteUrl}/don-hang/${groupCode}`;
export const shopOrderUrl = (siteUrl: string, orderCode: string) => `${siteUrl}/shop/orders/${orderCode}`;

// ───────────── Who may act ─────────────

/** How this user stands to this order: the role the state machine judges, or null (no access). */
export async function actorFor(
  db: Db,
  user: CurrentUser,
  order: { sellerId: string; group: { buyerId: string | null } },
): Promise<{ actor: OrderActor; onBehalfOfSellerId: string | null } | null> {
  if (allows(user.grants, "update:order:any")) return { actor: "admin", onBehalfOfSellerId: null };
  if (allows(user.grants, "update:order:own")) {
    const role = await shopRole(db, user.id, order.sellerId);
    if (role) return { actor: "seller", onBehalfOfSellerId: order.sellerId };
  }
  if (order.group.buyerId === user.id) return { actor: "buyer", onBehalfOfSellerId: null };
  return null;
}

// ───────────── Applying a move ─────────────

/** Who the order goes to and where: an order group's buyer and address. */
export const buyerDeliverySelect = {
  buyerName: true,
  buyerPhone: true,
  buyerEmail: true,
  addressLine: true,
  note: true,
  commune: { select: { name: true } },
} as const;

/** How an order reaches the buyer, as its pages, mails and labels show it. */
export const orderDeliverySelect = {
  deliveryMethod: true,
  deliveryFeeVnd: true,
  deliveryRule: true,
  pickupOn: true,
  collectedAt: true,
  carrierTrackingCode: true,
  pickupPoint: {
    select: { id: true, name: true, addressLine: true, hours: true, commune: { select: { name: true } } },
  },
} as const;

const orderForChangeSelect = {
  id: true,
  code: true,
  sellerId: true,
  status: true,
  paymentMethod: true,
  paymentStatus: true,
  subtotalVnd: true,
  ...orderDeliverySelect,
  deliveryNote: true,
  cancelReason: true,
  refundReason: true,
  stockReleasedAt: true,
  items: {
    select: { productId: true, productName: true, unit: true, quantityMilli: true, lineTotalVnd: true },
  },
  seller: { select: { displayName: true } },
  group: { select: { code: true, locale: true, buyerId: true, ...buyerDeliverySelect } },
} as const;

type OrderForChange = NonNullable<Awaited<ReturnType<typeof loadOrderForChange>>>;

function loadOrderForChange(tx: Pick<Db, "order">, where: { id: string } | { code: string }) {
  return tx.order.findUnique({ where, select: orderForChangeSelect });
}

export function mailGroupOf(group: OrderForChange["group"]): MailGroup {
  return { ...group, communeName: group.commune.name };
}

export function mailOrderOf(order: OrderForChange, change: OrderChange = {}): MailOrder {
  return {
    code: order.code,
    status: change.status ?? order.status,
    paymentMethod: order.paymentMethod,
    subtotalVnd: order.subtotalVnd,
    deliveryFeeVnd: order.deliveryFeeVnd,
    deliveryMethod: order.deliveryMethod,
    pickup: order.pickupPoint
      ? {
          name: order.pickupPoint.name,
          addressLine: order.pickupPoint.addressLine,
          communeName: order.pickupPoint.commune.name,
          hours: order.pickupPoint.hours,
          on: order.pickupOn,
        }
      : null,
    deliveryNote: change.deliveryNote ?? order.deliveryNote,
    cancelReason: change.cancelReason ?? order.cancelReason,
    refundReason: change.refundReason ?? order.refundReason,
    items: order.items,
    seller: order.seller,
  };
}

/** Puts an order's quantities back on the shelf, once (stockReleasedAt guards a second time). */
async function releaseStock(tx: Tx, order: OrderForChange, now: Date) {
  const released = await tx.order.updateMany({
    where: { id: order.id, stockReleasedAt: null },
    data: { stockReleasedAt: now },
  });
  if (released.count !== 1) return;
  const productIds: string[] = [];
  for (const item of order.items) {
    if (!item.productId) continue; // the product was deleted since
    await tx.product.update({
      where: { id: item.productId },
      data: { stockMilli: { increment: item.quantityMilli } },
    });
    productIds.push(item.productId);
  }
  if (productIds.length) await enqueueIndexing(tx, productIds);
}

/**
 * Applies one move inside the caller's transaction. The update only lands if the order is still in
 * the state the decision was made on, so two people pressing buttons at once cannot both win.
 */
export async function applyOrderChangeInTx(
  tx: Tx,
  order: OrderForChange,
  action: OrderAction,
  who: { actor: OrderActor; userId: string | null; onBehalfOfSellerId: string | null },
  { siteUrl, now = new Date() }: { siteUrl: string; now?: Date },
) {
  const decision = transition(order as OrderState, action, who.actor);
  if (!decision.ok) throw new UserError(decision.refusal, {}, 409);
  const { change } = decision;
  const data = {
    ...(change.status ? { status: change.status } : {}),
    ...(change.paymentStatus ? { paymentStatus: change.paymentStatus } : {}),
    ...(change.deliveryNote !== undefined ? { deliveryNote: change.deliveryNote } : {}),
    ...(change.cancelReason !== undefined
      ? { cancelReason: change.cancelReason, cancelledBy: change.cancelledBy }
      : {}),
    ...(change.refundReason !== undefined ? { refundReason: change.refundReason, refundedAt: now } : {}),
    ...(change.status === "confirmed" ? { confirmedAt: now } : {}),
    ...(change.status === "shipped" ? { shippedAt: now } : {}),
    ...(change.status === "delivered" ? { deliveredAt: now } : {}),
    ...(change.status === "cancelled" ? { cancelledAt: now } : {}),
    ...(change.paymentStatus === "paid" ? { paidAt: now, paymentConfirmedById: who.userId } : {}),
  };
  const updated = await tx.order.updateMany({
    where: { id: order.id, status: order.status, paymentStatus: order.paymentStatus },
    data,
  });
  if (updated.count !== 1) throw new UserError("order.refuse.changed", {}, 409);
  if (change.releaseStock) await releaseStock(tx, order, now);

  const event: StatusMailEvent = change.status
    ? "status"
    : change.paymentStatus === "paid"
      ? "paid"
      : "refunded";
  const mail = orderUpdateMailForBuyer(
    mailGroupOf(order.group),
    mailOrderOf(order, change),
    event,
    orderGroupUrl(siteUrl, order.group.code),
  );
  if (mail) await enqueueMail(tx, mail);
  await recordAudit(tx, {
    actorId: who.userId,
    onBehalfOfSellerId: who.onBehalfOfSellerId,
    action: `order.${action.type}`,
    entityType: "Order",
    entityId: order.id,
    before: { status: order.status, paymentStatus: order.paymentStatus },
    after: { ...change, actor: who.actor },
  });
  return change;
}

/** A move the system makes on its own (a payment event, an expired session). Returns the order as it was. */
export async function applySystemChangeInTx(tx: Tx, orderId: string, action: OrderAction, siteUrl: string) {
  const order = (await loadOrderForChange(tx, { id: orderId }))!;
  await applyOrderChangeInTx(
    tx,
    order,
    action,
    { actor: "system", userId: null, onBehalfOfSellerId: null },
    { siteUrl },
  );
  return order;
}

/**
 * A signed-in user's move on an order, by order code. 404 when there is no such order, 403 when the
 * user has nothing to do with it, 409 (with the reason) when the move is not allowed now.
 */
export async function actOnOrder(
  user: CurrentUser,
  orderCode: string,
  action: OrderAction,
  { siteUrl }: { siteUrl: string },
) {
  const db = getDb();
  const probe = await db.order.findUnique({
    where: { code: orderCode },
    select: { id: true, sellerId: true, group: { select: { buyerId: true } } },
  });
  if (!probe) throw notFound();
  const who = await actorFor(db, user, probe);
  if (!who) throw forbidden();
  return db.$transaction(async (tx) => {
    const order = await loadOrderForChange(tx, { id: probe.id });
    if (!order) throw notFound();
    return applyOrderChangeInTx(tx, order, action, { ...who, userId: user.id }, { siteUrl });
  });
}

/**
 * A buyer holding the order page (the browser that placed it, or looked it up with code + phone)
 * cancels before confirmation. The audit names who pressed the button: the signed-in user if any,
 * otherwise nobody (a guest) — never the account the order was placed from.
 */
export async function cancelAsGuestBuyer(
  orderCode: string,
  groupCode: string,
  reason: string,
  siteUrl: string,
  actorUserId: string | null = null,
) {
  const db = getDb();
  return db.$transaction(async (tx) => {
    const order = await loadOrderForChange(tx, { code: orderCode });
    if (!order || order.group.code !== groupCode) throw notFound();
    return applyOrderChangeInTx(
      tx,
      order,
      { type: "cancel", reason },
      { actor: "buyer", userId: actorUserId, onBehalfOfSellerId: null },
      { siteUrl },
    );
  });
}

export { loadOrderForChange };

// ───────────── Reading ─────────────

/** What an order's page shows, to its buyer (with the seller) and to its seller (with the buyer). */
export const orderViewSelect = {
  id: true,
  code: true,
  status: true,
  paymentMethod: true,
  paymentStatus: true,
  subtotalVnd: true,
  ...orderDeliverySelect,
  deliveryNote: true,
  cancelReason: true,
  cancelledBy: true,
  refundReason: true,
  createdAt: true,
  confirmedAt: true,
  shippedAt: true,
  deliveredAt: true,
  cancelledAt: true,
  paidAt: true,
  items: {
    select: {
      id: true,
      productName: true,
      unit: true,
      quantityMilli: true,
      unitPriceVnd: true,
      lineTotalVnd: true,
      product: { select: { slug: true } },
    },
  },
} as const;

/** Order items with their unit typed as the domain's (the column is a plain string). */
export function withProductUnits<T extends { unit: string }>(items: T[]) {
  return items.map((i) => ({ ...i, unit: i.unit }));
}

const buyerOrderViewSelect = {
  ...orderViewSelect,
  seller: {
    select: {
      id: true,
      slug: true,
      displayName: true,
      phone: true,
      bankBin: true,
      bankAccountNumber: true,
      bankAccountName: true,
    },
  },
} as const;

/** An order group with everything its page shows, or null. */
export async function getOrderGroup(code: string) {
  const group = await getDb().orderGroup.findUnique({
    where: { code },
    select: {
      id: true,
      code: true,
      buyerId: true,
      ...buyerDeliverySelect,
      totalVnd: true,
      createdAt: true,
      orders: { select: buyerOrderViewSelect, orderBy: { code: "asc" } },
      cardSessions: {
        select: { providerSessionId: true, url: true, status: true, amountVnd: true },
        orderBy: { createdAt: "desc" },
        take: 1,
      },
    },
  });
  if (!group) return null;
  return {
    ...group,
    orders: group.orders.map((o) => ({ ...o, items: withProductUnits(o.items) })),
    cardSession: group.cardSessions[0] ?? null,
  };
}
export type OrderGroupView = NonNullable<Awaited<ReturnType<typeof getOrderGroup>>>;

/** The group, if this phone number placed it: what a guest needs to look their order up. */
export async function findGroupByCodeAndPhone(code: string, phoneE164: string) {
  const group = await getDb().orderGroup.findUnique({
    where: { code },
    select: { code: true, buyerPhone: true },
  });
  return group && group.buyerPhone === phoneE164 ? group.code : null;
}

/** A signed-in buyer's orders, newest first. */
export async function buyerOrderHistory(userId: string) {
  return getDb().orderGroup.findMany({
    where: { buyerId: userId },
    orderBy: { createdAt: "desc" },
    take: 100,
    select: {
      code: true,
      totalVnd: true,
      createdAt: true,
      orders: {
        select: {
          code: true,
          status: true,
          paymentStatus: true,
          paymentMethod: true,
          subtotalVnd: true,
          deliveryFeeVnd: true,
          seller: { select: { displayName: true } },
        },
        orderBy: { code: "asc" },
      },
    },
  });
}
