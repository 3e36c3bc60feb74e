// Acting on orders after checkout, against a real database: who may move an order (owner, the
// onboarding volunteer until revoked, admin, the buyer), what a move writes (status, stock back once,
// an audit row, an email to the buyer), and what a refused move leaves untouched.
import crypto from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import type { OrderAction } from "#app/domain/orders.ts";
import { getUser } from "#app/services/identity/auth.server.ts";
import { addToCart, getCartView } from "#app/services/orders/cart.server.ts";
import { placeOrder } from "#app/services/orders/checkout.server.ts";
import { getDb } from "#app/services/platform/db.server.ts";
import { readCapturedMail } from "#app/services/messaging/mail/capture.server.ts";
import {
  actOnOrder,
  cancelAsGuestBuyer,
  findGroupByCodeAndPhone,
  getOrderGroup,
} from "#app/services/orders/orders.server.ts";
import { outboxHandlers } from "#app/services/platform/outbox-handlers.server.ts";
import { drainOutbox } from "#app/services/platform/outbox.server.ts";
import { checkoutInput, createProduct, createShop, ensurePlaces } from "#tests/fixtures/shops.ts";
import { createUser, signedInRequest } from "#tests/helpers.ts";
import { UserError } from "#app/domain/user-error.ts";

const siteUrl = "http://localhost";
const BUYER_PHONE = "+84912345678";

type Method = "cod" | "bank_transfer" | "card";

/**
 * One order for this shop, placed by a guest (or by `buyerId`, signed in), with a buyer email of its
 * own so the test can read exactly its mail. Returns the order's code and the buyer's email.
 */
async function placeSingleOrder(
  shopId: string,
  productId: string,
  { quantityMilli = 2_000, method = "cod" as Method, buyerId = null as string | null } = {},
) {
  const buyerEmail = `mua-${crypto.randomBytes(4).toString("hex")}@example.vn`;
  const added = await addToCart({ userId: buyerId, guestCartId: null }, productId, quantityMilli);
  const owner = { userId: buyerId, guestCartId: buyerId ? null : added.cartId };
  const cart = await getCartView(owner);
  const placed = await placeOrder(checkoutInput(cart, { [shopId]: method }, { buyerEmail }), {
    owner,
    buyerId,
    locale: "vi",
    siteUrl,
    cardPayments: null,
  });
  return { groupCode: placed.groupCode, orderCode: `${placed.groupCode}-1`, buyerEmail };
}

/** A seller (owner) with a shop and a product in stock. */
async function sellerWithShop(options: { acceptsBankTransfer?: boolean } = {}) {
  const owner = await createUser(["seller"]);
  const shop = await createShop({ ownerId: owner.id, ...options });
  const product = await createProduct(shop.id, { stockMilli: 10_000, stepMilli: 500 });
  return { owner, shop, product };
}

async function currentUser(userId: string) {
  const user = await getUser(await signedInRequest(userId));
  if (!user) throw new Error("no session");
  return user;
}

const act = async (userId: string, orderCode: string, action: OrderAction) =>
  actOnOrder(await currentUser(userId), orderCode, action, { siteUrl });

const orderRow = (code: string) => getDb().order.findUniqueOrThrow({ where: { code } });
const stockOf = async (id: string) =>
  (await getDb().product.findUniqueOrThrow({ where: { id }, select: { stockMilli: true } })).stockMilli;
const auditRows = (orderId: string) =>
  getDb().auditLog.findMany({
    where: { entityType: "Order", entityId: orderId },
    orderBy: { createdAt: "asc" },
  });

/** The promise rejects with a thrown Response of this status. */
async function expectResponse(promise: Promise<unknown>, status: number) {
  const thrown = await promise.then(
    () => undefined,
    (error: unknown) => error,
  );
  expect(thrown).toBeInstanceOf(Response);
  expect((thrown as Response).status).toBe(status);
}

