// Card orders end to end against the Stripe fake and a real database: checkout opens a session and
// reserves stock; only a signed webhook marks the order paid (and only then tells the seller); a
// duplicate or forged event changes nothing; an expired session gives the stock back, unless it was
// paid first; a Stripe outage at checkout cancels the card order and keeps the others.
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { addToCart, getCartView } from "#app/services/orders/cart.server.ts";
import {
  abandonCardPayment,
  handleCardWebhook,
  settleStaleCardSessions,
} from "#app/services/orders/card-webhooks.server.ts";
import { placeOrder } from "#app/services/orders/checkout.server.ts";
import { getDb } from "#app/services/platform/db.server.ts";
import { readCapturedMail } from "#app/services/messaging/mail/capture.server.ts";
import { actOnOrder } from "#app/services/orders/orders.server.ts";
import { outboxHandlers } from "#app/services/platform/outbox-handlers.server.ts";
import { drainOutbox } from "#app/services/platform/outbox.server.ts";
import { InvalidWebhookError } from "#app/services/payments/card-port.server.ts";
import { StripeCardPayments } from "#app/services/payments/stripe.server.ts";
import { getUser } from "#app/services/identity/auth.server.ts";
import { checkoutInput, createProduct, createShop, ensurePlaces } from "#tests/fixtures/shops.ts";
import { type FakeEvent, type StripeFake, startStripeFake } from "#tests/fakes/stripe-fake.ts";
import { createUser, signedInRequest } from "#tests/helpers.ts";

const siteUrl = "http://localhost";
const webhookSecret = "whsec_cho_phien_card_webhooks";
let fake: StripeFake;
let payments: StripeCardPayments;

beforeAll(async () => {
  await ensurePlaces();
  fake = await startStripeFake({ webhookSecret });
  payments = new StripeCardPayments({
    secretKey: "sk_test_cho_phien_card_webhooks",
    webhookSecret,
    apiBase: fake.url,
    maxNetworkRetries: 0,
  });
});
afterEach(() => fake.setFailure(null));
afterAll(() => fake.close());

type Method = "cod" | "bank_transfer" | "card";

/** A guest checkout of these lines, one shop each, with the given payment methods. */
async function checkout(
  lines: { shopId: string; productId: string; quantityMilli: number; method: Method }[],
) {
  let cartId: string | null = null;
  for (const line of lines) {
    cartId = (await addToCart({ userId: null, guestCartId: cartId }, line.productId, line.quantityMilli))
      .cartId;
  }
  const owner = { userId: null, guestCartId: cartId };
  const cart = await getCartView(owner);
  const pay = Object.fromEntries(lines.map((l) => [l.shopId, l.method]));
  return placeOrder(checkoutInput(cart, pay), {
    owner,
    buyerId: null,
    locale: "vi",
    siteUrl,
    cardPayments: payments,
  });
}

/** A shop with its own email, a product of 10 kg, and one card order of 2 kg from it. */
async function placeCardOrder() {
  const owner = await createUser(["seller"]);
  const shop = await createShop({ ownerId: owner.id });
  const product = await createProduct(shop.id, { priceVnd: 65_000, stockMilli: 10_000, stepMilli: 500 });
  const placed = await checkout([
    { shopId: shop.id, productId: product.id, quantityMilli: 2_000, method: "card" },
  ]);
  const session = await getDb().cardPaymentSession.findFirstOrThrow({
    where: { group: { code: placed.groupCode } },
  });
  return { owner, shop, product, placed, session, orderCode: `${placed.groupCode}-1` };
}

/** What the webhook route does: verify the signed body, then handle the event. */
async function receive(event: FakeEvent, sign: { secret?: string; timestamp?: number } = {}) {
  const { payload, header } = fake.signedEvent(event, sign);
  return handleCardWebhook("stripe", await payments.parseWebhook(payload, header), siteUrl);
}

const orderRow = (code: string) => getDb().order.findUniqueOrThrow({ where: { code } });
const stockOf = async (id: string) =>
  (await getDb().product.findUniqueOrThrow({ where: { id }, select: { stockMilli: true } })).stockMilli;

async function sellerMail(email: string) {
  await drainOutbox(getDb(), outboxHandlers);
  return readCapturedMail(process.env.MAIL_CAPTURE_DIR!, { to: email, tag: "order.placed.seller" });
}

