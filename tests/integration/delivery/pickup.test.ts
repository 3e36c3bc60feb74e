// The pickup point's day list (/diem-nhan/:pointId), called as Remix calls it (loader and action with
// signed-in Requests) against a real database: who may open it (the point's team and admins; others
// are refused, signed-out visitors sent to sign in), what it lists by market day, and the handover —
// the order delivered through the state machine with the audit rows, once, and refused with the
// right message when the order is not ready, cancelled or at another point.
import crypto from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { vietnamDayStart } from "#app/domain/delivery.ts";
import type { OrderAction } from "#app/domain/orders.ts";
import { makeT } from "#app/i18n/i18n.ts";
import { action as pickupAction, loader as pickupLoader } from "#app/routes/diem-nhan+/$pointId.tsx";
import { canSeePoint } from "#app/services/delivery/pickup.server.ts";
import { getUser } from "#app/services/identity/auth.server.ts";
import { addToCart, getCartView } from "#app/services/orders/cart.server.ts";
import { placeOrder } from "#app/services/orders/checkout.server.ts";
import { actOnOrder } from "#app/services/orders/orders.server.ts";
import { MAIL_TOPIC } from "#app/services/messaging/mail/outbox-mail.server.ts";
import { getDb } from "#app/services/platform/db.server.ts";
import { checkoutInput, createProduct, createShop, ensurePlaces } from "#tests/fixtures/shops.ts";
import { createUser, signedInRequest, thrown } from "#tests/helpers.ts";

const siteUrl = "http://localhost";
const context = { clientAddress: "203.0.113.41" };
const t = makeT("vi");
const DAY_MS = 86_400_000;
const POINT_FEE = 5_000;

type Reply = { data: { orderCode: string | null; formError: string }; init: { status: number } };

// ───────────── Fixtures ─────────────

const unique = () => crypto.randomBytes(4).toString("hex");

/** A volunteer team with one member, a pickup point it runs (open every day), and a shop serving it. */
async function pickupWorld({ acceptsBankTransfer = false } = {}) {
  const db = getDb();
  const { commune } = await ensurePlaces();
  const member = await createUser(["volunteer"]);
  const team = await db.volunteerTeam.create({
    data: {
      name: `Tổ công nghệ số ${unique()}`,
      communeId: commune.id,
      members: { create: [{ userId: member.id, role: "member" }] },
    },
  });
  const point = await db.pickupPoint.create({
    data: {
      name: `Nhà văn hóa thôn ${unique()}`,
      kind: "team_office",
      communeId: commune.id,
      addressLine: "Thôn Tân Hòa",
      hours: "6:00–10:00",
      schedule: { type: "weekly", days: [0, 1, 2, 3, 4, 5, 6] },
      teamId: team.id,
    },
  });
  const owner = await createUser(["seller"]);
  const shop = await createShop({ ownerId: owner.id, acceptsBankTransfer });
  await db.sellerPickupPoint.create({
    data: { sellerId: shop.id, pickupPointId: point.id, feeVnd: POINT_FEE },
  });
  const product = await createProduct(shop.id, { priceVnd: 65_000, stockMilli: 100_000, stepMilli: 500 });
  return { member, team, point, owner, shop, product };
}

/** A checkout with this shop's parcel to be collected at the point; returns the order code. */
async function placePickupOrder(
  w: { shop: { id: string }; product: { id: string }; point: { id: string } },
  { method = "cod" as "cod" | "bank_transfer", quantityMilli = 2_000, buyerName = "Trần Thị Mua" } = {},
) {
  const added = await addToCart({ userId: null, guestCartId: null }, w.product.id, quantityMilli);
  const owner = { userId: null, guestCartId: added.cartId };
  const cart = await getCartView(owner);
  const placed = await placeOrder(
    checkoutInput(
      cart,
      { [w.shop.id]: method },
      {
        buyerName,
        buyerEmail: `mua-${unique()}@example.vn`,
        ship: { [w.shop.id]: { key: `pickup:${w.point.id}`, feeVnd: POINT_FEE } },
      },
    ),
    { owner, buyerId: null, locale: "vi", siteUrl, cardPayments: null },
  );
  return `${placed.groupCode}-1`;
}