async function expectRefusal(promise: Promise<unknown>, refusal: string) {
  const thrown = await promise.then(
    () => undefined,
    (error: unknown) => error,
  );
  expect(thrown).toBeInstanceOf(UserError);
  expect(thrown).toMatchObject({ messageKey: refusal, status: 409 });
}

async function mailTo(email: string, tag: string) {
  await drainOutbox(getDb(), outboxHandlers);
  return readCapturedMail(process.env.MAIL_CAPTURE_DIR!, { to: email, tag });
}

beforeAll(async () => {
  await ensurePlaces();
});

describe("the shop owner", () => {
  it("confirms, ships with a delivery note, delivers and marks the cash received", async () => {
    const { owner, shop, product } = await sellerWithShop();
    const { orderCode } = await placeSingleOrder(shop.id, product.id);

    expect(await act(owner.id, orderCode, { type: "confirm" })).toEqual({ status: "confirmed" });
    await act(owner.id, orderCode, { type: "ship", deliveryNote: " Giao qua Viettel Post, mã VTP123 " });
    await act(owner.id, orderCode, { type: "deliver" });
    await act(owner.id, orderCode, { type: "mark_paid" });

    const order = await orderRow(orderCode);
    expect(order).toMatchObject({
      status: "delivered",
      paymentStatus: "paid",
      deliveryNote: "Giao qua Viettel Post, mã VTP123",
      paymentConfirmedById: owner.id,
      stockReleasedAt: null,
    });
    for (const at of [order.confirmedAt, order.shippedAt, order.deliveredAt, order.paidAt]) {
      expect(at).toBeInstanceOf(Date);
    }
    expect((await auditRows(order.id)).map((a) => [a.action, a.actorId, a.onBehalfOfSellerId])).toEqual([
      ["order.confirm", owner.id, shop.id],
      ["order.ship", owner.id, shop.id],
      ["order.deliver", owner.id, shop.id],
      ["order.mark_paid", owner.id, shop.id],
    ]);
    expect(await stockOf(product.id)).toBe(8_000);
  });

  it("marks a bank transfer received before confirming", async () => {
    const { owner, shop, product } = await sellerWithShop({ acceptsBankTransfer: true });
    const { orderCode } = await placeSingleOrder(shop.id, product.id, { method: "bank_transfer" });
    await act(owner.id, orderCode, { type: "mark_paid" });
    expect(await orderRow(orderCode)).toMatchObject({ status: "placed", paymentStatus: "paid" });
  });

  it("emails the buyer at each step, with the delivery note when shipped", async () => {
    const { owner, shop, product } = await sellerWithShop();
    const { orderCode, buyerEmail } = await placeSingleOrder(shop.id, product.id);

    await act(owner.id, orderCode, { type: "confirm" });
    const confirmed = await mailTo(buyerEmail, "order.confirmed.buyer");
    expect(confirmed.map((m) => m.subject)).toEqual([`Đơn ${orderCode}: người bán đã xác nhận`]);

    await act(owner.id, orderCode, { type: "ship", deliveryNote: "Giao qua Viettel Post, mã VTP123" });
    const shipped = await mailTo(buyerEmail, "order.shipped.buyer");
    expect(shipped).toHaveLength(1);
    expect(shipped[0]!.subject).toBe(`Đơn ${orderCode}: đang giao`);
    expect(shipped[0]!.text).toContain("Thông tin giao hàng: Giao qua Viettel Post, mã VTP123");
    expect(shipped[0]!.text).toContain(`${siteUrl}/don-hang/${orderCode.split("-")[0]}`);

    await act(owner.id, orderCode, { type: "deliver" });
    await act(owner.id, orderCode, { type: "mark_paid" });
    expect(await mailTo(buyerEmail, "order.delivered.buyer")).toHaveLength(1);
    expect((await mailTo(buyerEmail, "order.paid.buyer")).map((m) => m.subject)).toEqual([
      `Đơn ${orderCode}: đã nhận thanh toán`,
    ]);
    // One mail per change: placed, confirmed, shipped, delivered, paid.
    expect(await readCapturedMail(process.env.MAIL_CAPTURE_DIR!, { to: buyerEmail })).toHaveLength(5);
  });
});

