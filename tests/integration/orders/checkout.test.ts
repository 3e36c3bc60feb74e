// Checkout against a real database: one order per seller, stock reserved atomically, no oversell
// under 50 simultaneous buyers, and tampered or stale forms refused with nothing changed.
import { beforeAll, describe, expect, it } from "vitest";
import { addToCart, getCartView } from "#app/services/orders/cart.server.ts";
import { placeOrder } from "#app/services/orders/checkout.server.ts";
import { getDb } from "#app/services/platform/db.server.ts";
import { readCapturedMail } from "#app/services/messaging/mail/capture.server.ts";
import { drainOutbox } from "#app/services/platform/outbox.server.ts";
import { MAIL_TOPIC, sendQueuedMail } from "#app/services/messaging/mail/outbox-mail.server.ts";
import { checkoutInput, createProduct, createShop, ensurePlaces } from "#tests/fixtures/shops.ts";
import { UserError } from "#app/domain/user-error.ts";

const ctx = (guestCartId: string | null) => ({
  owner: { userId: null, guestCartId },
  buyerId: null,
  locale: "vi",
  siteUrl: "http://localhost",
  cardPayments: null,
});

/** A guest's cart with these lines; returns its id. */
async function guestCart(lines: { productId: string; quantityMilli: number }[]) {
  let cartId: string | null = null;
  for (const line of lines) {
    const added = await addToCart({ userId: null, guestCartId: cartId }, line.productId, line.quantityMilli);
    cartId = added.cartId;
  }
  return cartId!;
}

async function checkoutCart(cartId: string, pay: Record<string, "cod" | "bank_transfer" | "card">) {
  const cart = await getCartView({ userId: null, guestCartId: cartId });
  return placeOrder(checkoutInput(cart, pay), ctx(cartId));
}

const stockOf = async (id: string) =>
  (await getDb().product.findUniqueOrThrow({ where: { id }, select: { stockMilli: true } })).stockMilli;

beforeAll(async () => {
  await ensurePlaces();
});

describe("placing an order", () => {
  it("splits one checkout into one order per seller, reserves stock and empties the cart", async () => {
    const farm = await createShop({ name: "Vườn xoài Ba Tư" });
    const fish = await createShop({ name: "Nước mắm Cửa Bé", acceptsBankTransfer: true });
    const mango = await createProduct(farm.id, { priceVnd: 65_000, stockMilli: 10_000, stepMilli: 500 });
    const sauce = await createProduct(fish.id, {
      name: "Nước mắm nhỉ",
      unit: "hop",
      priceVnd: 120_000,
      stockMilli: 5_000,
      stepMilli: 1000,
    });
    const cartId = await guestCart([
      { productId: mango.id, quantityMilli: 1_500 },
      { productId: sauce.id, quantityMilli: 2_000 },
    ]);

    const placed = await checkoutCart(cartId, { [farm.id]: "cod", [fish.id]: "bank_transfer" });

    const group = await getDb().orderGroup.findUniqueOrThrow({
      where: { code: placed.groupCode },
      include: { orders: { include: { items: true }, orderBy: { code: "asc" } } },
    });
    expect(group.totalVnd).toBe(97_500 + 240_000);
    expect(
      group.orders.map((o) => [o.code, o.paymentMethod, o.subtotalVnd, o.status, o.paymentStatus]),
    ).toEqual([
      [`${placed.groupCode}-1`, "cod", 97_500, "placed", "unpaid"],
      [`${placed.groupCode}-2`, "bank_transfer", 240_000, "placed", "unpaid"],
    ]);
    expect(group.orders[0]!.items[0]).toMatchObject({
      productName: "Xoài cát Hòa Lộc",
      quantityMilli: 1_500,
      unitPriceVnd: 65_000,
    });
    expect(await stockOf(mango.id)).toBe(8_500);
    expect(await stockOf(sauce.id)).toBe(3_000);
    expect((await getCartView({ userId: null, guestCartId: cartId })).lines).toEqual([]);
    expect(placed.cardPaymentUrl).toBeNull();
  });

  it("emails each seller and the buyer through the outbox", async () => {
    const farm = await createShop({ email: "vuon@example.vn" });
    const product = await createProduct(farm.id);
    const placed = await checkoutCart(await guestCart([{ productId: product.id, quantityMilli: 1_000 }]), {
      [farm.id]: "cod",
    });
    await drainOutbox(getDb(), { [MAIL_TOPIC]: sendQueuedMail });
    const dir = process.env.MAIL_CAPTURE_DIR!;
    const toSeller = await readCapturedMail(dir, { to: "vuon@example.vn" });
    expect(toSeller).toHaveLength(1);
    // Intl puts a no-break space before the đồng sign.
    expect(toSeller[0]!.subject.replace(/\s/g, " ")).toBe(`Đơn hàng mới ${placed.groupCode}-1 — 65.000 ₫`);
    expect(toSeller[0]!.text).toContain("Xoài cát Hòa Lộc: 1 kg");
    const toBuyer = await readCapturedMail(dir, { to: "mua@example.vn", tag: "order.placed.buyer" });
    expect(toBuyer.some((m) => m.subject === `Chợ Phiên đã nhận đơn ${placed.groupCode}`)).toBe(true);
  });
});