async function act(userId: string, orderCode: string, action: OrderAction) {
  const user = await getUser(await signedInRequest(userId));
  return actOnOrder(user!, orderCode, action, { siteUrl });
}

const today = () => vietnamDayStart(new Date());
/** Moves the parcel to another market day, `days` from today (negative: in the past). */
const waitOn = (code: string, days: number) =>
  getDb().order.update({ where: { code }, data: { pickupOn: new Date(today().getTime() + days * DAY_MS) } });

const orderRow = (code: string) => getDb().order.findUniqueOrThrow({ where: { code } });
const auditOf = (orderId: string) =>
  getDb().auditLog.findMany({ where: { entityType: "Order", entityId: orderId } });

// ───────────── Calling the route ─────────────

const pageUrl = (pointId: string) => `http://localhost/diem-nhan/${pointId}`;

async function getPage(userId: string, pointId: string) {
  const request = await signedInRequest(userId, pageUrl(pointId));
  return pickupLoader({ request, params: { pointId }, context });
}

async function postCollect(userId: string | null, pointId: string, fields: Record<string, string>) {
  const init = {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(fields).toString(),
  };
  const request = userId
    ? await signedInRequest(userId, pageUrl(pointId), init)
    : new Request(pageUrl(pointId), init);
  return pickupAction({ request, params: { pointId }, context });
}

/** A handover that must succeed: back to the list with the confirmation. */
async function collect(userId: string, pointId: string, orderCode: string) {
  const response = (await postCollect(userId, pointId, { intent: "collect", orderCode })) as Response;
  expect(response).toBeInstanceOf(Response);
  expect(response.status).toBe(302);
  expect(response.headers.get("Location")).toBe(`/diem-nhan/${pointId}?xong=${orderCode.toUpperCase()}`);
}

/** A refused handover: the reply's status and message. */
async function refused(userId: string, pointId: string, orderCode: string) {
  const reply = (await postCollect(userId, pointId, { intent: "collect", orderCode })) as unknown as Reply;
  return { status: reply.init.status, message: reply.data.formError };
}

beforeAll(async () => {
  await ensurePlaces();
});

// ───────────── Who may open the list ─────────────

describe("GET /diem-nhan/:pointId — access", () => {
  it("lets the point's team members and admins in, refuses other volunteers, sends visitors to sign in", async () => {
    const w = await pickupWorld();
    const admin = await createUser(["admin"]);
    const outsider = await createUser(["volunteer"]);
    const otherWorld = await pickupWorld();

    const page = await getPage(w.member.id, w.point.id);
    expect(page.point).toMatchObject({ id: w.point.id, name: w.point.name, communeName: "Cam Lâm" });
    expect((await getPage(admin.id, w.point.id)).point.id).toBe(w.point.id);

    // A volunteer of another team (even one running another point) is refused.
    for (const userId of [outsider.id, otherWorld.member.id, w.owner.id]) {
      expect((await thrown(() => getPage(userId, w.point.id))).status).toBe(403);
    }

    const anonymous = await thrown(() =>
      pickupLoader({ request: new Request(pageUrl(w.point.id)), params: { pointId: w.point.id }, context }),
    );
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get("Location")).toBe(
      `/login?${new URLSearchParams({ redirectTo: `/diem-nhan/${w.point.id}` })}`,
    );

    expect((await thrown(() => getPage(w.member.id, "no-such-point"))).status).toBe(404);
    expect((await thrown(() => getPage(w.member.id, "../../etc/passwd"))).status).toBe(404);

    const user = (await getUser(await signedInRequest(w.member.id)))!;
    expect(await canSeePoint(user, w.point.id)).toBe(true);
    expect(await canSeePoint(user, otherWorld.point.id)).toBe(false);
    expect(await canSeePoint(user, "no-such-point")).toBe(false);
  });
});