describe("the onboarding volunteer", () => {
  it("acts for the shop until the seller revokes the delegation, then is refused", async () => {
    const volunteer = await createUser(["volunteer"]);
    const owner = await createUser(["seller"]);
    const shop = await createShop({ ownerId: owner.id, onboardedById: volunteer.id });
    const product = await createProduct(shop.id);
    const { orderCode } = await placeSingleOrder(shop.id, product.id);

    await act(volunteer.id, orderCode, { type: "confirm" });
    const order = await orderRow(orderCode);
    expect(order.status).toBe("confirmed");
    const [audit] = await auditRows(order.id);
    expect(audit).toMatchObject({
      action: "order.confirm",
      actorId: volunteer.id,
      onBehalfOfSellerId: shop.id,
    });

    await getDb().seller.update({ where: { id: shop.id }, data: { delegationRevokedAt: new Date() } });
    await expectResponse(act(volunteer.id, orderCode, { type: "ship", deliveryNote: "Tự giao" }), 403);
    expect(await orderRow(orderCode)).toMatchObject({ status: "confirmed", shippedAt: null });
    // The owner is not affected by the revocation.
    await act(owner.id, orderCode, { type: "ship", deliveryNote: "Tự giao" });
    expect((await orderRow(orderCode)).status).toBe("shipped");
  });
});

describe("who may not act", () => {
  it("refuses another seller with 403 and leaves the order as it was", async () => {
    const { shop, product } = await sellerWithShop();
    const other = await sellerWithShop();
    const { orderCode } = await placeSingleOrder(shop.id, product.id);
    const before = await orderRow(orderCode);

    for (const action of [
      { type: "confirm" },
      { type: "cancel", reason: "Không phải đơn của tôi" },
    ] satisfies OrderAction[]) {
      await expectResponse(act(other.owner.id, orderCode, action), 403);
    }
    expect(await orderRow(orderCode)).toEqual(before);
    expect(await stockOf(product.id)).toBe(8_000);
    expect(await auditRows(before.id)).toEqual([]);
  });

  it("refuses a signed-in user who is neither seller nor buyer of the order", async () => {
    const { shop, product } = await sellerWithShop();
    const { orderCode } = await placeSingleOrder(shop.id, product.id);
    const stranger = await createUser(["buyer"]);
    await expectResponse(act(stranger.id, orderCode, { type: "cancel", reason: "" }), 403);
    expect((await orderRow(orderCode)).status).toBe("placed");
  });

  it("answers 404 for an unknown order code", async () => {
    const { owner } = await sellerWithShop();
    await expectResponse(act(owner.id, "CP22222222-1", { type: "confirm" }), 404);
  });
});

describe("illegal moves", () => {
  it("are refused with the reason, and change nothing: no status, no mail, no audit", async () => {
    const { owner, shop, product } = await sellerWithShop();
    const { orderCode, buyerEmail } = await placeSingleOrder(shop.id, product.id);
    await drainOutbox(getDb(), outboxHandlers);
    const before = await orderRow(orderCode);
    const outboxBefore = await getDb().outboxMessage.count();

    await expectRefusal(
      act(owner.id, orderCode, { type: "ship", deliveryNote: "x" }),
      "order.refuse.wrongStatus",
    );
    await expectRefusal(act(owner.id, orderCode, { type: "mark_paid" }), "order.refuse.codBeforeShipping");
    await expectRefusal(
      act(owner.id, orderCode, { type: "cancel", reason: "  " }),
      "order.refuse.reasonRequired",
    );
    await expectRefusal(act(owner.id, orderCode, { type: "refund", reason: "x" }), "order.refuse.notPaid");

    expect(await orderRow(orderCode)).toEqual(before);
    expect(await auditRows(before.id)).toEqual([]);
    expect(await getDb().outboxMessage.count()).toBe(outboxBefore);
    expect(await readCapturedMail(process.env.MAIL_CAPTURE_DIR!, { to: buyerEmail })).toHaveLength(1);
  });
});

