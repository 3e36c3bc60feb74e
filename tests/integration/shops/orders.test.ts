// The seller workspace's orders, called as Remix calls them (loaders and actions with signed-in
// Requests) against a real database: who sees which orders, the moves through the forms (with the
// order and the audit log changed, or nothing changed when refused), the money ledger by Vietnam's
// months, the CSV export and the link in the seller's email.
import crypto from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import type { OrderAction } from "#app/domain/orders.ts";
import { action as orderAction, loader as orderLoader } from "#app/routes/shop+/$sellerId.orders.$code.tsx";
import { loader as listLoader } from "#app/routes/shop+/$sellerId.orders._index.tsx";
import { loader as csvLoader } from "#app/routes/shop+/$sellerId.orders[.csv].tsx";
import { loader as ledgerLoader } from "#app/routes/shop+/$sellerId.ledger.tsx";
import { loader as linkLoader } from "#app/routes/shop+/orders.$code.tsx";
import { getUser } from "#app/services/identity/auth.server.ts";
import { addToCart, getCartView } from "#app/services/orders/cart.server.ts";
import { placeOrder } from "#app/services/orders/checkout.server.ts";
import { getDb } from "#app/services/platform/db.server.ts";
import { actOnOrder } from "#app/services/orders/orders.server.ts";
import { listShopOrders } from "#app/services/shops/orders.server.ts";
import { checkoutInput, createProduct, createShop, ensurePlaces } from "#tests/fixtures/shops.ts";
import { createUser, signedInRequest, thrown } from "#tests/helpers.ts";

const siteUrl = "http://localhost";
const context = { clientAddress: "203.0.113.21" };

type Method = "cod" | "bank_transfer";
type MoveReply = {
  data: { intent: string | null; formError: string; onField: boolean };
  init: { status: number };
};

// ───────────── Fixtures ─────────────

async function placeSingleOrder(
  shopId: string,
  productId: string,
  {
    quantityMilli = 2_000,
    method = "cod" as Method,
    at = undefined as Date | undefined,
    buyer = {} as { buyerName?: string; addressLine?: string; note?: string },
  } = {},
) {
  const added = await addToCart({ userId: null, guestCartId: null }, productId, quantityMilli);
  const owner = { userId: null, guestCartId: added.cartId };
  const cart = await getCartView(owner);
  const buyerEmail = `mua-${crypto.randomBytes(4).toString("hex")}@example.vn`;
  const placed = await placeOrder(checkoutInput(cart, { [shopId]: method }, { buyerEmail, ...buyer }), {
    owner,
    buyerId: null,
    locale: "vi",
    siteUrl,
    cardPayments: null,
    now: at,
  });
  return `${placed.groupCode}-1`;
}

async function sellerWithShop(options: { acceptsBankTransfer?: boolean; onboardedById?: string } = {}) {
  const owner = await createUser(["seller"]);
  const shop = await createShop({ ownerId: owner.id, ...options });
  const product = await createProduct(shop.id, { stockMilli: 100_000, stepMilli: 500 });
  return { owner, shop, product };
}

async function act(userId: string, orderCode: string, action: OrderAction) {
  const user = await getUser(await signedInRequest(userId));
  return actOnOrder(user!, orderCode, action, { siteUrl });
}

const orderRow = (code: string) => getDb().order.findUniqueOrThrow({ where: { code } });
const auditOf = (orderId: string) =>
  getDb().auditLog.findMany({
    where: { entityType: "Order", entityId: orderId },
    orderBy: { createdAt: "asc" },
  });

// ───────────── Calling the routes ─────────────

const shopUrl = (path: string) => `http://localhost/shop/${path}`;

async function getList(userId: string, sellerId: string, query = "") {
  const request = await signedInRequest(userId, shopUrl(`${sellerId}/orders${query}`));
  return listLoader({ request, params: { sellerId }, context });
}

async function getOrder(userId: string, sellerId: string, code: string) {
  const request = await signedInRequest(userId, shopUrl(`${sellerId}/orders/${code}`));
  return orderLoader({ request, params: { sellerId, code }, context });
}

