// Delivery at checkout against a real database (SQLite, and PostgreSQL in `npm run test:pg`): the fee
// the buyer saw is the fee the order keeps; tampered, vanished or changed choices are refused with
// nothing ordered; pickup orders keep their point and market day; a later fee change alters nothing.
import { beforeAll, describe, expect, it } from "vitest";
import type { DeliveryZones } from "#app/domain/delivery.ts";
import { addToCart, getCartView } from "#app/services/orders/cart.server.ts";
import { placeOrder } from "#app/services/orders/checkout.server.ts";
import { checkoutDeliveryView } from "#app/services/delivery/options.server.ts";
import { getDb } from "#app/services/platform/db.server.ts";
import { readCapturedMail } from "#app/services/messaging/mail/capture.server.ts";
import { drainOutbox } from "#app/services/platform/outbox.server.ts";
import { MAIL_TOPIC, sendQueuedMail } from "#app/services/messaging/mail/outbox-mail.server.ts";
import { action as checkoutAction } from "#app/routes/_storefront+/thanh-toan.tsx";
import { setGuestCartCookie } from "#app/services/orders/cart.server.ts";
import {
  checkoutInput,
  createProduct,
  createShop,
  deliveryFormFields,
  ensurePlaces,
} from "#tests/fixtures/shops.ts";

const zones = (over: Partial<DeliveryZones> = {}): DeliveryZones => ({
  own: { feeVnd: 15_000, freeFromVnd: 300_000, minDays: 0, maxDays: 1 },
  nearby: null,
  province: { feeVnd: 30_000, freeFromVnd: null, minDays: 1, maxDays: 3 },
  carrier: false,
  carrierEverywhere: false,
  ...over,
});

const ctx = (guestCartId: string) => ({
  owner: { userId: null, guestCartId },
  buyerId: null,
  locale: "vi",
  siteUrl: "http://localhost",
  cardPayments: null,
});

async function cartWith(productId: string, quantityMilli = 1_000) {
  const { cartId } = await addToCart({ userId: null, guestCartId: null }, productId, quantityMilli);
  return { cartId, cart: await getCartView({ userId: null, guestCartId: cartId }) };
}

let nhaTrang: { id: string; slug: string; name: string };
let team: { id: string };

beforeAll(async () => {
  const { commune } = await ensurePlaces();
  const db = getDb();
  nhaTrang = await db.commune.upsert({
    where: { slug: "nha-trang" },
    create: {
      slug: "nha-trang",
      name: "Nha Trang",
      fullName: "Phường Nha Trang",
      type: "phuong",
      formerDistrict: "Nha Trang",
      formerDistricts: ["Nha Trang"],
      mergedFrom: [],
    },
    update: {},
  });
  team = await db.volunteerTeam.create({ data: { name: "Tổ Cam Lâm", communeId: commune.id } });
});

async function marketPoint(sellerId: string, feeVnd: number) {
  const { commune } = await ensurePlaces();
  const point = await getDb().pickupPoint.create({
    data: {
      name: "Sạp chợ Cam Đức",
      kind: "market_stall",
      communeId: commune.id,
      addressLine: "Chợ Cam Đức",
      hours: "6:00–10:00",
      schedule: { type: "weekly", days: [0, 1, 2, 3, 4, 5, 6] },
      teamId: team.id,
    },
  });
  await getDb().sellerPickupPoint.create({ data: { sellerId, pickupPointId: point.id, feeVnd } });
  return point;
}