/** Everything a webhook could change, to compare before and after. */
async function snapshot(groupCode: string) {
  const db = getDb();
  const group = await db.orderGroup.findUniqueOrThrow({
    where: { code: groupCode },
    include: { orders: { include: { items: true } }, cardSessions: true },
  });
  const productIds = group.orders.flatMap((o) => o.items.map((i) => i.productId!));
  return {
    group,
    stock: await db.product.findMany({
      where: { id: { in: productIds } },
      select: { id: true, stockMilli: true },
    }),
    outbox: await db.outboxMessage.count(),
    audit: await db.auditLog.count(),
    processed: await db.processedWebhookEvent.count(),
  };
}

describe("checkout with a card", () => {
  it("opens a session for the card order and reserves its stock, unpaid, without telling the seller", async () => {
    const { shop, product, placed, session, orderCode } = await placeCardOrder();
    expect(placed.cardFailed).toBe(false);
    expect(placed.cardPaymentUrl).toBe(`${fake.url}/pay/${session.providerSessionId}`);
    expect(session).toMatchObject({ status: "open", amountVnd: 130_000, url: placed.cardPaymentUrl });
    expect(await orderRow(orderCode)).toMatchObject({
      status: "placed",
      paymentMethod: "card",
      paymentStatus: "unpaid",
    });
    expect(await stockOf(product.id)).toBe(8_000);
    expect(fake.sessions.get(session.providerSessionId)).toMatchObject({
      amount_total: 130_000,
      client_reference_id: placed.groupCode,
      metadata: { groupCode: placed.groupCode },
    });
    expect(await sellerMail(shop.email!)).toEqual([]);
  });

  it("keeps the seller from confirming before the payment has gone through", async () => {
    const { owner, orderCode } = await placeCardOrder();
    const user = (await getUser(await signedInRequest(owner.id)))!;
    await expect(actOnOrder(user, orderCode, { type: "confirm" }, { siteUrl })).rejects.toMatchObject({
      messageKey: "order.refuse.cardUnpaid",
    });
    await expect(actOnOrder(user, orderCode, { type: "mark_paid" }, { siteUrl })).rejects.toMatchObject({
      messageKey: "order.refuse.cardPaidByProvider",
    });
  });
});