describe("cancelling", () => {
  it("puts the stock back exactly once and writes an audit row", async () => {
    const { owner, shop, product } = await sellerWithShop();
    const { orderCode, buyerEmail } = await placeSingleOrder(shop.id, product.id, { quantityMilli: 2_500 });
    expect(await stockOf(product.id)).toBe(7_500);

    await act(owner.id, orderCode, { type: "confirm" });
    await act(owner.id, orderCode, { type: "cancel", reason: "Mưa lớn, không hái được" });
    expect(await stockOf(product.id)).toBe(10_000);
    const order = await orderRow(orderCode);
    expect(order).toMatchObject({
      status: "cancelled",
      cancelReason: "Mưa lớn, không hái được",
      cancelledBy: "seller",
    });
    expect(order.cancelledAt).toBeInstanceOf(Date);
    expect(order.stockReleasedAt).toBeInstanceOf(Date);

    await expectRefusal(
      act(owner.id, orderCode, { type: "cancel", reason: "Lần nữa" }),
      "order.refuse.wrongStatus",
    );
    expect(await stockOf(product.id)).toBe(10_000);

    const cancels = await getDb().auditLog.findMany({
      where: { action: "order.cancel", entityId: order.id },
    });
    expect(cancels).toHaveLength(1);
    expect(cancels[0]).toMatchObject({
      actorId: owner.id,
      onBehalfOfSellerId: shop.id,
      entityType: "Order",
      before: { status: "confirmed", paymentStatus: "unpaid" },
      after: { status: "cancelled", cancelledBy: "seller", releaseStock: true, actor: "seller" },
    });
    const mails = await mailTo(buyerEmail, "order.cancelled.buyer");
    expect(mails).toHaveLength(1);
    expect(mails[0]!.text).toContain("Lý do: Mưa lớn, không hái được");
  });

  it("lets one of two simultaneous cancellations win, and returns the stock once", async () => {
    const { owner, shop, product } = await sellerWithShop();
    const buyer = await createUser(["buyer"]);
    const { orderCode } = await placeSingleOrder(shop.id, product.id, { buyerId: buyer.id });
    const [sellerUser, buyerUser] = [await currentUser(owner.id), await currentUser(buyer.id)];

    const outcomes = await Promise.allSettled([
      actOnOrder(sellerUser, orderCode, { type: "cancel", reason: "Hết hàng" }, { siteUrl }),
      actOnOrder(buyerUser, orderCode, { type: "cancel", reason: "Đặt nhầm" }, { siteUrl }),
    ]);
    expect(outcomes.filter((o) => o.status === "fulfilled")).toHaveLength(1);
    const [refused] = outcomes.flatMap((o) => (o.status === "rejected" ? [o.reason as unknown] : []));
    expect(refused).toBeInstanceOf(UserError);
    expect(await stockOf(product.id)).toBe(10_000);
    const order = await orderRow(orderCode);
    expect(await getDb().auditLog.count({ where: { action: "order.cancel", entityId: order.id } })).toBe(1);
  });

  it("lets the admin cancel a shipped order, with a reason", async () => {
    const { owner, shop, product } = await sellerWithShop();
    const admin = await createUser(["admin"]);
    const { orderCode } = await placeSingleOrder(shop.id, product.id);
    await act(owner.id, orderCode, { type: "confirm" });
    await act(owner.id, orderCode, { type: "ship", deliveryNote: "Xe khách" });
    await expectRefusal(
      act(owner.id, orderCode, { type: "cancel", reason: "Thất lạc" }),
      "order.refuse.wrongStatus",
    );

    await act(admin.id, orderCode, { type: "cancel", reason: "Hàng thất lạc trên xe" });
    expect(await orderRow(orderCode)).toMatchObject({ status: "cancelled", cancelledBy: "admin" });
    expect(await stockOf(product.id)).toBe(10_000);
    const [audit] = await getDb().auditLog.findMany({
      where: { action: "order.cancel", entityId: (await orderRow(orderCode)).id },
    });
    expect(audit).toMatchObject({ actorId: admin.id, onBehalfOfSellerId: null });
  });
});

