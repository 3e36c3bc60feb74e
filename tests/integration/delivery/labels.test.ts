// Delivery labels, called as Remix calls them (loaders with signed-in Requests) against a real
// database: one order's label (code, QR, buyer, the cash to collect or none), who may print it (the
// shop's own orders only), and the day's batch by the rule in services/delivery/labels.server.ts,
// in Vietnam's day, with a bad ?ngay= read as today rather than an error.
import crypto from "node:crypto";
import { createElement } from "react";
import { renderToString } from "react-dom/server";
import { beforeAll, describe, expect, it, vi } from "vitest";
import type { DeliveryZones } from "#app/domain/delivery.ts";
import { formatVnd } from "#app/domain/money.ts";
import type * as I18n from "#app/i18n/i18n.ts";
import type { OrderAction } from "#app/domain/orders.ts";
import { loader as labelLoader } from "#app/routes/shop+/$sellerId_.orders.$code.nhan.tsx";
import { loader as dayLoader } from "#app/routes/shop+/$sellerId_.nhan.tsx";
import { vietnamToday } from "#app/services/delivery/labels.server.ts";
import { getUser } from "#app/services/identity/auth.server.ts";
import { addToCart, getCartView } from "#app/services/orders/cart.server.ts";
import { placeOrder } from "#app/services/orders/checkout.server.ts";
import { actOnOrder } from "#app/services/orders/orders.server.ts";
import { getDb } from "#app/services/platform/db.server.ts";
import { ShippingLabel } from "#app/ui/delivery/shipping-label.tsx";
import { checkoutInput, createProduct, createShop, ensurePlaces } from "#tests/fixtures/shops.ts";
import { createUser, signedInRequest, thrown } from "#tests/helpers.ts";

// The label component reads the locale from the root route's data; outside a router it is Vietnamese.
vi.mock("#app/i18n/i18n.ts", async (importOriginal) => {
  const original = await importOriginal<typeof I18n>();
  return { ...original, useLocale: () => "vi", useT: () => original.makeT("vi") };
});

const siteUrl = "http://localhost";
const context = { clientAddress: "203.0.113.41" };
const shopUrl = (path: string) => `http://localhost/shop/${path}`;

const ownFee: DeliveryZones = {
  own: { feeVnd: 15_000, freeFromVnd: null, minDays: 0, maxDays: 1 },
  nearby: null,
  province: null,
  carrier: false,
  carrierEverywhere: false,
};

// ───────────── Fixtures ─────────────

async function sellerWithShop(
  options: { acceptsBankTransfer?: boolean; deliveryZones?: DeliveryZones } = {},
) {
  const owner = await createUser(["seller"]);
  const shop = await createShop({ ownerId: owner.id, ...options });
  const product = await createProduct(shop.id, { stockMilli: 100_000, priceVnd: 65_000 });
  return { owner, shop, product };
}

async function placeSingleOrder(
  shopId: string,
  productId: string,
  { method = "cod" as "cod" | "bank_transfer", feeVnd = 0, note = "" } = {},
) {
  const added = await addToCart({ userId: null, guestCartId: null }, productId, 2_000);
  const owner = { userId: null, guestCartId: added.cartId };
  const cart = await getCartView(owner);
  const buyerEmail = `mua-${crypto.randomBytes(4).toString("hex")}@example.vn`;
  const placed = await placeOrder(
    checkoutInput(
      cart,
      { [shopId]: method },
      { buyerEmail, note, ship: { [shopId]: { key: "zone:own", feeVnd } } },
    ),
    { owner, buyerId: null, locale: "vi", siteUrl, cardPayments: null },
  );
  return `${placed.groupCode}-1`;
}

async function act(userId: string, code: string, action: OrderAction) {
  const user = await getUser(await signedInRequest(userId));
  return actOnOrder(user!, code, action, { siteUrl });
}

async function getLabel(userId: string, sellerId: string, code: string) {
  const request = await signedInRequest(userId, shopUrl(`${sellerId}/orders/${code}/nhan`));
  return labelLoader({ request, params: { sellerId, code }, context });
}

async function getDay(userId: string, sellerId: string, query = "") {
  const request = await signedInRequest(userId, shopUrl(`${sellerId}/nhan${query}`));
  return dayLoader({ request, params: { sellerId }, context });
}

const render = (label: Awaited<ReturnType<typeof getLabel>>["label"]) =>
  renderToString(createElement(ShippingLabel, { label }));