// ───────────── The day list ─────────────

describe("GET /diem-nhan/:pointId — the day list", () => {
  it("lists today's parcels first, then later days, then overdue ones, with the cash to collect", async () => {
    const w = await pickupWorld({ acceptsBankTransfer: true });
    const other = await pickupWorld();

    const todayCod = await placePickupOrder(w, { buyerName: "Lê Văn Hôm Nay" });
    await waitOn(todayCod, 0);
    await act(w.owner.id, todayCod, { type: "confirm" });
    const todayPlaced = await placePickupOrder(w, { buyerName: "Phạm Chưa Xác Nhận" });
    await waitOn(todayPlaced, 0);
    const tomorrowBank = await placePickupOrder(w, { method: "bank_transfer", quantityMilli: 1_000 });
    await waitOn(tomorrowBank, 1);
    await act(w.owner.id, tomorrowBank, { type: "confirm" });
    await act(w.owner.id, tomorrowBank, { type: "mark_paid" });
    const overdue = await placePickupOrder(w, { buyerName: "Ngô Quá Hạn" });
    await waitOn(overdue, -2);
    await act(w.owner.id, overdue, { type: "confirm" });
    // Not listed: a cancelled order, an earlier day's order already delivered, another point's order.
    const cancelled = await placePickupOrder(w);
    await waitOn(cancelled, 0);
    await act(w.owner.id, cancelled, { type: "cancel", reason: "Hết hàng" });
    const deliveredEarlier = await placePickupOrder(w);
    await waitOn(deliveredEarlier, -1);
    await act(w.owner.id, deliveredEarlier, { type: "confirm" });
    await act(w.owner.id, deliveredEarlier, { type: "ship", deliveryNote: "" });
    await act(w.owner.id, deliveredEarlier, { type: "deliver" });
    const elsewhere = await placePickupOrder(other);
    await waitOn(elsewhere, 0);

    const { days } = await getPage(w.member.id, w.point.id);
    expect(days.map((d) => [d.when, d.day.getTime()])).toEqual([
      ["today", today().getTime()],
      ["later", today().getTime() + DAY_MS],
      ["overdue", today().getTime() - 2 * DAY_MS],
    ]);
    const codes = days.flatMap((d) => d.parcels.map((p) => p.code));
    expect(codes.sort()).toEqual([todayCod, todayPlaced, tomorrowBank, overdue].sort());

    const first = days[0]!.parcels.find((p) => p.code === todayCod)!;
    expect(first).toMatchObject({
      buyerName: "Lê Văn Hôm Nay",
      buyerPhone: "+84912345678",
      buyerPhoneDisplay: "0912 345 678",
      shopName: w.shop.displayName,
      itemCount: 1,
      payment: "cod",
      // 2 kg × 65.000 ₫ plus the point's 5.000 ₫.
      toCollectVnd: 135_000,
      collectedAt: null,
      canCollect: true,
    });
    expect(days[0]!.parcels.find((p) => p.code === todayPlaced)).toMatchObject({
      status: "placed",
      canCollect: false,
    });
    expect(days[1]!.parcels[0]).toMatchObject({
      code: tomorrowBank,
      payment: "paid",
      toCollectVnd: null,
      canCollect: true,
    });
    expect(days[2]!.parcels[0]).toMatchObject({ code: overdue, buyerName: "Ngô Quá Hạn", canCollect: true });
  });

  it("says so when nothing is waiting", async () => {
    const w = await pickupWorld();
    expect((await getPage(w.member.id, w.point.id)).days).toEqual([]);
  });
});

// ───────────── The handover ─────────────

