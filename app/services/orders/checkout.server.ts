// Checkout: turns the cart into one order group with one order per seller, reserving stock in the
// same transaction. Stock is reserved with a conditional decrement (only if enough is left and the
// price is still the one the buyer saw), so concurrent buyers can never oversell: the database
// decides who gets the last units, on SQLite and PostgreSQL alike.
import crypto from "node:crypto";
import {
  type CheckoutInput,
  cartFingerprint,
  lineTotalVnd,
  methodsFor,
  newOrderGroupCode,
  orderCodeOf,
} from "#app/domain/checkout.ts";
import type { PaymentMethod } from "#app/domain/orders.ts";
import { isLocale } from "#app/i18n/locales.ts";
import { recordAudit } from "../platform/audit.server.ts";
import { type CartOwner, getCartView } from "./cart.server.ts";
import { getDb, type Tx } from "../platform/db.server.ts";
import { enqueueMail } from "../messaging/mail/outbox-mail.server.ts";
import { newOrderMailForSeller, orderPlacedMailForBuyer } from "./mail.server.ts";
import {
  applySystemChangeInTx,
  loadOrderForChange,
  mailGroupOf,
  mailOrderOf,
  orderGroupUrl,
  shopOrderUrl,
} from "./orders.server.ts";
import { type CardPayments, CardPaymentError } from "../payments/card-port.server.ts";
import { enqueueIndexing } from "../search/indexer.server.ts";
import { UserError } from "#app/domain/user-error.ts";
import { checkDeliveryChoice, deliveryRuleSnapshot, type DeliveryOption } from "#app/domain/delivery.ts";
import type { DeliveryCarrier } from "../delivery/carrier-port.server.ts";
import { deliveryChoices, parcelOf } from "../delivery/options.server.ts";

/** A card session lives this long; an unpaid card order gives its stock back when it ends. */
export const CARD_SESSION_MINUTES = 30;
/** The margin added when asking for the session (Stripe's clock may run ahead of ours). */
export const CARD_SESSION_MARGIN_MINUTES = 5;
/** The longest a card session of ours stays open. */
export const CARD_SESSION_MINUTES_MAX = CARD_SESSION_MINUTES + CARD_SESSION_MARGIN_MINUTES;

export type PlacedOrder = {
  groupCode: string;
  /** Where to send the buyer to pay by card, when some orders are paid by card. */
  cardPaymentUrl: string | null;
  /** Card orders were cancelled because the payment could not be set up (the others stand). */
  cardFailed: boolean;
};

type Context = {
  owner: CartOwner;
  buyerId: string | null;
  locale: string;
  siteUrl: string;
  cardPayments: CardPayments | null;
  /** The delivery company, when the marketplace has one set up (GHN_TOKEN). */
  carrier?: DeliveryCarrier | null;
  now?: Date;
};

/** Takes one cart line's quantity off the shelf; `count` is 0 when it could not (sold out, changed). */
export function reserveStock(tx: Tx, line: { productId: string; priceVnd: number; quantityMilli: number }) {
  // The whole guard is in the WHERE: still for sale, enough left, same price as shown.
  return tx.product.updateMany({
    where: {
      id: line.productId,
      status: "active",
      priceVnd: line.priceVnd,
      stockMilli: { gte: line.quantityMilli },
    },
    data: { stockMilli: { decrement: line.quantityMilli } },
  });
}

