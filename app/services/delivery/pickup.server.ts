// A pickup point's day list for the volunteers who run it, and the handover: "the buyer has collected
// it". Who may see a point: the members of its volunteer team (any role) and admins. The handover
// records who handed the parcel over and when, and moves the order to delivered through the order
// state machine (orders.server.ts applyOrderChangeInTx), so the audit rows, the buyer's mails and the
// conditional updates are those of a seller's own moves.
import { orderTotalVnd, vietnamDayStart } from "#app/domain/delivery.ts";
import { isRecordId } from "#app/domain/ids.ts";
import type { OrderActor, OrderStatus } from "#app/domain/orders.ts";
import { allows } from "#app/domain/permissions.ts";
import { formatVietnamesePhone } from "#app/domain/phone.ts";
import { UserError } from "#app/domain/user-error.ts";
import { forbidden, notFound } from "#app/services/http/replies.server.ts";
import type { CurrentUser } from "../identity/auth.server.ts";
import { applyOrderChangeInTx, loadOrderForChange } from "../orders/orders.server.ts";
import { recordAudit } from "../platform/audit.server.ts";
import { getDb } from "../platform/db.server.ts";

// ───────────── Who may see a point ─────────────

/** "admin" (the marketplace team), "member" (of the point's volunteer team), or null. */
export type PointAccess = "admin" | "member";

async function pointAccess(user: CurrentUser, teamId: string): Promise<PointAccess | null> {
  if (allows(user.grants, "read:order:any")) return "admin";
  const member = await getDb().teamMember.findUnique({
    where: { teamId_userId: { teamId, userId: user.id } },
    select: { userId: true },
  });
  return member ? "member" : null;
}

/** Whether this user may see (and hand over parcels at) the point. False for an unknown point. */
export async function canSeePoint(user: CurrentUser, pointId: string) {
  if (!isRecordId(pointId)) return false;
  const point = await getDb().pickupPoint.findUnique({ where: { id: pointId }, select: { teamId: true } });
  return point !== null && (await pointAccess(user, point.teamId)) !== null;
}

const pointSelect = {
  id: true,
  name: true,
  kind: true,
  addressLine: true,
  hours: true,
  teamId: true,
  closedAt: true,
  commune: { select: { name: true } },
} as const;

/** The point and how the user stands to it: 404 for an unknown point, 403 for someone not on its team. */
export async function requirePoint(user: CurrentUser, pointId: string) {
  if (!isRecordId(pointId)) throw notFound();
  const point = await getDb().pickupPoint.findUnique({ where: { id: pointId }, select: pointSelect });
  if (!point) throw notFound();
  const access = await pointAccess(user, point.teamId);
  if (!access) throw forbidden();
  return { point, access };
}

/** The open points of the teams this user belongs to: for a link from the volunteer's pages. */
export async function myPickupPoints(userId: string) {
  return getDb().pickupPoint.findMany({
    where: { team: { members: { some: { userId } } } },
    select: { id: true, name: true, closedAt: true, commune: { select: { name: true } } },
    orderBy: { name: "asc" },
  });
}

// ───────────── The day list ─────────────

/** What the volunteer does about money: collect cash, nothing (paid), or nothing and ask the seller. */
export type ParcelPayment = "cod" | "paid" | "noCash";

export type PickupParcel = {
  code: string;
  status: OrderStatus;
  buyerName: string;
  buyerPhone: string;
  buyerPhoneDisplay: string;
  shopName: string;
  itemCount: number;
  payment: ParcelPayment;
  /** The cash to take from the buyer (goods plus delivery) when payment is "cod". */
  toCollectVnd: number | null;
  collectedAt: Date | null;
  /** The seller has confirmed and the parcel is not yet handed over: the button shows. */
  canCollect: boolean;
};

export type PickupDay = {
  /** Midnight Vietnam time of the market day. */
  day: Date;
  when: "today" | "later" | "overdue";
  parcels: PickupParcel[];
};

const DAY_LIMIT = 500;