describe("fees at checkout", () => {
  it("charges the own-commune fee, keeps the rule on the order, and puts it in the totals and mails", async () => {
    const shop = await createShop({ deliveryZones: zones(), email: "vuon-phi@example.vn" });
    const product = await createProduct(shop.id, { priceVnd: 65_000 });
    const { cartId, cart } = await cartWith(product.id);
    const placed = await placeOrder(
      checkoutInput(cart, { [shop.id]: "cod" }, { ship: { [shop.id]: { key: "zone:own", feeVnd: 15_000 } } }),
      ctx(cartId),
    );
    const group = await getDb().orderGroup.findUniqueOrThrow({
      where: { code: placed.groupCode },
      select: { totalVnd: true, orders: true },
    });
    expect(group.totalVnd).toBe(80_000);
    const order = group.orders[0]!;
    expect(order).toMatchObject({ subtotalVnd: 65_000, deliveryFeeVnd: 15_000, deliveryMethod: "seller" });
    expect(order.deliveryRule).toMatchObject({
      kind: "zone",
      zone: "own",
      feeVnd: 15_000,
      chargedVnd: 15_000,
    });

    // A later change of the seller's fees never changes a placed order.
    await getDb().seller.update({
      where: { id: shop.id },
      data: { deliveryZones: zones({ own: { feeVnd: 40_000, freeFromVnd: null, minDays: 0, maxDays: 1 } }) },
    });
    const again = await getDb().order.findUniqueOrThrow({ where: { id: order.id } });
    expect(again.deliveryFeeVnd).toBe(15_000);

    await drainOutbox(getDb(), { [MAIL_TOPIC]: sendQueuedMail });
    const dir = process.env.MAIL_CAPTURE_DIR!;
    const toSeller = await readCapturedMail(dir, { to: "vuon-phi@example.vn" });
    expect(toSeller[0]!.subject.replace(/\s/g, " ")).toBe(`Đơn hàng mới ${placed.groupCode}-1 — 80.000 ₫`);
    expect(toSeller[0]!.text.replace(/\s/g, " ")).toContain("Giao hàng: Người bán giao — phí 15.000 ₫");
  });

  it("offers the choices for the buyer's commune, cheapest first, free above the free-from amount", async () => {
    const shop = await createShop({ deliveryZones: zones() });
    const point = await marketPoint(shop.id, 5_000);
    const cheap = await createProduct(shop.id, { priceVnd: 50_000 });
    const { cart } = await cartWith(cheap.id);
    const local = await checkoutDeliveryView(cart.groups, { slug: "cam-lam", name: "Cam Lâm" }, null);
    expect(local.bySeller[shop.id]!.map((o) => [o.key, o.feeVnd])).toEqual([
      [`pickup:${point.id}`, 5_000],
      ["zone:own", 15_000],
    ]);
    const far = await checkoutDeliveryView(cart.groups, nhaTrang, null);
    expect(far.bySeller[shop.id]!.map((o) => [o.key, o.feeVnd])).toEqual([
      [`pickup:${point.id}`, 5_000],
      ["zone:province", 30_000],
    ]);
    const big = await cartWith(cheap.id, 7_000); // 350.000 đ ≥ 300.000 đ
    const free = await checkoutDeliveryView(big.cart.groups, { slug: "cam-lam", name: "Cam Lâm" }, null);
    expect(free.bySeller[shop.id]![0]).toMatchObject({ key: "zone:own", feeVnd: 0 });
  });

  it("keeps fresh goods in the seller's commune", async () => {
    const shop = await createShop({ deliveryZones: zones() });
    const fish = await createProduct(shop.id, { name: "Cá ngừ tươi" });
    await getDb().product.update({ where: { id: fish.id }, data: { localOnly: true } });
    const { cart } = await cartWith(fish.id);
    const far = await checkoutDeliveryView(cart.groups, nhaTrang, null);
    expect(far.bySeller[shop.id]).toEqual([]);
    const near = await checkoutDeliveryView(cart.groups, { slug: "cam-lam", name: "Cam Lâm" }, null);
    expect(near.bySeller[shop.id]!.map((o) => o.key)).toEqual(["zone:own"]);
  });

  it("stores the pickup point and its next market day on a pickup order", async () => {
    const shop = await createShop({ deliveryZones: zones() });
    const point = await marketPoint(shop.id, 0);
    const product = await createProduct(shop.id);
    const { cartId, cart } = await cartWith(product.id);
    const now = new Date("2026-12-04T03:00:00Z"); // 10:00 in Vietnam
    const placed = await placeOrder(
      checkoutInput(
        cart,
        { [shop.id]: "cod" },
        { ship: { [shop.id]: { key: `pickup:${point.id}`, feeVnd: 0 } } },
      ),
      { ...ctx(cartId), now },
    );
    const order = await getDb().order.findFirstOrThrow({ where: { group: { code: placed.groupCode } } });
    expect(order).toMatchObject({ deliveryMethod: "pickup", pickupPointId: point.id, deliveryFeeVnd: 0 });
    // Open every day, at least a day ahead: the 5th, midnight Vietnam time.
    expect(order.pickupOn?.toISOString()).toBe("2026-12-04T17:00:00.000Z");
  });
});