describe("POST /diem-nhan/:pointId — the buyer has collected it", () => {
  it("takes a confirmed COD order through shipped to delivered and paid, audited as the volunteer for the seller", async () => {
    const w = await pickupWorld();
    const code = await placePickupOrder(w);
    await waitOn(code, 0);
    await act(w.owner.id, code, { type: "confirm" });

    await collect(w.member.id, w.point.id, code.toLowerCase());

    const order = await orderRow(code);
    expect(order).toMatchObject({
      status: "delivered",
      paymentStatus: "paid",
      collectedById: w.member.id,
      paymentConfirmedById: w.member.id,
    });
    for (const at of [order.collectedAt, order.shippedAt, order.deliveredAt, order.paidAt]) {
      expect(at).toBeInstanceOf(Date);
    }
    const audit = await auditOf(order.id);
    const byVolunteer = audit
      .filter((a) => a.actorId === w.member.id)
      .map((a) => [a.action, a.onBehalfOfSellerId])
      .sort();
    expect(byVolunteer).toEqual([
      ["order.deliver", w.shop.id],
      ["order.mark_paid", w.shop.id],
      ["order.pickup.collect", w.shop.id],
      ["order.ship", w.shop.id],
    ]);
    expect(audit.find((a) => a.action === "order.deliver")?.after).toMatchObject({
      status: "delivered",
      actor: "seller",
    });
    // The buyer hears of it as of a seller's moves.
    const mails = await getDb().outboxMessage.findMany({ where: { topic: MAIL_TOPIC } });
    const tags = mails
      .map((m) => m.payload as { tag?: string; subject?: string })
      .filter((p) => p.subject?.includes(code))
      .map((p) => p.tag);
    expect(tags).toEqual(expect.arrayContaining(["order.delivered.buyer", "order.paid.buyer"]));

    // Back on the list: still under today, shown as collected, no button.
    const page = await getPage(w.member.id, w.point.id);
    expect(page.doneCode).toBeNull();
    const parcel = page.days[0]!.parcels[0]!;
    expect(parcel).toMatchObject({ code, payment: "paid", canCollect: false });
    expect(parcel.collectedAt).toBeInstanceOf(Date);
    const confirmation = await pickupLoader({
      request: await signedInRequest(w.member.id, `${pageUrl(w.point.id)}?xong=${code}`),
      params: { pointId: w.point.id },
      context,
    });
    expect(confirmation.doneCode).toBe(code);
  });

  it("delivers a shipped bank-transfer order without marking it paid", async () => {
    const w = await pickupWorld({ acceptsBankTransfer: true });
    const code = await placePickupOrder(w, { method: "bank_transfer" });
    await act(w.owner.id, code, { type: "confirm" });
    await act(w.owner.id, code, { type: "ship", deliveryNote: "Mang ra điểm nhận" });

    await collect(w.member.id, w.point.id, code);

    expect(await orderRow(code)).toMatchObject({
      status: "delivered",
      paymentStatus: "unpaid",
      deliveryNote: "Mang ra điểm nhận",
      collectedById: w.member.id,
    });
    const actions = (await auditOf((await orderRow(code)).id)).map((a) => a.action).sort();
    expect(actions).toEqual(["order.confirm", "order.deliver", "order.pickup.collect", "order.ship"]);
  });

  it("delivers once when pressed twice, and says it was already handed over", async () => {
    const w = await pickupWorld();
    const code = await placePickupOrder(w);
    await act(w.owner.id, code, { type: "confirm" });
    await collect(w.member.id, w.point.id, code);
    const first = await orderRow(code);

    expect(await refused(w.member.id, w.point.id, code)).toEqual({
      status: 409,
      message: t("pickup.error.alreadyCollected", { code }),
    });
    const again = await orderRow(code);
    expect(again.collectedAt).toEqual(first.collectedAt);
    expect(again.deliveredAt).toEqual(first.deliveredAt);
    const delivered = (await auditOf(first.id)).filter((a) => a.action === "order.deliver");
    expect(delivered).toHaveLength(1);
  });

  it("refuses a parcel the seller has not confirmed, a cancelled one and another point's, changing nothing", async () => {
    const w = await pickupWorld();
    const other = await pickupWorld();
    const placed = await placePickupOrder(w);
    const cancelled = await placePickupOrder(w);
    await act(w.owner.id, cancelled, { type: "cancel", reason: "Mưa lớn, không hái được" });
    const elsewhere = await placePickupOrder(other);
    await act(other.owner.id, elsewhere, { type: "confirm" });

    expect(await refused(w.member.id, w.point.id, placed)).toEqual({
      status: 409,
      message: t("pickup.error.notConfirmed"),
    });
    expect(await refused(w.member.id, w.point.id, cancelled)).toEqual({
      status: 409,
      message: t("pickup.error.cancelled"),
    });
    // Another point's order, and a code nobody has, read the same.
    expect(await refused(w.member.id, w.point.id, elsewhere)).toEqual({
      status: 404,
      message: t("pickup.error.notHere"),
    });
    expect(await refused(w.member.id, w.point.id, "CP22222222-9")).toEqual({
      status: 404,
      message: t("pickup.error.notHere"),
    });

    expect(await orderRow(placed)).toMatchObject({ status: "placed", collectedAt: null });
    expect(await orderRow(cancelled)).toMatchObject({ status: "cancelled", collectedAt: null });
    expect(await orderRow(elsewhere)).toMatchObject({ status: "confirmed", collectedAt: null });
    // The other point's own team may hand it over.
    await collect(other.member.id, other.point.id, elsewhere);
    expect((await orderRow(elsewhere)).status).toBe("delivered");
  });

  it("answers a bad form with a message, an outsider with 403 and a visitor with the sign-in page", async () => {
    const w = await pickupWorld();
    const code = await placePickupOrder(w);
    await act(w.owner.id, code, { type: "confirm" });
    const outsider = await createUser(["volunteer"]);

    const badForms: Record<string, string>[] = [
      { intent: "collect", orderCode: "not-a-code" },
      { intent: "collect" },
      { intent: "deliver", orderCode: code },
      { orderCode: code },
      { intent: "collect", orderCode: `${code}\u0000` },
    ];
    for (const fields of badForms) {
      const reply = (await postCollect(w.member.id, w.point.id, fields)) as unknown as Reply;
      expect(reply.init.status).toBe(400);
      expect(reply.data.formError).toBe(t("pickup.error.badForm"));
    }
    const json = await thrown(async () =>
      pickupAction({
        request: await signedInRequest(w.member.id, pageUrl(w.point.id), {
          method: "POST",
          headers: { "Content-Type": "application/json" },
          body: JSON.stringify({ intent: "collect", orderCode: code }),
        }),
        params: { pointId: w.point.id },
        context,
      }),
    );
    expect(json.status).toBe(415);

    expect(
      (await thrown(() => postCollect(outsider.id, w.point.id, { intent: "collect", orderCode: code })))
        .status,
    ).toBe(403);
    const visitor = await thrown(() => postCollect(null, w.point.id, { intent: "collect", orderCode: code }));
    expect(visitor.status).toBe(302);
    expect(visitor.headers.get("Location")).toMatch(/^\/login\?/);

    expect(await orderRow(code)).toMatchObject({ status: "confirmed", collectedAt: null });
  });

  it("lets an admin hand a parcel over, audited as admin", async () => {
    const w = await pickupWorld();
    const admin = await createUser(["admin"]);
    const code = await placePickupOrder(w);
    await act(w.owner.id, code, { type: "confirm" });
    await collect(admin.id, w.point.id, code);
    const order = await orderRow(code);
    expect(order).toMatchObject({ status: "delivered", paymentStatus: "paid", collectedById: admin.id });
    const deliver = (await auditOf(order.id)).find((a) => a.action === "order.deliver")!;
    expect(deliver).toMatchObject({ actorId: admin.id, onBehalfOfSellerId: null });
    expect(deliver.after).toMatchObject({ actor: "admin" });
  });
});