const parcelSelect = {
  code: true,
  status: true,
  paymentMethod: true,
  paymentStatus: true,
  subtotalVnd: true,
  deliveryFeeVnd: true,
  pickupOn: true,
  collectedAt: true,
  group: { select: { buyerName: true, buyerPhone: true } },
  seller: { select: { displayName: true } },
  _count: { select: { items: true } },
} as const;

type ParcelRow = {
  code: string;
  status: OrderStatus;
  paymentMethod: string;
  paymentStatus: string;
  subtotalVnd: number;
  deliveryFeeVnd: number;
  pickupOn: Date | null;
  collectedAt: Date | null;
  group: { buyerName: string; buyerPhone: string };
  seller: { displayName: string };
  _count: { items: number };
};

function parcelOf(row: ParcelRow): PickupParcel {
  const payment: ParcelPayment =
    row.paymentStatus === "paid"
      ? "paid"
      : row.paymentMethod === "cod" && row.paymentStatus === "unpaid"
        ? "cod"
        : "noCash";
  return {
    code: row.code,
    status: row.status,
    buyerName: row.group.buyerName,
    buyerPhone: row.group.buyerPhone,
    buyerPhoneDisplay: formatVietnamesePhone(row.group.buyerPhone),
    shopName: row.seller.displayName,
    itemCount: row._count.items,
    payment,
    toCollectVnd: payment === "cod" ? orderTotalVnd(row) : null,
    collectedAt: row.collectedAt,
    canCollect: !row.collectedAt && (row.status === "confirmed" || row.status === "shipped"),
  };
}

/** Not yet handed over first, then by code, so the list reads the same on every reload. */
const byHandover = (a: PickupParcel, b: PickupParcel) =>
  Number(a.collectedAt !== null) - Number(b.collectedAt !== null) || a.code.localeCompare(b.code);

function groupByDay(rows: ParcelRow[], when: (day: Date) => PickupDay["when"]) {
  const days = new Map<number, PickupDay>();
  for (const row of rows) {
    if (!row.pickupOn) continue;
    const day = vietnamDayStart(row.pickupOn);
    let entry = days.get(day.getTime());
    if (!entry) {
      entry = { day, when: when(day), parcels: [] };
      days.set(day.getTime(), entry);
    }
    entry.parcels.push(parcelOf(row));
  }
  for (const entry of days.values()) entry.parcels.sort(byHandover);
  return [...days.values()];
}

/**
 * The parcels expected at the point, by market day (Vietnam time): today first (handed-over ones
 * included, shown as collected), then the coming days in order, then earlier days' parcels nobody
 * has collected yet ("quá hạn"), the most recent first. Cancelled orders never show; an earlier
 * day's delivered order (the seller recorded it) is done and does not show either.
 */
export async function pickupDayList(pointId: string, { now = new Date() }: { now?: Date } = {}) {
  const db = getDb();
  const today = vietnamDayStart(now);
  const [coming, overdue] = await Promise.all([
    db.order.findMany({
      where: { pickupPointId: pointId, status: { not: "cancelled" }, pickupOn: { gte: today } },
      orderBy: [{ pickupOn: "asc" }, { code: "asc" }],
      take: DAY_LIMIT,
      select: parcelSelect,
    }),
    db.order.findMany({
      where: {
        pickupPointId: pointId,
        status: { in: ["placed", "confirmed", "shipped"] },
        collectedAt: null,
        pickupOn: { lt: today },
      },
      orderBy: [{ pickupOn: "desc" }, { code: "asc" }],
      take: DAY_LIMIT,
      select: parcelSelect,
    }),
  ]);
  return [
    ...groupByDay(coming, (day) => (day.getTime() === today.getTime() ? "today" : "later")),
    ...groupByDay(overdue, () => "overdue"),
  ];
}

// ───────────── The handover ─────────────

/** An order code as printed on the label, e.g. "CP7K3M9Q-1" (the group code and the order's place). */
export const ORDER_CODE = /^CP[2-9A-HJKMNP-Z]{8}-\d{1,2}$/;