beforeAll(async () => {
  await ensurePlaces();
});

// ───────────── One order's label ─────────────

describe("GET /shop/:sellerId/orders/:code/nhan", () => {
  it("shows the code (as text and QR), sender, receiver and the cash to collect: goods + delivery", async () => {
    const { owner, shop, product } = await sellerWithShop({ deliveryZones: ownFee });
    await getDb().seller.update({ where: { id: shop.id }, data: { addressLine: "Thôn Vĩnh Phú" } });
    const code = await placeSingleOrder(shop.id, product.id, { feeVnd: 15_000, note: "Gọi trước 30 phút" });

    // The URL may carry the code in lower case, as someone typed it.
    const { label, title } = await getLabel(owner.id, shop.id, code.toLowerCase());
    expect(title).toBe(`Nhãn giao hàng ${code}`);
    expect(label).toMatchObject({
      code,
      sender: {
        shopName: shop.displayName,
        contactName: "Nguyễn Văn Thử",
        phoneDisplay: "0905 000 111",
        addressLine: "Thôn Vĩnh Phú",
        communeName: "Cam Lâm",
      },
      receiver: {
        name: "Trần Thị Mua",
        phone: "+84912345678",
        phoneDisplay: "0912 345 678",
        addressLine: "Thôn Tân Hòa",
        communeName: "Cam Lâm",
      },
      codVnd: 130_000 + 15_000,
      paid: false,
      buyerNote: "Gọi trước 30 phút",
      delivery: { deliveryMethod: "seller", deliveryFeeVnd: 15_000 },
    });
    expect(label.qrSvg).toMatch(/^<svg[\s\S]*<\/svg>\s*$/);

    const html = render(label);
    expect(html).toContain(code);
    expect(html).toContain("Trần Thị Mua");
    expect(html).toContain("0912 345 678");
    expect(html).toContain(`Thu hộ (COD): ${formatVnd(145_000, "vi")}`);
    expect(html).toContain("Ghi chú: Gọi trước 30 phút");
    expect(html).toContain('data-testid="order-delivery"');
    expect(html).toContain("<svg");
  });

  it("says to collect no cash once the order is paid", async () => {
    const { owner, shop, product } = await sellerWithShop({ acceptsBankTransfer: true });
    const code = await placeSingleOrder(shop.id, product.id, { method: "bank_transfer" });
    // Not yet seen: no cash either, but the label does not claim it is paid.
    const before = (await getLabel(owner.id, shop.id, code)).label;
    expect(before).toMatchObject({ codVnd: null, paid: false });
    expect(render(before)).not.toContain("Đã thanh toán");

    await act(owner.id, code, { type: "mark_paid" });
    const { label } = await getLabel(owner.id, shop.id, code);
    expect(label).toMatchObject({ codVnd: null, paid: true });
    const html = render(label);
    expect(html).toContain("Đã thanh toán — không thu tiền");
    expect(html).not.toContain("Thu hộ");
  });

  it("is for the shop's own orders: 403 in someone else's shop, 404 for another shop's order", async () => {
    const { shop, product } = await sellerWithShop();
    const other = await sellerWithShop();
    const code = await placeSingleOrder(shop.id, product.id);
    expect((await thrown(() => getLabel(other.owner.id, shop.id, code))).status).toBe(403);
    expect((await thrown(() => getLabel(other.owner.id, other.shop.id, code))).status).toBe(404);
    expect((await thrown(() => getLabel(other.owner.id, other.shop.id, "not-a-code"))).status).toBe(404);
  });

  it("sends a visitor who is not signed in to the sign-in page, and back here after", async () => {
    const { shop, product } = await sellerWithShop();
    const code = await placeSingleOrder(shop.id, product.id);
    const request = new Request(shopUrl(`${shop.id}/orders/${code}/nhan`));
    const response = await thrown(() =>
      labelLoader({ request, params: { sellerId: shop.id, code }, context }),
    );
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe(
      `/login?${new URLSearchParams({ redirectTo: `/shop/${shop.id}/orders/${code}/nhan` })}`,
    );
  });
});

// ───────────── The day's batch ─────────────