describe("refusing tampered or stale choices", () => {
  async function refused(
    ship: Record<string, { key: string; feeVnd: number }>,
    shopId: string,
    productId: string,
  ) {
    const { cartId, cart } = await cartWith(productId);
    const before = await getDb().order.count({ where: { sellerId: shopId } });
    const error = await placeOrder(checkoutInput(cart, { [shopId]: "cod" }, { ship }), ctx(cartId)).catch(
      (e: unknown) => e,
    );
    expect(await getDb().order.count({ where: { sellerId: shopId } })).toBe(before);
    expect(
      (await getDb().product.findUniqueOrThrow({ where: { id: productId }, select: { stockMilli: true } }))
        .stockMilli,
    ).toBe(10_000);
    return error;
  }

  it("refuses a fee lowered in the form", async () => {
    const shop = await createShop({ deliveryZones: zones() });
    const product = await createProduct(shop.id);
    const error = await refused({ [shop.id]: { key: "zone:own", feeVnd: 0 } }, shop.id, product.id);
    expect(error).toMatchObject({ messageKey: "checkout.error.deliveryChanged", status: 409 });
  });

  it("refuses a zone the seller does not serve, another seller's point, or no choice at all", async () => {
    const shop = await createShop({ deliveryZones: zones() });
    const other = await createShop({ deliveryZones: zones() });
    const foreign = await marketPoint(other.id, 0);
    const product = await createProduct(shop.id);
    expect(
      await refused({ [shop.id]: { key: "zone:nearby", feeVnd: 0 } }, shop.id, product.id),
    ).toMatchObject({
      messageKey: "checkout.error.deliveryGone",
    });
    expect(
      await refused({ [shop.id]: { key: `pickup:${foreign.id}`, feeVnd: 0 } }, shop.id, product.id),
    ).toMatchObject({ messageKey: "checkout.error.deliveryGone" });
    expect(await refused({}, shop.id, product.id)).toMatchObject({ messageKey: "checkout.error.delivery" });
  });

  it("says so when the point closed between the checkout page and the order", async () => {
    const shop = await createShop({ deliveryZones: zones() });
    const point = await marketPoint(shop.id, 0);
    const product = await createProduct(shop.id);
    await getDb().pickupPoint.update({
      where: { id: point.id },
      data: { closedAt: new Date(Date.now() - 1000) },
    });
    const error = await refused({ [shop.id]: { key: `pickup:${point.id}`, feeVnd: 0 } }, shop.id, product.id);
    expect(error).toMatchObject({ messageKey: "checkout.error.deliveryGone" });
  });
});

describe("the checkout page without JavaScript", () => {
  it("recomputes the choices when the commune changed, orders nothing and keeps what was typed", async () => {
    const shop = await createShop({ deliveryZones: zones() });
    const product = await createProduct(shop.id);
    const { cartId, cart } = await cartWith(product.id);
    const form = checkoutInput(
      cart,
      { [shop.id]: "cod" },
      { ship: { [shop.id]: { key: "zone:own", feeVnd: 15_000 } } },
    );
    const cookie = (await setGuestCartCookie(cartId)).split(";")[0]!;
    const body = new URLSearchParams({
      buyerName: "Lê Văn Đổi",
      buyerPhone: "0912345678",
      communeSlug: "nha-trang",
      addressLine: form.addressLine,
      [`pay.${shop.id}`]: "cod",
      fingerprint: form.fingerprint,
      ...deliveryFormFields(form), // shown for Cam Lâm
    });
    const response = await checkoutAction({
      request: new Request("http://localhost/thanh-toan", {
        method: "POST",
        headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: cookie },
        body,
      }),
      params: {},
      context: { clientAddress: "203.0.113.21" },
    });
    const reply = response as unknown as {
      data: {
        formError: string;
        delivery: { bySeller: Record<string, { key: string }[]> };
        values: Record<string, string>;
      };
      init: { status: number } | null;
    };
    expect(reply.data.formError).toContain("Nha Trang");
    expect(reply.data.delivery.bySeller[shop.id]!.map((o) => o.key)).toEqual(["zone:province"]);
    expect(reply.data.values.buyerName).toBe("Lê Văn Đổi");
    expect(await getDb().order.count({ where: { sellerId: shop.id } })).toBe(0);
  });
});