async function postMove(
  userId: string,
  sellerId: string,
  code: string,
  fields: Record<string, string>,
  { lang }: { lang?: "en" } = {},
) {
  const url = shopUrl(`${sellerId}/orders/${code}`);
  const signedIn = await signedInRequest(userId, url);
  const cookie = [signedIn.headers.get("Cookie"), lang && `lang=${lang}`].filter(Boolean).join("; ");
  const request = new Request(url, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: cookie },
    body: new URLSearchParams(fields).toString(),
  });
  return orderAction({ request, params: { sellerId, code }, context });
}

/** A move that must succeed: a redirect back to the order's page with the confirmation. */
async function move(userId: string, sellerId: string, code: string, fields: Record<string, string>) {
  const response = (await postMove(userId, sellerId, code, fields)) as Response;
  expect(response).toBeInstanceOf(Response);
  expect(response.status).toBe(302);
  expect(response.headers.get("Location")).toBe(`/shop/${sellerId}/orders/${code}?xong=${fields.intent}`);
}

async function getLedger(userId: string, sellerId: string, query = "") {
  const request = await signedInRequest(userId, shopUrl(`${sellerId}/ledger${query}`));
  return ledgerLoader({ request, params: { sellerId }, context });
}

async function getCsv(userId: string, sellerId: string, query = "") {
  const request = await signedInRequest(userId, shopUrl(`${sellerId}/orders.csv${query}`));
  return (await csvLoader({ request, params: { sellerId }, context })) as Response;
}

beforeAll(async () => {
  await ensurePlaces();
});

// ───────────── The list ─────────────

describe("GET /shop/:sellerId/orders", () => {
  it("lists only the shop's own orders, newest first, with the buyer and what was ordered", async () => {
    const { owner, shop, product } = await sellerWithShop();
    const other = await sellerWithShop();
    const older = await placeSingleOrder(shop.id, product.id, { at: new Date("2025-07-01T02:00:00Z") });
    const newer = await placeSingleOrder(shop.id, product.id, {
      quantityMilli: 2_500,
      at: new Date("2025-07-02T02:00:00Z"),
    });
    await placeSingleOrder(other.shop.id, other.product.id);

    const list = await getList(owner.id, shop.id);
    expect(list.status).toBe("all");
    expect(list.orders.map((o) => o.code)).toEqual([newer, older]);
    expect(list.total).toBe(2);
    expect(list.orders[0]).toMatchObject({
      code: newer,
      status: "placed",
      paymentMethod: "cod",
      paymentStatus: "unpaid",
      subtotalVnd: 162_500,
      buyerName: "Trần Thị Mua",
      buyerPhone: "+84912345678",
      buyerPhoneDisplay: "0912 345 678",
      items: [{ productName: "Xoài cát Hòa Lộc", unit: "kg", quantityMilli: 2_500 }],
    });
    expect(list.tabs).toEqual([
      { tab: "placed", count: 2 },
      { tab: "confirmed", count: 0 },
      { tab: "shipped", count: 0 },
      { tab: "delivered", count: 0 },
      { tab: "cancelled", count: 0 },
      { tab: "all", count: 2 },
    ]);
  });

  it("filters by ?status=, and shows everything for a status it does not know", async () => {
    const { owner, shop, product } = await sellerWithShop();
    const placed = await placeSingleOrder(shop.id, product.id);
    const confirmed = await placeSingleOrder(shop.id, product.id);
    const cancelled = await placeSingleOrder(shop.id, product.id);
    await act(owner.id, confirmed, { type: "confirm" });
    await act(owner.id, cancelled, { type: "cancel", reason: "Hết hàng" });

    const codes = async (query: string) =>
      (await getList(owner.id, shop.id, query)).orders.map((o) => o.code);
    expect(await codes("?status=placed")).toEqual([placed]);
    expect(await codes("?status=confirmed")).toEqual([confirmed]);
    expect(await codes("?status=cancelled")).toEqual([cancelled]);
    expect(await codes("?status=shipped")).toEqual([]);
    expect((await codes("?status=bogus")).sort()).toEqual([placed, confirmed, cancelled].sort());
    const list = await getList(owner.id, shop.id, "?status=confirmed&page=abc");
    expect(list).toMatchObject({ status: "confirmed", page: 1, pages: 1 });
    expect(Object.fromEntries(list.tabs.map((t) => [t.tab, t.count]))).toEqual({
      placed: 1,
      confirmed: 1,
      shipped: 0,
      delivered: 0,
      cancelled: 1,
      all: 3,
    });
  });

  it("pages newest first without repeating an order, and a page past the end shows the last", async () => {
    const { shop, product } = await sellerWithShop();
    const codes = [];
    for (let day = 1; day <= 3; day++) {
      codes.push(await placeSingleOrder(shop.id, product.id, { at: new Date(`2025-07-0${day}T02:00:00Z`) }));
    }
    const page = (n: number) => listShopOrders(shop.id, { status: "all", page: n, perPage: 2 });
    expect((await page(1)).orders.map((o) => o.code)).toEqual([codes[2], codes[1]]);
    expect(await page(2)).toMatchObject({ page: 2, pages: 2, total: 3 });
    expect((await page(2)).orders.map((o) => o.code)).toEqual([codes[0]]);
    expect((await page(9)).page).toBe(2);
  });

  it("refuses another shop's owner and a buyer with 403", async () => {
    const { shop } = await sellerWithShop();
    const other = await sellerWithShop();
    const buyer = await createUser(["buyer"]);
    expect((await thrown(() => getList(other.owner.id, shop.id))).status).toBe(403);
    expect((await thrown(() => getList(buyer.id, shop.id))).status).toBe(403);
    expect((await thrown(() => getList(buyer.id, "no-such-shop"))).status).toBe(404);
  });

  it("sends a visitor who is not signed in to the sign-in page, and back here after", async () => {
    const { shop } = await sellerWithShop();
    const request = new Request(shopUrl(`${shop.id}/orders?status=placed`));
    const response = await thrown(() => listLoader({ request, params: { sellerId: shop.id }, context }));
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe(
      `/login?${new URLSearchParams({ redirectTo: `/shop/${shop.id}/orders?status=placed` })}`,
    );
  });
});