export async function placeOrder(input: CheckoutInput, ctx: Context): Promise<PlacedOrder> {
  const db = getDb();
  const now = ctx.now ?? new Date();
  const commune = await db.commune.findUnique({
    where: { slug: input.communeSlug },
    select: { id: true, name: true },
  });
  if (!commune) throw new UserError("checkout.error.commune", {}, 409);

  const cart = await getCartView(ctx.owner);
  if (cart.lines.length === 0) throw new UserError("checkout.error.empty", {}, 409);
  if (cart.problems.length > 0) {
    // Stock that ran out since the checkout page was shown is the common case (another buyer took
    // the last unit): name the product rather than a vague "your cart changed".
    const short = cart.problems.find((p) => p.kind === "notEnoughStock");
    if (short)
      throw new UserError("checkout.error.soldOut", { product: short.name, productId: short.productId }, 409);
    throw new UserError("checkout.error.changed", {}, 409);
  }
  const current = cartFingerprint(
    cart.lines.map((l) => ({ productId: l.productId, quantityMilli: l.quantityMilli, priceVnd: l.priceVnd })),
  );
  if (input.fingerprint !== current) throw new UserError("checkout.error.changed", {}, 409);

  const methodBySeller = new Map<string, PaymentMethod>();
  for (const group of cart.groups) {
    const method = input.pay[group.seller.id];
    if (!method || !methodsFor(group.seller, ctx.cardPayments !== null).includes(method)) {
      throw new UserError("checkout.error.payment", { shop: group.seller.displayName }, 409);
    }
    methodBySeller.set(group.seller.id, method);
  }

  // Delivery is recomputed here, not taken from the form: the form only says which choice, and the
  // fee it showed, so a tampered fee, a closed point or a zone removed since the page loaded is caught.
  const delivery = await deliveryChoices(cart.groups.map(parcelOf), input.communeSlug, {
    carrier: ctx.carrier ?? null,
    now,
  });
  const shipBySeller = new Map<string, DeliveryOption>();
  for (const group of cart.groups) {
    const choice = input.ship[group.seller.id];
    const shop = group.seller.displayName;
    if (!choice) throw new UserError("checkout.error.delivery", { shop }, 409);
    const check = checkDeliveryChoice(delivery.get(group.seller.id)?.options ?? [], choice);
    if (!check.ok) throw new UserError(check.reason, { shop }, 409);
    shipBySeller.set(group.seller.id, check.option);
  }
  const feesVnd = [...shipBySeller.values()].reduce((sum, o) => sum + o.feeVnd, 0);

  const groupCode = newOrderGroupCode((n) => crypto.randomBytes(n));
  const siteUrl = ctx.siteUrl;
  const placed = await db.$transaction(
    async (tx) => {
      for (const line of cart.lines) {
        const reserved = await reserveStock(tx, line);
        if (reserved.count !== 1) {
          const now = await tx.product.findUnique({
            where: { id: line.productId },
            select: { priceVnd: true, status: true, stockMilli: true },
          });
          if (now && now.status === "active" && now.priceVnd === line.priceVnd) {
            throw new UserError(
              "checkout.error.soldOut",
              {
                product: line.name,
                productId: line.productId,
              },
              409,
            );
          }
          throw new UserError("checkout.error.changed", {}, 409);
        }
      }
      const group = await tx.orderGroup.create({
        data: {
          code: groupCode,
          buyerId: ctx.buyerId,
          buyerName: input.buyerName,
          buyerPhone: input.buyerPhone,
          buyerEmail: input.buyerEmail ?? null,
          communeId: commune.id,
          addressLine: input.addressLine,
          note: input.note,
          locale: isLocale(ctx.locale) ? ctx.locale : "vi",
          totalVnd: cart.totalVnd + feesVnd,
          createdAt: now,
          orders: {
            create: cart.groups.map((g, index) => {
              const ship = shipBySeller.get(g.seller.id)!;
              return {
                code: orderCodeOf(groupCode, index),
                sellerId: g.seller.id,
                paymentMethod: methodBySeller.get(g.seller.id)!,
                subtotalVnd: g.subtotalVnd,
                deliveryMethod: ship.kind === "zone" ? "seller" : ship.kind,
                deliveryFeeVnd: ship.feeVnd,
                deliveryRule: deliveryRuleSnapshot(ship, delivery.get(g.seller.id)!.zones),
                pickupPointId: ship.kind === "pickup" ? ship.pointId : null,
                pickupOn: ship.kind === "pickup" ? ship.pickupOn : null,
                createdAt: now,
                items: {
                  create: g.lines.map((l) => ({
                    productId: l.productId,
                    productName: l.name,
                    unit: l.unit,
                    quantityMilli: l.quantityMilli,
                    unitPriceVnd: l.priceVnd,
                    lineTotalVnd: lineTotalVnd(l.priceVnd, l.quantityMilli),
                  })),
                },
              };
            }),
          },
        },
        select: { id: true },
      });
      await tx.cartItem.deleteMany({
        where: { cartId: cart.cartId, productId: { in: cart.lines.map((l) => l.productId) } },
      });
      await enqueueIndexing(
        tx,
        cart.lines.map((l) => l.productId),
      );
      await notifyOnPlacement(tx, groupCode, siteUrl);
      await recordAudit(tx, {
        actorId: ctx.buyerId,
        action: "order.place",
        entityType: "OrderGroup",
        entityId: group.id,
        after: { code: groupCode, totalVnd: cart.totalVnd + feesVnd, feesVnd, sellers: cart.groups.length },
      });
      return group;
    },
    // Many buyers may queue for the same rows at a market-day rush; wait rather than fail.
    { maxWait: 20_000, timeout: 20_000 },
  );

  const cardOrders = cart.groups.filter((g) => methodBySeller.get(g.seller.id) === "card");
  if (cardOrders.length === 0 || !ctx.cardPayments) {
    return { groupCode, cardPaymentUrl: null, cardFailed: false };
  }
  try {
    const session = await ctx.cardPayments.createSession({
      reference: groupCode,
      lines: cardOrders.map((g) => ({
        name: `${orderCodeOf(groupCode, cart.groups.indexOf(g))} — ${g.seller.displayName}`,
        amountVnd: g.subtotalVnd + shipBySeller.get(g.seller.id)!.feeVnd,
      })),
      buyerEmail: input.buyerEmail,
      successUrl: `${orderGroupUrl(siteUrl, groupCode)}?the=xong`,
      cancelUrl: `${orderGroupUrl(siteUrl, groupCode)}?the=huy`,
      // Stripe counts its 30-minute minimum from its own clock when the request arrives (and the SDK's
      // retry resends the same value), so leave a margin for latency and clock skew.
      expiresAt: new Date(Date.now() + CARD_SESSION_MINUTES_MAX * 60_000),
      metadata: { groupId: placed.id, groupCode },
      idempotencyKey: `checkout-${placed.id}`,
    });
    await db.cardPaymentSession.create({
      data: {
        groupId: placed.id,
        providerSessionId: session.id,
        url: session.url,
        amountVnd: session.amountVnd,
      },
    });
    return { groupCode, cardPaymentUrl: session.url, cardFailed: false };
  } catch (error) {
    if (!(error instanceof CardPaymentError)) throw error;
    console.warn(`Card payment could not be set up for ${groupCode}: ${error.message}`);
    await cancelUnpaidCardOrders(placed.id, "payment_setup_failed", siteUrl);
    return { groupCode, cardPaymentUrl: null, cardFailed: true };
  }
}

