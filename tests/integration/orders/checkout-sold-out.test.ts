// Two buyers want the last unit; the one who loses the race is told so on the cart page. This works
// without JavaScript too: the checkout answers with a redirect that carries the reason, because the
// page a browser would render after a failed POST (the checkout) itself sends a changed cart away.
import { describe, expect, it } from "vitest";
import { checkoutInput, createProduct, createShop, deliveryFormFields } from "#tests/fixtures/shops.ts";
import { addToCart, getCartView, setGuestCartCookie } from "#app/services/orders/cart.server.ts";
import { placeOrder } from "#app/services/orders/checkout.server.ts";
import { action as checkoutAction } from "#app/routes/_storefront+/thanh-toan.tsx";
import { loader as cartLoader } from "#app/routes/_storefront+/gio-hang.tsx";

const context = { clientAddress: "203.0.113.20" };

describe("losing the race for the last unit", () => {
  it("sends the buyer to the cart with the sold-out message, and orders nothing", async () => {
    const shop = await createShop();
    const product = await createProduct(shop.id, {
      name: "Yến sào Khánh Hòa",
      stockMilli: 1_000,
      stepMilli: 1_000,
    });
    const first = await addToCart({ userId: null, guestCartId: null }, product.id, 1_000);
    const second = await addToCart({ userId: null, guestCartId: null }, product.id, 1_000);
    const loserOwner = { userId: null, guestCartId: second.cartId };
    // The loser's checkout page was rendered while the unit was still there.
    const loserForm = checkoutInput(await getCartView(loserOwner), { [shop.id]: "cod" });

    const winnerOwner = { userId: null, guestCartId: first.cartId };
    await placeOrder(checkoutInput(await getCartView(winnerOwner), { [shop.id]: "cod" }), {
      owner: winnerOwner,
      buyerId: null,
      locale: "vi",
      siteUrl: "http://localhost",
      cardPayments: null,
    });

    const cookie = (await setGuestCartCookie(second.cartId)).split(";")[0]!;
    const body = new URLSearchParams({
      buyerName: loserForm.buyerName,
      buyerPhone: "0912345678",
      communeSlug: loserForm.communeSlug,
      addressLine: loserForm.addressLine,
      [`pay.${shop.id}`]: "cod",
      fingerprint: loserForm.fingerprint,
      ...deliveryFormFields(loserForm),
    });
    const response = (await checkoutAction({
      request: new Request("http://localhost/thanh-toan", {
        method: "POST",
        headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: cookie },
        body,
      }),
      params: {},
      context,
    })) as Response;
    expect(response.status).toBe(302);
    const location = response.headers.get("Location")!;
    expect(location).toBe(`/gio-hang?het-hang=${product.id}`);

    const page = await cartLoader({
      request: new Request(`http://localhost${location}`, { headers: { Cookie: cookie } }),
      params: {},
      context,
    });
    expect(page.checkoutNotice).toBe(
      "Rất tiếc, Yến sào Khánh Hòa đã hết hàng. Giỏ hàng của bạn chưa bị trừ tiền hay đặt đơn.",
    );
  });

  it("names only products in the visitor's own cart", async () => {
    const shop = await createShop();
    const product = await createProduct(shop.id, { name: "Sản phẩm của người khác" });
    const page = await cartLoader({
      request: new Request(`http://localhost/gio-hang?het-hang=${product.id}`),
      params: {},
      context,
    });
    expect(page.checkoutNotice).toBeNull();
  });
});