// ───────────── One order and its moves ─────────────

describe("the order page and its forms", () => {
  it("takes a COD order from new to cash received, each move changing the order and the audit log", async () => {
    const { owner, shop, product } = await sellerWithShop();
    const code = await placeSingleOrder(shop.id, product.id, { buyer: { note: "Gọi trước khi giao" } });

    const page = await getOrder(owner.id, shop.id, code.toLowerCase());
    expect(page.actions).toEqual(["confirm", "cancel"]);
    expect(page.suspended).toBe(false);
    expect(page.order).toMatchObject({
      code,
      status: "placed",
      group: {
        buyerName: "Trần Thị Mua",
        buyerPhone: "+84912345678",
        addressLine: "Thôn Tân Hòa",
        note: "Gọi trước khi giao",
        commune: { name: "Cam Lâm" },
      },
    });

    await move(owner.id, shop.id, code, { intent: "confirm" });
    expect((await getOrder(owner.id, shop.id, code)).actions).toEqual(["ship", "cancel"]);
    await move(owner.id, shop.id, code, {
      intent: "ship",
      deliveryNote: "  Giao qua Viettel Post, mã VTP123 ",
    });
    expect((await getOrder(owner.id, shop.id, code)).actions).toEqual(["deliver", "mark_paid"]);
    await move(owner.id, shop.id, code, { intent: "deliver" });
    await move(owner.id, shop.id, code, { intent: "mark_paid" });

    const order = await orderRow(code);
    expect(order).toMatchObject({
      status: "delivered",
      paymentStatus: "paid",
      deliveryNote: "Giao qua Viettel Post, mã VTP123",
      paymentConfirmedById: owner.id,
    });
    for (const at of [order.confirmedAt, order.shippedAt, order.deliveredAt, order.paidAt]) {
      expect(at).toBeInstanceOf(Date);
    }
    expect((await auditOf(order.id)).map((a) => [a.action, a.actorId, a.onBehalfOfSellerId])).toEqual([
      ["order.confirm", owner.id, shop.id],
      ["order.ship", owner.id, shop.id],
      ["order.deliver", owner.id, shop.id],
      ["order.mark_paid", owner.id, shop.id],
    ]);
    const done = await getOrder(owner.id, shop.id, code);
    expect(done.actions).toEqual(["refund"]);
    expect(done.order.paidAt).toBeInstanceOf(Date);
  });

  it("ships without a delivery note (it is optional), and cancels and refunds with a reason", async () => {
    const { owner, shop, product } = await sellerWithShop({ acceptsBankTransfer: true });
    const shipped = await placeSingleOrder(shop.id, product.id);
    await move(owner.id, shop.id, shipped, { intent: "confirm" });
    await move(owner.id, shop.id, shipped, { intent: "ship", deliveryNote: "" });
    expect(await orderRow(shipped)).toMatchObject({ status: "shipped", deliveryNote: "" });

    const cancelled = await placeSingleOrder(shop.id, product.id, { quantityMilli: 1_500 });
    const stockBefore = (await getDb().product.findUniqueOrThrow({ where: { id: product.id } })).stockMilli;
    await move(owner.id, shop.id, cancelled, { intent: "cancel", reason: "Mưa lớn, không hái được" });
    expect(await orderRow(cancelled)).toMatchObject({
      status: "cancelled",
      cancelReason: "Mưa lớn, không hái được",
      cancelledBy: "seller",
    });
    expect((await getDb().product.findUniqueOrThrow({ where: { id: product.id } })).stockMilli).toBe(
      stockBefore + 1_500,
    );

    const transfer = await placeSingleOrder(shop.id, product.id, { method: "bank_transfer" });
    expect((await getOrder(owner.id, shop.id, transfer)).actions).toEqual(["confirm", "mark_paid", "cancel"]);
    await move(owner.id, shop.id, transfer, { intent: "mark_paid" });
    await move(owner.id, shop.id, transfer, { intent: "refund", reason: "Khách đổi ý, đã chuyển trả" });
    expect(await orderRow(transfer)).toMatchObject({
      paymentStatus: "refunded",
      refundReason: "Khách đổi ý, đã chuyển trả",
    });
    expect((await orderRow(transfer)).refundedAt).toBeInstanceOf(Date);
  });

  it("answers 400 with a message, and changes nothing, for a bad intent or an over-long text", async () => {
    const { owner, shop, product } = await sellerWithShop();
    const code = await placeSingleOrder(shop.id, product.id);
    await act(owner.id, code, { type: "confirm" });
    const before = await orderRow(code);
    const auditBefore = await auditOf(before.id);

    const cases: [Record<string, string>, string, boolean][] = [
      [
        { intent: "delete" },
        "Không rõ bạn muốn làm gì với đơn này. Vui lòng tải lại trang rồi thử lại.",
        false,
      ],
      [{}, "Không rõ bạn muốn làm gì với đơn này. Vui lòng tải lại trang rồi thử lại.", false],
      [{ intent: "cancel", reason: "x".repeat(501) }, "Lý do dài quá: tối đa 500 ký tự.", true],
      [{ intent: "cancel", reason: "   " }, "Vui lòng ghi lý do.", true],
      [{ intent: "cancel" }, "Vui lòng ghi lý do.", true],
      [
        { intent: "ship", deliveryNote: "y".repeat(301) },
        "Ghi chú giao hàng dài quá: tối đa 300 ký tự.",
        true,
      ],
    ];
    for (const [fields, message, onField] of cases) {
      const reply = (await postMove(owner.id, shop.id, code, fields)) as unknown as MoveReply;
      expect(reply.init.status, JSON.stringify(fields)).toBe(400);
      expect(reply.data).toMatchObject({ formError: message, onField });
    }
    expect(await orderRow(code)).toEqual(before);
    expect(await auditOf(before.id)).toEqual(auditBefore);
  });

  it("answers 409 with the state machine's reason, in the reader's language, and changes nothing", async () => {
    const { owner, shop, product } = await sellerWithShop();
    const code = await placeSingleOrder(shop.id, product.id);
    const before = await orderRow(code);

    const early = (await postMove(owner.id, shop.id, code, { intent: "mark_paid" })) as unknown as MoveReply;
    expect(early.init.status).toBe(409);
    expect(early.data).toMatchObject({
      intent: "mark_paid",
      formError: "Chỉ ghi nhận tiền mặt khi đơn đã được giao đi.",
      onField: false,
    });
    const english = (await postMove(
      owner.id,
      shop.id,
      code,
      { intent: "deliver" },
      { lang: "en" },
    )) as unknown as MoveReply;
    expect(english.init.status).toBe(409);
    expect(english.data.formError).toBe("The order is no longer in a state that allows this.");
    expect(await orderRow(code)).toEqual(before);
    expect(await auditOf(before.id)).toEqual([]);
  });

  it("keeps other shops out: 403 in someone else's shop, 404 for another shop's order in your own", async () => {
    const { shop, product } = await sellerWithShop();
    const other = await sellerWithShop();
    const code = await placeSingleOrder(shop.id, product.id);
    const before = await orderRow(code);

    expect((await thrown(() => getOrder(other.owner.id, shop.id, code))).status).toBe(403);
    expect((await thrown(() => postMove(other.owner.id, shop.id, code, { intent: "confirm" }))).status).toBe(
      403,
    );
    expect((await thrown(() => getOrder(other.owner.id, other.shop.id, code))).status).toBe(404);
    expect(
      (
        await thrown(() =>
          postMove(other.owner.id, other.shop.id, code, { intent: "cancel", reason: "Không phải của tôi" }),
        )
      ).status,
    ).toBe(404);
    expect((await thrown(() => getOrder(other.owner.id, other.shop.id, "not-a-code"))).status).toBe(404);

    expect(await orderRow(code)).toEqual(before);
    expect(await auditOf(before.id)).toEqual([]);
  });

  it("lets the onboarding volunteer act for the shop until the seller revokes the delegation", async () => {
    const volunteer = await createUser(["volunteer"]);
    const { owner, shop, product } = await sellerWithShop({ onboardedById: volunteer.id });
    const code = await placeSingleOrder(shop.id, product.id);

    expect((await getList(volunteer.id, shop.id)).orders.map((o) => o.code)).toEqual([code]);
    await move(volunteer.id, shop.id, code, { intent: "confirm" });
    const order = await orderRow(code);
    expect(order.status).toBe("confirmed");
    expect(await auditOf(order.id)).toMatchObject([
      { action: "order.confirm", actorId: volunteer.id, onBehalfOfSellerId: shop.id },
    ]);

    await getDb().seller.update({ where: { id: shop.id }, data: { delegationRevokedAt: new Date() } });
    expect((await thrown(() => getList(volunteer.id, shop.id))).status).toBe(403);
    expect((await thrown(() => getOrder(volunteer.id, shop.id, code))).status).toBe(403);
    expect(
      (await thrown(() => postMove(volunteer.id, shop.id, code, { intent: "ship", deliveryNote: "Tự giao" })))
        .status,
    ).toBe(403);
    expect(await orderRow(code)).toMatchObject({ status: "confirmed", shippedAt: null });
    // The seller still can.
    await move(owner.id, shop.id, code, { intent: "ship", deliveryNote: "Tự giao" });
  });

  it("lets a suspended shop read its orders but not change them", async () => {
    const { owner, shop, product } = await sellerWithShop();
    const code = await placeSingleOrder(shop.id, product.id);
    await getDb().seller.update({ where: { id: shop.id }, data: { status: "suspended" } });

    expect((await getList(owner.id, shop.id)).orders.map((o) => o.code)).toEqual([code]);
    const page = await getOrder(owner.id, shop.id, code);
    expect(page).toMatchObject({ suspended: true, actions: [] });
    const before = await orderRow(code);
    expect((await thrown(() => postMove(owner.id, shop.id, code, { intent: "confirm" }))).status).toBe(403);
    expect(await orderRow(code)).toEqual(before);
    expect(await auditOf(before.id)).toEqual([]);
  });
});