/** The seller hears about a COD or bank-transfer order now; about a card order once it is paid. */
async function notifyOnPlacement(tx: Tx, groupCode: string, siteUrl: string) {
  const orders = await tx.order.findMany({
    where: { group: { code: groupCode } },
    select: {
      id: true,
      paymentMethod: true,
      seller: { select: { email: true, owner: { select: { email: true } } } },
    },
    orderBy: { code: "asc" },
  });
  const full = [];
  for (const o of orders) {
    const order = (await loadOrderForChange(tx, { id: o.id }))!;
    full.push(order);
    const to = o.seller.email ?? o.seller.owner?.email;
    if (to && o.paymentMethod !== "card") {
      await enqueueMail(
        tx,
        newOrderMailForSeller(
          to,
          mailGroupOf(order.group),
          mailOrderOf(order),
          shopOrderUrl(siteUrl, order.code),
        ),
      );
    }
  }
  const group = full[0]!.group;
  const mail = orderPlacedMailForBuyer(
    mailGroupOf(group),
    full.map((o) => mailOrderOf(o)),
    orderGroupUrl(siteUrl, groupCode),
    `${siteUrl}/tra-cuu-don-hang`,
  );
  if (mail) await enqueueMail(tx, mail);
}

/** Sends the seller the "new order" email for a card order whose payment just cleared. */
export async function notifySellerOfPaidOrder(tx: Tx, orderId: string, siteUrl: string) {
  const order = (await loadOrderForChange(tx, { id: orderId }))!;
  const seller = await tx.seller.findUnique({
    where: { id: order.sellerId },
    select: { email: true, owner: { select: { email: true } } },
  });
  const to = seller?.email ?? seller?.owner?.email;
  if (to) {
    await enqueueMail(
      tx,
      newOrderMailForSeller(
        to,
        mailGroupOf(order.group),
        mailOrderOf(order),
        shopOrderUrl(siteUrl, order.code),
      ),
    );
  }
}

/** Cancels the group's unpaid card orders and puts their stock back (payment expired or failed). */
export async function cancelUnpaidCardOrders(groupId: string, reason: string, siteUrl: string) {
  await getDb().$transaction((tx) => cancelUnpaidCardOrdersInTx(tx, groupId, reason, siteUrl));
}

/** cancelUnpaidCardOrders, inside the caller's transaction (puts the stock back, once). */
export async function cancelUnpaidCardOrdersInTx(tx: Tx, groupId: string, reason: string, siteUrl: string) {
  const orders = await tx.order.findMany({
    where: { groupId, paymentMethod: "card", paymentStatus: "unpaid", status: "placed" },
    select: { id: true },
  });
  for (const { id } of orders) await applySystemChangeInTx(tx, id, { type: "cancel", reason }, siteUrl);
}