describe("the payment webhook", () => {
  it("marks the order paid when the session completes, and only then emails the seller", async () => {
    const { owner, shop, product, session, orderCode } = await placeCardOrder();
    const completed = await fake.completeSession(session.providerSessionId, { deliver: false });

    expect(await receive(completed)).toBe("processed");

    const order = await orderRow(orderCode);
    expect(order).toMatchObject({ status: "placed", paymentStatus: "paid", paymentConfirmedById: null });
    expect(order.paidAt).toBeInstanceOf(Date);
    expect(await getDb().cardPaymentSession.findUniqueOrThrow({ where: { id: session.id } })).toMatchObject({
      status: "complete",
    });
    expect(await stockOf(product.id)).toBe(8_000);
    const mails = await sellerMail(shop.email!);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toContain(orderCode);
    expect(
      await getDb().auditLog.findFirst({ where: { action: "order.mark_paid", entityId: order.id } }),
    ).toMatchObject({ actorId: null, after: { paymentStatus: "paid", actor: "system" } });
    // Now the seller may confirm.
    const user = (await getUser(await signedInRequest(owner.id)))!;
    await actOnOrder(user, orderCode, { type: "confirm" }, { siteUrl });
    expect((await orderRow(orderCode)).status).toBe("confirmed");
  });

  it("treats the same event delivered twice as a duplicate that changes nothing", async () => {
    const { shop, placed, session } = await placeCardOrder();
    const completed = await fake.completeSession(session.providerSessionId, { deliver: false });
    expect(await receive(completed)).toBe("processed");
    await drainOutbox(getDb(), outboxHandlers);
    const before = await snapshot(placed.groupCode);

    expect(await receive(completed)).toBe("duplicate");
    expect(await snapshot(placed.groupCode)).toEqual(before);
    expect(await sellerMail(shop.email!)).toHaveLength(1);
  });

  it("rejects a forged, tampered or stale signature before anything is read", async () => {
    const { placed, session } = await placeCardOrder();
    const completed = await fake.completeSession(session.providerSessionId, { deliver: false });
    const before = await snapshot(placed.groupCode);

    const forged = fake.signedEvent(completed, { secret: "whsec_someone_else" });
    await expect(payments.parseWebhook(forged.payload, forged.header)).rejects.toBeInstanceOf(
      InvalidWebhookError,
    );
    const genuine = fake.signedEvent(completed);
    const tampered = genuine.payload.replace('"amount_total": 130000', '"amount_total": 1');
    expect(tampered).not.toBe(genuine.payload);
    await expect(payments.parseWebhook(tampered, genuine.header)).rejects.toBeInstanceOf(InvalidWebhookError);
    const stale = fake.signedEvent(completed, { timestamp: Math.floor(Date.now() / 1000) - 600 });
    await expect(payments.parseWebhook(stale.payload, stale.header)).rejects.toBeInstanceOf(
      InvalidWebhookError,
    );
    await expect(payments.parseWebhook(genuine.payload, null)).rejects.toBeInstanceOf(InvalidWebhookError);

    expect(await snapshot(placed.groupCode)).toEqual(before);
  });

  it("cancels the order and releases the stock when the session expires unpaid", async () => {
    const { product, placed, session, orderCode } = await placeCardOrder();
    const expired = await fake.expireNow(session.providerSessionId, { deliver: false });

    expect(await receive(expired)).toBe("processed");

    const order = await orderRow(orderCode);
    expect(order).toMatchObject({
      status: "cancelled",
      paymentStatus: "unpaid",
      cancelledBy: "payment_expired",
    });
    expect(order.stockReleasedAt).toBeInstanceOf(Date);
    expect(await stockOf(product.id)).toBe(10_000);
    expect(await getDb().cardPaymentSession.findUniqueOrThrow({ where: { id: session.id } })).toMatchObject({
      status: "expired",
    });
    await drainOutbox(getDb(), outboxHandlers);
    const toBuyer = await readCapturedMail(process.env.MAIL_CAPTURE_DIR!, { tag: "order.cancelled.buyer" });
    expect(toBuyer.filter((m) => m.subject.includes(orderCode))).toHaveLength(1);

    // Delivered again: nothing more comes back.
    expect(await receive(expired)).toBe("duplicate");
    expect(await stockOf(product.id)).toBe(10_000);
    expect(await getDb().auditLog.count({ where: { action: "order.cancel", entityId: order.id } })).toBe(1);
    expect(await getOrderStatuses(placed.groupCode)).toEqual([["cancelled", "unpaid"]]);
  });

  it("ignores an expiry that arrives after the payment: the order stays paid", async () => {
    const { product, session, orderCode } = await placeCardOrder();
    const completed = await fake.completeSession(session.providerSessionId, { deliver: false });
    // A late event about the same session, as if Stripe had expired it in the meantime.
    const late = fake.event("checkout.session.expired", session.providerSessionId);
    late.data.object = {
      ...(late.data.object as object),
      status: "expired",
      payment_status: "unpaid",
      url: null,
    };

    expect(await receive(completed)).toBe("processed");
    expect(await receive(late)).toBe("ignored");

    expect(await orderRow(orderCode)).toMatchObject({
      status: "placed",
      paymentStatus: "paid",
      cancelledBy: null,
    });
    expect(await stockOf(product.id)).toBe(8_000);
    expect(await getDb().cardPaymentSession.findUniqueOrThrow({ where: { id: session.id } })).toMatchObject({
      status: "complete",
    });
  });

  it("waits for async_payment_succeeded when a completed session is not yet paid", async () => {
    const { shop, session, orderCode } = await placeCardOrder();
    const pending = fake.event("checkout.session.completed", session.providerSessionId);
    pending.data.object = {
      ...(pending.data.object as object),
      status: "complete",
      payment_status: "unpaid",
    };
    expect(await receive(pending)).toBe("ignored");
    expect((await orderRow(orderCode)).paymentStatus).toBe("unpaid");

    const completed = await fake.completeSession(session.providerSessionId, { deliver: false });
    expect(await receive({ ...completed, type: "checkout.session.async_payment_succeeded" })).toBe(
      "processed",
    );
    expect((await orderRow(orderCode)).paymentStatus).toBe("paid");
    expect(await sellerMail(shop.email!)).toHaveLength(1);
  });

  it("ignores a session this marketplace did not create, and events of other types", async () => {
    const stranger = await payments.createSession({
      reference: "CP-OTHER",
      lines: [{ name: "Không phải của chợ", amountVnd: 50_000 }],
      successUrl: "https://example.com/ok",
      cancelUrl: "https://example.com/huy",
      expiresAt: new Date(Date.now() + 60 * 60_000),
      metadata: {},
      idempotencyKey: `stranger-${Date.now()}`,
    });
    const before = await getDb().order.findMany({ orderBy: { id: "asc" } });
    expect(await receive(await fake.completeSession(stranger.id, { deliver: false }))).toBe("ignored");
    expect(
      await receive({ ...fake.event("checkout.session.completed", stranger.id), type: "charge.refunded" }),
    ).toBe("ignored");
    expect(await getDb().order.findMany({ orderBy: { id: "asc" } })).toEqual(before);
  });

  it("does not tell the seller to prepare an order they cancelled before the buyer paid", async () => {
    const { owner, shop, product, session, orderCode } = await placeCardOrder();
    const user = (await getUser(await signedInRequest(owner.id)))!;
    await actOnOrder(user, orderCode, { type: "cancel", reason: "Hết hàng" }, { siteUrl });
    expect(await stockOf(product.id)).toBe(10_000);

    // The buyer still had the payment page open and paid.
    expect(await receive(await fake.completeSession(session.providerSessionId, { deliver: false }))).toBe(
      "processed",
    );
    // The money is recorded so that it can be refunded; the order stays cancelled, the stock stays back.
    expect(await orderRow(orderCode)).toMatchObject({ status: "cancelled", paymentStatus: "paid" });
    expect(await stockOf(product.id)).toBe(10_000);
    expect(await sellerMail(shop.email!)).toEqual([]);
  });

  it("keeps an expiry it could not apply for Stripe's retry, instead of marking it done", async () => {
    const { product, placed, session, orderCode } = await placeCardOrder();
    const expired = await fake.expireNow(session.providerSessionId, { deliver: false });
    // Something fails while cancelling (here: the buyer's email can no longer be written to the outbox).
    const group = await getDb().orderGroup.update({
      where: { code: placed.groupCode },
      data: { buyerEmail: "not-an-email" },
    });

    await expect(receive(expired)).rejects.toThrow();
    expect(await getDb().processedWebhookEvent.count({ where: { eventId: expired.id } })).toBe(0);
    expect((await orderRow(orderCode)).status).toBe("placed");

    // The fault is gone; Stripe delivers the event again, and this time it is applied.
    await getDb().orderGroup.update({ where: { id: group.id }, data: { buyerEmail: "mua@example.vn" } });
    expect(await receive(expired)).toBe("processed");
    expect(await orderRow(orderCode)).toMatchObject({ status: "cancelled", cancelledBy: "payment_expired" });
    expect(await stockOf(product.id)).toBe(10_000);
  });
});