describe("refusing what it must", () => {
  it("refuses a payment method the seller does not accept, and changes nothing", async () => {
    const farm = await createShop({ acceptsBankTransfer: false });
    const product = await createProduct(farm.id, { stockMilli: 3_000 });
    const cartId = await guestCart([{ productId: product.id, quantityMilli: 1_000 }]);
    await expect(checkoutCart(cartId, { [farm.id]: "bank_transfer" })).rejects.toMatchObject({
      messageKey: "checkout.error.payment",
    });
    await expect(checkoutCart(cartId, { [farm.id]: "card" })).rejects.toMatchObject({
      messageKey: "checkout.error.payment",
    });
    expect(await stockOf(product.id)).toBe(3_000);
    expect(await getDb().order.count({ where: { sellerId: farm.id } })).toBe(0);
  });

  it("refuses a tampered price or quantity in the form", async () => {
    const farm = await createShop();
    const product = await createProduct(farm.id, { priceVnd: 65_000, stockMilli: 3_000 });
    const cartId = await guestCart([{ productId: product.id, quantityMilli: 1_000 }]);
    const cart = await getCartView({ userId: null, guestCartId: cartId });
    for (const fingerprint of [`${product.id}:1000:1000`, `${product.id}:500:65000`, ""]) {
      const input = checkoutInput(cart, { [farm.id]: "cod" }, { fingerprint });
      await expect(placeOrder(input, ctx(cartId))).rejects.toMatchObject({
        messageKey: "checkout.error.changed",
      });
    }
    expect(await stockOf(product.id)).toBe(3_000);
  });

  it("refuses when the price changed after the buyer looked, until they accept the new one", async () => {
    const farm = await createShop();
    const product = await createProduct(farm.id, { priceVnd: 65_000 });
    const cartId = await guestCart([{ productId: product.id, quantityMilli: 1_000 }]);
    const seen = await getCartView({ userId: null, guestCartId: cartId });
    await getDb().product.update({ where: { id: product.id }, data: { priceVnd: 70_000 } });
    await expect(placeOrder(checkoutInput(seen, { [farm.id]: "cod" }), ctx(cartId))).rejects.toBeInstanceOf(
      UserError,
    );
    const now = await getCartView({ userId: null, guestCartId: cartId });
    expect(now.problems).toEqual([
      { kind: "priceChanged", productId: product.id, name: product.name, fromVnd: 65_000, toVnd: 70_000 },
    ]);
  });

  it("refuses a quantity off the product's step, an unknown product and more than the stock", async () => {
    const farm = await createShop();
    const product = await createProduct(farm.id, { stepMilli: 500, stockMilli: 2_000 });
    const owner = { userId: null, guestCartId: null };
    await expect(addToCart(owner, product.id, 700)).rejects.toMatchObject({ messageKey: "cart.error.step" });
    await expect(addToCart(owner, "cl0000000000000000000000", 1000)).rejects.toMatchObject({
      messageKey: "cart.error.unknownProduct",
    });
    await expect(addToCart(owner, product.id, 2_500)).rejects.toBeInstanceOf(UserError);
  });

  it("refuses an unknown commune", async () => {
    const farm = await createShop();
    const product = await createProduct(farm.id);
    const cartId = await guestCart([{ productId: product.id, quantityMilli: 1_000 }]);
    const cart = await getCartView({ userId: null, guestCartId: cartId });
    const input = checkoutInput(cart, { [farm.id]: "cod" }, { communeSlug: "khong-co-xa-nay" });
    await expect(placeOrder(input, ctx(cartId))).rejects.toMatchObject({
      messageKey: "checkout.error.commune",
    });
    expect(await stockOf(product.id)).toBe(10_000);
  });
});

describe("50 buyers at once for 10 units", () => {
  it("sells exactly 10 units; the others hear it is sold out", async () => {
    const farm = await createShop();
    const product = await createProduct(farm.id, { stockMilli: 10_000, stepMilli: 1_000 });
    const carts = [];
    for (let i = 0; i < 50; i++)
      carts.push(await guestCart([{ productId: product.id, quantityMilli: 1_000 }]));

    const outcomes = await Promise.allSettled(
      carts.map((cartId) => checkoutCart(cartId, { [farm.id]: "cod" })),
    );

    const sold = outcomes.filter((o) => o.status === "fulfilled");
    const refused = outcomes.flatMap((o) => (o.status === "rejected" ? [o.reason as unknown] : []));
    expect(sold).toHaveLength(10);
    expect(refused).toHaveLength(40);
    for (const reason of refused) expect(reason).toMatchObject({ messageKey: "checkout.error.soldOut" });
    expect(await stockOf(product.id)).toBe(0);
    const items = await getDb().orderItem.aggregate({
      where: { productId: product.id },
      _sum: { quantityMilli: true },
    });
    expect(items._sum.quantityMilli).toBe(10_000);
  });
});