describe("the buyer", () => {
  it("cancels their own order while it is placed, signed in", async () => {
    const { shop, product } = await sellerWithShop();
    const buyer = await createUser(["buyer"]);
    const { orderCode } = await placeSingleOrder(shop.id, product.id, { buyerId: buyer.id });

    await act(buyer.id, orderCode, { type: "cancel", reason: "Đặt nhầm" });
    expect(await orderRow(orderCode)).toMatchObject({
      status: "cancelled",
      cancelledBy: "buyer",
      cancelReason: "Đặt nhầm",
    });
    expect(await stockOf(product.id)).toBe(10_000);
    const audit = await getDb().auditLog.findFirstOrThrow({
      where: { action: "order.cancel", entityId: (await orderRow(orderCode)).id },
    });
    expect(audit).toMatchObject({ actorId: buyer.id, onBehalfOfSellerId: null });
  });

  it("may not cancel once the seller has confirmed, nor move the order", async () => {
    const { owner, shop, product } = await sellerWithShop();
    const buyer = await createUser(["buyer"]);
    const { orderCode } = await placeSingleOrder(shop.id, product.id, { buyerId: buyer.id });
    await expectRefusal(act(buyer.id, orderCode, { type: "confirm" }), "order.refuse.notAllowed");
    await act(owner.id, orderCode, { type: "confirm" });
    await expectRefusal(act(buyer.id, orderCode, { type: "cancel", reason: "" }), "order.refuse.wrongStatus");
    expect((await orderRow(orderCode)).status).toBe("confirmed");
    expect(await stockOf(product.id)).toBe(8_000);
  });

  it("cancels as a guest with the order and group codes", async () => {
    const { shop, product } = await sellerWithShop();
    const { orderCode, groupCode, buyerEmail } = await placeSingleOrder(shop.id, product.id);

    await expectResponse(cancelAsGuestBuyer(orderCode, "CP22222222", "", siteUrl), 404);
    await expectResponse(cancelAsGuestBuyer(`${groupCode}-9`, groupCode, "", siteUrl), 404);
    expect((await orderRow(orderCode)).status).toBe("placed");

    expect(await cancelAsGuestBuyer(orderCode, groupCode, " Đổi ý ", siteUrl)).toMatchObject({
      status: "cancelled",
      cancelledBy: "buyer",
      cancelReason: "Đổi ý",
    });
    expect(await stockOf(product.id)).toBe(10_000);
    await expectRefusal(cancelAsGuestBuyer(orderCode, groupCode, "", siteUrl), "order.refuse.wrongStatus");
    expect(await stockOf(product.id)).toBe(10_000);
    const audit = await getDb().auditLog.findFirstOrThrow({
      where: { action: "order.cancel", entityId: (await orderRow(orderCode)).id },
    });
    expect(audit).toMatchObject({ actorId: null, onBehalfOfSellerId: null });
    expect(await mailTo(buyerEmail, "order.cancelled.buyer")).toHaveLength(1);
  });

  it("finds a guest order only with the phone that placed it", async () => {
    const { shop, product } = await sellerWithShop();
    const { groupCode, orderCode } = await placeSingleOrder(shop.id, product.id);
    expect(await findGroupByCodeAndPhone(groupCode, BUYER_PHONE)).toBe(groupCode);
    expect(await findGroupByCodeAndPhone(groupCode, "+84912345679")).toBeNull();
    expect(await findGroupByCodeAndPhone("CP22222222", BUYER_PHONE)).toBeNull();

    const group = await getOrderGroup(groupCode);
    expect(group?.orders.map((o) => [o.code, o.status, o.paymentMethod])).toEqual([
      [orderCode, "placed", "cod"],
    ]);
    expect(group?.cardSession).toBeNull();
    expect(await getOrderGroup("CP22222222")).toBeNull();
  });
});
