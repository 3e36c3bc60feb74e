// Text typed into forms is stored clean: no NUL (PostgreSQL refuses it — once a 500), no invisible
// controls, composed Unicode; a bidi override (U+202E, which makes text read differently from what is
// stored) is refused with a message naming the field, and nothing is written.
import { describe, expect, it } from "vitest";
import { addToCart, getCartView, setGuestCartCookie } from "#app/services/orders/cart.server.ts";
import { getDb } from "#app/services/platform/db.server.ts";
import { action as checkoutAction } from "#app/routes/_storefront+/thanh-toan.tsx";
import { checkoutInput, createProduct, createShop, deliveryFormFields } from "#tests/fixtures/shops.ts";

const context = { clientAddress: "203.0.113.30" };

async function guestCheckout(fields: Record<string, string>) {
  const shop = await createShop();
  const product = await createProduct(shop.id);
  const added = await addToCart({ userId: null, guestCartId: null }, product.id, 1_000);
  const form = checkoutInput(await getCartView({ userId: null, guestCartId: added.cartId }), {
    [shop.id]: "cod",
  });
  const cookie = (await setGuestCartCookie(added.cartId)).split(";")[0]!;
  const body = new URLSearchParams({
    buyerName: form.buyerName,
    buyerPhone: "0912345678",
    communeSlug: form.communeSlug,
    addressLine: form.addressLine,
    [`pay.${shop.id}`]: "cod",
    fingerprint: form.fingerprint,
    ...deliveryFormFields(form),
    ...fields,
  });
  const result = await checkoutAction({
    request: new Request("http://localhost/thanh-toan", {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: cookie },
      body,
    }),
    params: {},
    context,
  });
  return { result, shop };
}

describe("text hygiene at checkout", () => {
  it("stores names, addresses and notes without NUL or control characters, composed", async () => {
    const { result, shop } = await guestCheckout({
      buyerName: "Tra\u0302\u0300n\u0000 Thị\u0007 Mua",
      addressLine: "Thôn\tTân Hòa\r\n",
      note: "Giao buổi sáng\r\nGọi trước\u0000",
    });
    expect((result as Response).status).toBe(302);
    const group = await getDb().orderGroup.findFirstOrThrow({
      where: { orders: { some: { sellerId: shop.id } } },
    });
    expect(group.buyerName).toBe("Trần Thị Mua");
    expect(group.addressLine).toBe("Thôn Tân Hòa");
    expect(group.note).toBe("Giao buổi sáng\nGọi trước");
  });

  it("refuses a bidi override with a message on the field, and places no order", async () => {
    const before = await getDb().orderGroup.count();
    const { result } = await guestCheckout({ buyerName: "\u202EnăV nễyugN" });
    const reply = result as unknown as {
      init: { status: number };
      data: { result: { error: Record<string, string[]> } };
    };
    expect(reply.init.status).toBe(400);
    expect(reply.data.result.error.buyerName).toEqual(["validation.bidi"]);
    expect(await getDb().orderGroup.count()).toBe(before);
  });
});