// ───────────── The link in the seller's email ─────────────

describe("GET /shop/orders/:code", () => {
  const getLink = async (userId: string | null, code: string) => {
    const url = shopUrl(`orders/${code}`);
    const request = userId ? await signedInRequest(userId, url) : new Request(url);
    return linkLoader({ request, params: { code }, context });
  };

  it("sends the shop's people to the order in their shop, and others nowhere", async () => {
    const volunteer = await createUser(["volunteer"]);
    const { owner, shop, product } = await sellerWithShop({ onboardedById: volunteer.id });
    const other = await sellerWithShop();
    const code = await placeSingleOrder(shop.id, product.id);

    for (const userId of [owner.id, volunteer.id]) {
      const response = (await getLink(userId, code)) as Response;
      expect(response.status).toBe(302);
      expect(response.headers.get("Location")).toBe(`/shop/${shop.id}/orders/${code}`);
    }
    expect((await thrown(() => getLink(other.owner.id, code))).status).toBe(403);
    expect((await thrown(() => getLink(owner.id, "CP22222222-1"))).status).toBe(404);
    const anonymous = await thrown(() => getLink(null, code));
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get("Location")).toBe(
      `/login?${new URLSearchParams({ redirectTo: `/shop/orders/${code}` })}`,
    );
  });
});