describe("GET /shop/:sellerId/nhan?ngay=", () => {
  // 5 December 2026 in Vietnam: 4 Dec 17:00 UTC to 5 Dec 17:00 UTC.
  const day = "2026-12-05";
  const at = (iso: string) => new Date(iso);

  it("has the parcels to hand over that day: confirmed that day, still waiting, or picked up that day", async () => {
    const { owner, shop, product } = await sellerWithShop();
    const db = getDb();
    const order = async (moves: OrderAction[], data: Record<string, unknown>) => {
      const code = await placeSingleOrder(shop.id, product.id);
      for (const move of moves) await act(owner.id, code, move);
      await db.order.update({ where: { code }, data });
      return code;
    };
    const confirm: OrderAction = { type: "confirm" };
    const ship: OrderAction = { type: "ship", deliveryNote: "Tự giao" };
    const cancel: OrderAction = { type: "cancel", reason: "Hết hàng" };

    const morning = await order([confirm], { confirmedAt: at("2026-12-05T01:00:00Z") });
    // 00:30 in Vietnam on the 5th is still the 4th in UTC.
    const pastMidnight = await order([confirm], { confirmedAt: at("2026-12-04T17:30:00Z") });
    const leftover = await order([confirm], { confirmedAt: at("2026-12-02T03:00:00Z") });
    const shippedToday = await order([confirm, ship], { confirmedAt: at("2026-12-05T02:00:00Z") });
    const pickupToday = await order([confirm], {
      deliveryMethod: "pickup",
      pickupOn: at("2026-12-04T17:00:00Z"),
      confirmedAt: at("2026-12-01T03:00:00Z"),
    });
    // Not in it:
    const cancelled = await order([confirm, cancel], { confirmedAt: at("2026-12-05T01:30:00Z") });
    const placed = await order([], {});
    const shippedBefore = await order([confirm, ship], { confirmedAt: at("2026-12-03T02:00:00Z") });
    const beforeMidnight = await order([confirm], { confirmedAt: at("2026-12-05T17:00:00Z") });
    const pickupTomorrow = await order([confirm], {
      deliveryMethod: "pickup",
      pickupOn: at("2026-12-05T17:00:00Z"),
      confirmedAt: at("2026-12-05T03:00:00Z"),
    });

    const batch = await getDay(owner.id, shop.id, `?ngay=${day}`);
    expect(batch.day).toBe(day);
    expect(batch.title).toBe("Nhãn giao hàng ngày 5 tháng 12, 2026");
    const codes = batch.labels.map((l) => l.code);
    expect(codes).toEqual([pickupToday, leftover, pastMidnight, morning, shippedToday]);
    for (const code of [cancelled, placed, shippedBefore, beforeMidnight, pickupTomorrow]) {
      expect(codes).not.toContain(code);
    }
    expect(batch.labels.find((l) => l.code === shippedToday)?.deliveryNote).toBe("Tự giao");
    expect(batch.labels.every((l) => l.receiver.name === "Trần Thị Mua")).toBe(true);
  });

  it("is only the shop's own orders, and only for its people", async () => {
    const { owner, shop, product } = await sellerWithShop();
    const other = await sellerWithShop();
    const code = await placeSingleOrder(shop.id, product.id);
    await act(owner.id, code, { type: "confirm" });
    expect((await getDay(owner.id, shop.id)).labels.map((l) => l.code)).toEqual([code]);
    expect((await getDay(other.owner.id, other.shop.id)).labels).toEqual([]);
    expect((await thrown(() => getDay(other.owner.id, shop.id))).status).toBe(403);

    const request = new Request(shopUrl(`${shop.id}/nhan?ngay=${day}`));
    const response = await thrown(() => dayLoader({ request, params: { sellerId: shop.id }, context }));
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe(
      `/login?${new URLSearchParams({ redirectTo: `/shop/${shop.id}/nhan?ngay=${day}` })}`,
    );
  });

  it("reads a missing or bad ?ngay= as today instead of failing", async () => {
    const { owner, shop } = await sellerWithShop();
    const today = vietnamToday();
    for (const query of [
      "",
      "?ngay=",
      "?ngay=hom-nay",
      "?ngay=2026-02-30",
      "?ngay=2026-13-01",
      "?ngay=20261205",
      "?ngay=0001-01-01",
      `?ngay=${encodeURIComponent("<script>")}`,
      `?ngay=${"9".repeat(5000)}`,
    ]) {
      const batch = await getDay(owner.id, shop.id, query);
      expect(batch.day, query).toBe(today);
      expect(batch.labels).toEqual([]);
    }
    // A leap day is a real day.
    expect((await getDay(owner.id, shop.id, "?ngay=2028-02-29")).day).toBe("2028-02-29");
  });
});