describe("sessions whose webhook never came", () => {
  // As the background worker would, well after the session must have ended at the provider.
  const later = (created: Date) => new Date(created.getTime() + 60 * 60 * 1000);

  it("cancels the order and returns the stock of a session the provider expired", async () => {
    const { product, session, orderCode } = await placeCardOrder();
    await fake.expireNow(session.providerSessionId, { deliver: false });

    // Other tests' sessions in this database may be settled in the same sweep.
    const sweep = await settleStaleCardSessions(payments, { siteUrl, now: later(session.createdAt) });
    expect(sweep.settled).toBeGreaterThanOrEqual(1);

    expect(await orderRow(orderCode)).toMatchObject({ status: "cancelled", cancelledBy: "payment_expired" });
    expect(await stockOf(product.id)).toBe(10_000);
  });

  it("marks paid a session the provider completed, once, and a late webhook changes nothing more", async () => {
    const { shop, session, orderCode } = await placeCardOrder();
    const completed = await fake.completeSession(session.providerSessionId, { deliver: false });

    const now = later(session.createdAt);
    expect((await settleStaleCardSessions(payments, { siteUrl, now })).settled).toBeGreaterThanOrEqual(1);
    // Settled sessions are not asked about again.
    expect((await settleStaleCardSessions(payments, { siteUrl, now })).settled).toBe(0);
    expect(await receive(completed)).toBe("processed");

    expect(await orderRow(orderCode)).toMatchObject({ status: "placed", paymentStatus: "paid" });
    await drainOutbox(getDb(), outboxHandlers);
    const toSeller = await readCapturedMail(process.env.MAIL_CAPTURE_DIR!, { to: shop.email! });
    expect(toSeller.filter((m) => m.subject.includes(orderCode))).toHaveLength(1);
  });

  it("leaves alone a session that is young, or still open at the provider", async () => {
    const { session, orderCode } = await placeCardOrder();
    expect(await settleStaleCardSessions(payments, { siteUrl, now: session.createdAt })).toEqual({
      checked: 0,
      settled: 0,
    });
    expect(await settleStaleCardSessions(payments, { siteUrl, now: later(session.createdAt) })).toMatchObject(
      {
        settled: 0,
      },
    );
    expect(await orderRow(orderCode)).toMatchObject({ status: "placed", paymentStatus: "unpaid" });
  });
});