// ───────────── The ledger ─────────────

describe("GET /shop/:sellerId/ledger", () => {
  it("adds up cash collected by Vietnam's months, lists what is still to collect, and bank transfers", async () => {
    const { owner, shop, product } = await sellerWithShop({ acceptsBankTransfer: true });
    const other = await sellerWithShop();
    const db = getDb();

    /** A COD order sent and paid, with its payment recorded at `paidAt`. */
    const paidCod = async (quantityMilli: number, paidAt: string) => {
      const code = await placeSingleOrder(shop.id, product.id, { quantityMilli });
      await act(owner.id, code, { type: "confirm" });
      await act(owner.id, code, { type: "ship", deliveryNote: "" });
      await act(owner.id, code, { type: "mark_paid" });
      await db.order.update({ where: { code }, data: { paidAt: new Date(paidAt) } });
      return code;
    };
    // 23:59 on 30 June in Nha Trang; noon on 15 July; 00:30 on 1 August (still 31 July in UTC).
    const june = await paidCod(1_000, "2025-06-30T16:59:00Z");
    const july = await paidCod(2_000, "2025-07-15T05:00:00Z");
    const august = await paidCod(3_000, "2025-07-31T17:30:00Z");
    const julyToo = await paidCod(500, "2025-07-31T16:00:00Z");
    // Refunded: the money went back, so it is not counted.
    const refunded = await paidCod(1_000, "2025-07-20T05:00:00Z");
    await act(owner.id, refunded, { type: "refund", reason: "Hàng dập" });

    // Sent, not yet paid: outstanding. Placed: not yet.
    const outstanding = await placeSingleOrder(shop.id, product.id, { quantityMilli: 1_500 });
    await act(owner.id, outstanding, { type: "confirm" });
    await act(owner.id, outstanding, { type: "ship", deliveryNote: "" });
    await placeSingleOrder(shop.id, product.id);

    const transfer = await placeSingleOrder(shop.id, product.id, {
      method: "bank_transfer",
      quantityMilli: 1_000,
    });
    await act(owner.id, transfer, { type: "mark_paid" });
    await db.order.update({ where: { code: transfer }, data: { paidAt: new Date("2025-07-03T01:00:00Z") } });

    // Another shop's collections stay out.
    const elsewhere = await placeSingleOrder(other.shop.id, other.product.id);
    await act(other.owner.id, elsewhere, { type: "confirm" });
    await act(other.owner.id, elsewhere, { type: "ship", deliveryNote: "" });
    await act(other.owner.id, elsewhere, { type: "mark_paid" });

    const { ledger } = await getLedger(owner.id, shop.id);
    expect(ledger.codMonths).toEqual([
      { month: "2025-08", orders: 1, totalVnd: 195_000 },
      { month: "2025-07", orders: 2, totalVnd: 162_500 },
      { month: "2025-06", orders: 1, totalVnd: 65_000 },
    ]);
    expect(ledger.codTotalVnd).toBe(422_500);
    expect(ledger.selectedMonth).toBe("2025-08");
    expect(ledger.codOrders.map((o) => o.code)).toEqual([august]);
    expect(ledger.outstanding.map((o) => [o.code, o.amountVnd, o.status])).toEqual([
      [outstanding, 97_500, "shipped"],
    ]);
    expect(ledger.outstandingTotalVnd).toBe(97_500);
    expect(ledger.transferMonths).toEqual([{ month: "2025-07", orders: 1, totalVnd: 65_000 }]);

    const july2025 = (await getLedger(owner.id, shop.id, "?month=2025-07")).ledger;
    expect(july2025.selectedMonth).toBe("2025-07");
    expect(july2025.codOrders.map((o) => o.code)).toEqual([julyToo, july]);
    expect(
      (await getLedger(owner.id, shop.id, "?month=2025-06")).ledger.codOrders.map((o) => o.code),
    ).toEqual([june]);
    // A month that is not one falls back to the latest.
    expect((await getLedger(owner.id, shop.id, "?month=July")).ledger.selectedMonth).toBe("2025-08");

    expect((await thrown(() => getLedger(other.owner.id, shop.id))).status).toBe(403);
  });
});

