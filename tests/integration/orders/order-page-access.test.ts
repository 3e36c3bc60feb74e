// The buyer's order page of a checkout split across two shops: only the buyer (their account, or the
// browser that holds the order) sees every part and may cancel; a shop in the checkout is sent to its
// own part in /shop and can cancel nothing here; an admin reads it and cancels nothing here. Audit rows
// name whoever really pressed the button.
import { describe, expect, it } from "vitest";
import { addToCart, getCartView } from "#app/services/orders/cart.server.ts";
import { rememberOrder } from "#app/services/orders/buyer-context.server.ts";
import { placeOrder } from "#app/services/orders/checkout.server.ts";
import { getDb } from "#app/services/platform/db.server.ts";
import { action, loader } from "#app/routes/_storefront+/don-hang.$code.tsx";
import { checkoutInput, createProduct, createShop } from "#tests/fixtures/shops.ts";
import { createUser, signedInRequest, thrown } from "#tests/helpers.ts";

const siteUrl = "http://localhost";

/** A checkout of one product from each of two shops; `buyerId` null places it as a guest. */
async function twoShopCheckout(buyerId: string | null) {
  const ownerA = await createUser(["seller"]);
  const ownerB = await createUser(["seller"]);
  const shopA = await createShop({ ownerId: ownerA.id });
  const shopB = await createShop({ ownerId: ownerB.id });
  const productA = await createProduct(shopA.id);
  const productB = await createProduct(shopB.id);
  const first = await addToCart({ userId: buyerId, guestCartId: null }, productA.id, 1_000);
  const owner = { userId: buyerId, guestCartId: buyerId ? null : first.cartId };
  await addToCart(owner, productB.id, 1_000);
  const cart = await getCartView(owner);
  const placed = await placeOrder(checkoutInput(cart, { [shopA.id]: "cod", [shopB.id]: "cod" }), {
    owner,
    buyerId,
    locale: "vi",
    siteUrl,
    cardPayments: null,
  });
  const codes = (
    await getDb().order.findMany({
      where: { group: { code: placed.groupCode } },
      select: { code: true, sellerId: true },
    })
  ).reduce<Record<string, string>>((acc, o) => ({ ...acc, [o.sellerId]: o.code }), {});
  return { groupCode: placed.groupCode, ownerA, ownerB, codeA: codes[shopA.id]!, codeB: codes[shopB.id]! };
}

const cancelForm = (orderCode: string) =>
  new URLSearchParams({ intent: "cancel", orderCode, reason: "không cần nữa" }).toString();

async function post(request: Request, code: string) {
  return action({ request, params: { code }, context: { clientAddress: "203.0.113.9" } });
}
async function get(request: Request, code: string) {
  return loader({ request, params: { code }, context: { clientAddress: "203.0.113.9" } });
}
const signedInPost = (userId: string, code: string, body: string) =>
  signedInRequest(userId, `http://localhost/don-hang/${code}`, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body,
  });
const statusOf = async (code: string) =>
  (await getDb().order.findUniqueOrThrow({ where: { code }, select: { status: true } })).status;

describe("the buyer's order page of a two-shop checkout", () => {
  it("sends a seller to their own part in /shop instead of showing the other shop's", async () => {
    const buyer = await createUser(["buyer"]);
    const { groupCode, ownerA, codeA } = await twoShopCheckout(buyer.id);
    const response = await thrown(async () =>
      get(await signedInRequest(ownerA.id, `http://localhost/don-hang/${groupCode}`), groupCode),
    );
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe(`/shop/orders/${codeA}`);
  });

  it("refuses a seller cancelling another shop's order, and changes nothing", async () => {
    const buyer = await createUser(["buyer"]);
    const { groupCode, ownerA, codeB } = await twoShopCheckout(buyer.id);
    const before = await getDb().auditLog.count();
    const response = await thrown(async () =>
      post(await signedInPost(ownerA.id, groupCode, cancelForm(codeB)), groupCode),
    );
    expect([302, 403]).toContain(response.status);
    expect(await statusOf(codeB)).toBe("placed");
    expect(await getDb().auditLog.count()).toBe(before);
  });

  it("lets an admin read every part but cancel nothing from the buyer's page", async () => {
    const buyer = await createUser(["buyer"]);
    const admin = await createUser(["admin"]);
    const { groupCode, codeA, codeB } = await twoShopCheckout(buyer.id);
    const page = (await get(
      await signedInRequest(admin.id, `http://localhost/don-hang/${groupCode}`),
      groupCode,
    )) as {
      orders: { code: string; buyerCanCancel: boolean }[];
    };
    expect(page.orders.map((o) => o.code).sort()).toEqual([codeA, codeB].sort());
    expect(page.orders.every((o) => !o.buyerCanCancel)).toBe(true);
    const response = await thrown(async () =>
      post(await signedInPost(admin.id, groupCode, cancelForm(codeA)), groupCode),
    );
    expect(response.status).toBe(403);
    expect(await statusOf(codeA)).toBe("placed");
  });

  it("lets the signed-in buyer cancel, with the buyer as the audit actor", async () => {
    const buyer = await createUser(["buyer"]);
    const { groupCode, codeB } = await twoShopCheckout(buyer.id);
    const response = (await post(
      await signedInPost(buyer.id, groupCode, cancelForm(codeB)),
      groupCode,
    )) as Response;
    expect(response.status).toBe(302);
    const order = await getDb().order.findUniqueOrThrow({ where: { code: codeB } });
    expect(order).toMatchObject({ status: "cancelled", cancelledBy: "buyer" });
    const audit = await getDb().auditLog.findFirstOrThrow({
      where: { entityId: order.id, action: "order.cancel" },
    });
    expect(audit.actorId).toBe(buyer.id);
  });

  it("lets the guest browser that placed it cancel, recorded as a guest (no account)", async () => {
    const { groupCode, codeA } = await twoShopCheckout(null);
    const cookie = (await rememberOrder(new Request("http://localhost/"), groupCode)).split(";")[0]!;
    const request = new Request(`http://localhost/don-hang/${groupCode}`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: cookie },
      body: cancelForm(codeA),
    });
    expect(((await post(request, groupCode)) as Response).status).toBe(302);
    const order = await getDb().order.findUniqueOrThrow({ where: { code: codeA } });
    expect(order.status).toBe("cancelled");
    const audit = await getDb().auditLog.findFirstOrThrow({
      where: { entityId: order.id, action: "order.cancel" },
    });
    expect(audit.actorId).toBeNull();
  });
});