describe("abandoning the card payment", () => {
  it("expires the session at Stripe, cancels the order and releases the stock", async () => {
    const { product, placed, session, orderCode } = await placeCardOrder();

    expect(await abandonCardPayment(payments, placed.groupCode, siteUrl)).toBe("cancelled");

    expect(fake.sessions.get(session.providerSessionId)?.status).toBe("expired");
    expect(await orderRow(orderCode)).toMatchObject({ status: "cancelled", cancelledBy: "payment_expired" });
    expect(await stockOf(product.id)).toBe(10_000);
    expect(await abandonCardPayment(payments, placed.groupCode, siteUrl)).toBe("nothing_open");
    expect(await stockOf(product.id)).toBe(10_000);
  });

  it("cancels nothing when the buyer had paid after all; the webhook then marks it paid", async () => {
    const { product, placed, session, orderCode } = await placeCardOrder();
    const completed = await fake.completeSession(session.providerSessionId, { deliver: false });

    expect(await abandonCardPayment(payments, placed.groupCode, siteUrl)).toBe("already_paid");
    expect(await orderRow(orderCode)).toMatchObject({ status: "placed", paymentStatus: "unpaid" });
    expect(await stockOf(product.id)).toBe(8_000);

    expect(await receive(completed)).toBe("processed");
    expect((await orderRow(orderCode)).paymentStatus).toBe("paid");
  });
});

describe("a slow Stripe at checkout", () => {
  // Stripe refuses expires_at less than 30 minutes after ITS clock at creation: checkout leaves a
  // margin, so a second boundary crossed in transit does not turn a healthy card checkout into cardFailed.
  it("still opens the session when Stripe takes over a second to answer", async () => {
    const shop = await createShop();
    const product = await createProduct(shop.id);
    const slow = Object.create(payments) as StripeCardPayments;
    slow.createSession = async (input) => {
      await new Promise((resolve) => setTimeout(resolve, 1_100));
      return payments.createSession(input);
    };
    const cartId = (await addToCart({ userId: null, guestCartId: null }, product.id, 1_000)).cartId;
    const owner = { userId: null, guestCartId: cartId };
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    try {
      const placed = await placeOrder(checkoutInput(await getCartView(owner), { [shop.id]: "card" }), {
        owner,
        buyerId: null,
        locale: "vi",
        siteUrl,
        cardPayments: slow,
      });
      expect(placed.cardFailed).toBe(false);
    } finally {
      warn.mockRestore();
    }
  });
});

describe("a Stripe outage at checkout", () => {
  it("cancels the card order and returns its stock; the cash order from another seller stands", async () => {
    const cashShop = await createShop({ name: "Vườn Bà Tư" });
    const cardShop = await createShop({ name: "HTX Khánh Sơn" });
    const mango = await createProduct(cashShop.id, { stockMilli: 10_000 });
    const coffee = await createProduct(cardShop.id, { stockMilli: 10_000 });
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    fake.setFailure("500");

    const placed = await checkout([
      { shopId: cashShop.id, productId: mango.id, quantityMilli: 1_000, method: "cod" },
      { shopId: cardShop.id, productId: coffee.id, quantityMilli: 3_000, method: "card" },
    ]);

    expect(placed).toEqual({ groupCode: placed.groupCode, cardPaymentUrl: null, cardFailed: true });
    expect(warn).toHaveBeenCalledWith(expect.stringContaining(placed.groupCode));
    warn.mockRestore();
    const statuses = await getDb().order.findMany({
      where: { group: { code: placed.groupCode } },
      select: { sellerId: true, status: true, cancelledBy: true, paymentMethod: true },
    });
    expect(statuses).toEqual(
      expect.arrayContaining([
        { sellerId: cashShop.id, status: "placed", cancelledBy: null, paymentMethod: "cod" },
        { sellerId: cardShop.id, status: "cancelled", cancelledBy: "payment_expired", paymentMethod: "card" },
      ]),
    );
    expect(await stockOf(mango.id)).toBe(9_000);
    expect(await stockOf(coffee.id)).toBe(10_000);
    expect(await getDb().cardPaymentSession.count({ where: { group: { code: placed.groupCode } } })).toBe(0);
    // The cash order's seller still hears about it; the card order's does not.
    expect(await sellerMail(cashShop.email!)).toHaveLength(1);
    expect(await sellerMail(cardShop.email!)).toEqual([]);
  });
});

async function getOrderStatuses(groupCode: string) {
  const orders = await getDb().order.findMany({
    where: { group: { code: groupCode } },
    select: { status: true, paymentStatus: true },
    orderBy: { code: "asc" },
  });
  return orders.map((o) => [o.status, o.paymentStatus]);
}