// ───────────── The CSV export ─────────────

describe("GET /shop/:sellerId/orders.csv", () => {
  it("opens in Excel: BOM, CRLF, quoted fields, formulas defused, Vietnamese intact", async () => {
    const { owner, shop, product } = await sellerWithShop();
    const code = await placeSingleOrder(shop.id, product.id, {
      quantityMilli: 2_500,
      at: new Date("2025-07-14T02:05:00Z"),
      buyer: { buyerName: '=HYPERLINK("http://x.invalid","Bấm")', addressLine: "Thôn Tân Hòa, tổ 3" },
    });
    await act(owner.id, code, { type: "confirm" });
    await act(owner.id, code, { type: "ship", deliveryNote: 'Giao qua "Viettel Post"\nmã VTP123' });
    const placedOnly = await placeSingleOrder(shop.id, product.id, { at: new Date("2025-07-15T02:05:00Z") });

    const response = await getCsv(owner.id, shop.id);
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("Content-Disposition")).toMatch(
      new RegExp(`^attachment; filename="don-hang-${shop.slug}-\\d{4}-\\d{2}-\\d{2}\\.csv"$`),
    );
    expect(response.headers.get("Cache-Control")).toBe("private, no-store");
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes).slice(1);
    expect(text.endsWith("\r\n")).toBe(true);
    const records = text.split("\r\n");
    expect(records).toEqual([
      'Mã đơn,Ngày đặt,Trạng thái,Cách thanh toán,Thanh toán,Người mua,Số điện thoại,"Xã, phường",Địa chỉ,Sản phẩm,Số lượng,Đơn giá (đồng),Thành tiền (đồng),Tổng đơn (đồng),Ghi chú giao hàng',
      `${placedOnly},2025-07-15 09:05,Mới — chờ bạn xác nhận,Tiền mặt khi nhận hàng,Chưa thanh toán,Trần Thị Mua,0912 345 678,Cam Lâm,Thôn Tân Hòa,Xoài cát Hòa Lộc,2 kg,65000,130000,130000,`,
      `${code},2025-07-14 09:05,Đang giao,Tiền mặt khi nhận hàng,Chưa thanh toán,"'=HYPERLINK(""http://x.invalid"",""Bấm"")",0912 345 678,Cam Lâm,"Thôn Tân Hòa, tổ 3",Xoài cát Hòa Lộc,"2,5 kg",65000,162500,162500,"Giao qua ""Viettel Post""\nmã VTP123"`,
      "",
    ]);

    const shippedOnly = await (await getCsv(owner.id, shop.id, "?status=shipped")).text();
    expect(shippedOnly).toContain(code);
    expect(shippedOnly).not.toContain(placedOnly);
  });

  it("writes the header in English for an English reader, and keeps other shops out", async () => {
    const { owner, shop } = await sellerWithShop();
    const other = await sellerWithShop();
    const signedIn = await signedInRequest(owner.id, shopUrl(`${shop.id}/orders.csv`));
    const request = new Request(signedIn.url, {
      headers: { Cookie: `${signedIn.headers.get("Cookie")}; lang=en` },
    });
    const response = (await csvLoader({ request, params: { sellerId: shop.id }, context })) as Response;
    // text() decodes UTF-8 and drops the BOM, as a spreadsheet does.
    expect((await response.text()).split("\r\n")[0]).toBe(
      "Order code,Ordered at,Status,Payment method,Payment,Buyer,Phone,Commune / ward,Address,Product,Quantity,Unit price (VND),Line total (VND),Order total (VND),Delivery note",
    );
    expect((await thrown(() => getCsv(other.owner.id, shop.id))).status).toBe(403);
  });
});