/**
 * The buyer has collected the parcel: records when and by whom, then moves the order to delivered —
 * through shipped first when the seller had only confirmed it (bringing the parcel to the point is
 * the seller's handover), two legal moves in one transaction. A COD order still unpaid is also marked
 * paid: the volunteer took the cash, and the state machine allows mark_paid for COD once delivered.
 * A bank transfer the seller has not confirmed stays unpaid (the volunteer cannot see the transfer).
 *
 * Refusals: an order not at this point (or no such order) → pickup.error.notHere; cancelled →
 * pickup.error.cancelled; placed (not confirmed) → pickup.error.notConfirmed; already handed over or
 * delivered → pickup.error.alreadyCollected. Pressing twice delivers once: the second press finds
 * the order delivered, and every write is conditional on the state it was decided on.
 */
export async function collectPickup(
  user: CurrentUser,
  pointId: string,
  orderCode: string,
  { siteUrl, now = new Date() }: { siteUrl: string; now?: Date },
) {
  const { point, access } = await requirePoint(user, pointId);
  if (!ORDER_CODE.test(orderCode)) throw new UserError("pickup.error.notHere", {}, 404);
  const db = getDb();
  return db.$transaction(async (tx) => {
    const order = await loadOrderForChange(tx, { code: orderCode });
    // Another point's order reads like no order at all: a volunteer learns nothing about other points.
    if (!order || order.pickupPoint?.id !== point.id) throw new UserError("pickup.error.notHere", {}, 404);
    if (order.status === "cancelled") throw new UserError("pickup.error.cancelled", {}, 409);
    if (order.status === "placed") throw new UserError("pickup.error.notConfirmed", {}, 409);
    if (order.status === "delivered" || order.collectedAt) {
      throw new UserError("pickup.error.alreadyCollected", { code: order.code }, 409);
    }

    // The actor the state machine judges. A team member hands the parcel over for the seller: the
    // seller chose this point and brought the goods there, so the volunteer acts as the seller's agent
    // for this one step ("seller": ship, deliver and mark_paid are the seller's moves, and the audit
    // says on whose behalf). We do not use "admin" for a volunteer: admin is the marketplace team,
    // and the audit must not make a point volunteer look like one. An admin pressing the button stays
    // "admin", as actorFor in orders.server.ts does. The collect action only ever asks for these three
    // moves, for which seller and admin have the same rules, so nothing more is allowed through.
    const who: { actor: OrderActor; userId: string; onBehalfOfSellerId: string | null } =
      access === "admin"
        ? { actor: "admin", userId: user.id, onBehalfOfSellerId: null }
        : { actor: "seller", userId: user.id, onBehalfOfSellerId: order.sellerId };

    const claimed = await tx.order.updateMany({
      where: { id: order.id, pickupPointId: point.id, status: order.status, collectedAt: null },
      data: { collectedAt: now, collectedById: user.id },
    });
    if (claimed.count !== 1) throw new UserError("order.refuse.changed", {}, 409);
    await recordAudit(tx, {
      actorId: user.id,
      onBehalfOfSellerId: who.onBehalfOfSellerId,
      action: "order.pickup.collect",
      entityType: "Order",
      entityId: order.id,
      before: { status: order.status, collectedAt: null },
      after: { pickupPointId: point.id, collectedAt: now.toISOString(), collectedById: user.id },
    });

    const ctx = { siteUrl, now };
    let current = order;
    if (current.status === "confirmed") {
      // The note the buyer's "shipped" mail shows: where the parcel waits.
      const change = await applyOrderChangeInTx(
        tx,
        current,
        { type: "ship", deliveryNote: point.name },
        who,
        ctx,
      );
      current = { ...current, status: "shipped", deliveryNote: change.deliveryNote ?? current.deliveryNote };
    }
    await applyOrderChangeInTx(tx, current, { type: "deliver" }, who, ctx);
    current = { ...current, status: "delivered" };
    const collectsCash = current.paymentMethod === "cod" && current.paymentStatus === "unpaid";
    if (collectsCash) await applyOrderChangeInTx(tx, current, { type: "mark_paid" }, who, ctx);
    return { code: order.code, paid: collectsCash };
  });
}
