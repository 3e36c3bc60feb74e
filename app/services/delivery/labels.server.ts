// Printable delivery labels (A6, one per parcel): the order code as a QR code and as text, who sends
// it, who receives it, the cash to collect and how it travels. One order's label, or a day's batch.
//
// The day's batch — the parcels the shop hands over on that Vietnam day (UTC+7). An order is in it
// when it is confirmed or shipped (placed orders are not packed yet; delivered and cancelled ones are
// done) and:
//   - a pickup order: its market day (pickupOn) is that day;
//   - any other order: it was confirmed that day, or it is still waiting to ship (confirmed, not
//     shipped) and was confirmed before that day — yesterday's leftovers go out today too.
// So a shipped order reprints only on the day it was confirmed, and a pickup order only on its market
// day. The rule reads the stored columns only; nothing is written.
//
// Every function takes the shop's id from requireShop, so a query can only reach that shop's rows.
import QRCode from "qrcode";
import { z } from "zod";
import { orderTotalVnd, vietnamDayStart } from "#app/domain/delivery.ts";
import { formatVietnamesePhone } from "#app/domain/phone.ts";
import { getDb } from "../platform/db.server.ts";
import { orderDeliverySelect } from "../orders/orders.server.ts";

const DAY_MS = 86_400_000;
const VIETNAM_OFFSET_MS = 7 * 3_600_000;

const labelSelect = {
  code: true,
  status: true,
  paymentMethod: true,
  paymentStatus: true,
  subtotalVnd: true,
  ...orderDeliverySelect,
  deliveryNote: true,
  confirmedAt: true,
  seller: {
    select: {
      displayName: true,
      contactName: true,
      phone: true,
      addressLine: true,
      commune: { select: { name: true } },
    },
  },
  group: {
    select: {
      buyerName: true,
      buyerPhone: true,
      addressLine: true,
      note: true,
      commune: { select: { name: true } },
    },
  },
} as const;

type LabelRow = NonNullable<Awaited<ReturnType<typeof loadLabelRow>>>;

function loadLabelRow(sellerId: string, code: string) {
  return getDb().order.findFirst({ where: { code, sellerId }, select: labelSelect });
}

/** The cash the courier collects: goods and delivery for an unpaid cash-on-delivery order, else none. */
export function codAmountVnd(order: {
  paymentMethod: string;
  paymentStatus: string;
  subtotalVnd: number;
  deliveryFeeVnd: number;
}) {
  return order.paymentMethod === "cod" && order.paymentStatus === "unpaid" ? orderTotalVnd(order) : null;
}

/** The order code as an SVG QR code (scanned at the handover, or by the buyer to find the order). */
function codeQrSvg(code: string) {
  return QRCode.toString(code, { type: "svg", errorCorrectionLevel: "M", margin: 1 });
}

async function toLabel(row: LabelRow) {
  const { seller, group } = row;
  return {
    code: row.code,
    status: row.status,
    qrSvg: await codeQrSvg(row.code),
    sender: {
      shopName: seller.displayName,
      contactName: seller.contactName,
      phone: seller.phone,
      phoneDisplay: formatVietnamesePhone(seller.phone),
      addressLine: seller.addressLine,
      communeName: seller.commune.name,
    },
    receiver: {
      name: group.buyerName,
      phone: group.buyerPhone,
      phoneDisplay: formatVietnamesePhone(group.buyerPhone),
      addressLine: group.addressLine,
      communeName: group.commune.name,
    },
    codVnd: codAmountVnd(row),
    paid: row.paymentStatus === "paid",
    delivery: {
      deliveryMethod: row.deliveryMethod,
      deliveryFeeVnd: row.deliveryFeeVnd,
      deliveryRule: row.deliveryRule,
      pickupOn: row.pickupOn,
      pickupPoint: row.pickupPoint,
      carrierTrackingCode: row.carrierTrackingCode,
    },
    buyerNote: group.note,
    deliveryNote: row.deliveryNote,
  };
}
export type ShippingLabelData = Awaited<ReturnType<typeof toLabel>>;

/** The label of one of this shop's orders, or null when the shop has no such order. */
export async function shippingLabel(sellerId: string, code: string) {
  const row = await loadLabelRow(sellerId, code);
  return row ? toLabel(row) : null;
}

// ───────────── The day's batch ─────────────

/** The Vietnam day `now` falls on, as "YYYY-MM-DD". */
export function vietnamToday(now = new Date()) {
  return new Date(vietnamDayStart(now).getTime() + VIETNAM_OFFSET_MS).toISOString().slice(0, 10);
}

/** ?ngay= as a Vietnam day; anything else (missing, a typo, 2026-02-30) reads as today. */
export function parseLabelDay(input: string | null | undefined, now = new Date()) {
  return z.iso
    .date()
    .refine((day) => day >= "2000-01-01" && day <= "2999-12-31")
    .catch(vietnamToday(now))
    .parse(input ?? undefined);
}

/** Midnight of the Vietnam day "YYYY-MM-DD", as an instant. */
const dayStartOf = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) - VIETNAM_OFFSET_MS);

/** The labels of the parcels this shop hands over on `day` (the rule is in the file header). */
export async function shippingLabelsForDay(sellerId: string, day: string) {
  const start = dayStartOf(parseLabelDay(day));
  const that = { gte: start, lt: new Date(start.getTime() + DAY_MS) };
  const rows = await getDb().order.findMany({
    where: {
      sellerId,
      status: { in: ["confirmed", "shipped"] },
      OR: [
        { deliveryMethod: "pickup", pickupOn: that },
        { deliveryMethod: { not: "pickup" }, confirmedAt: that },
        { deliveryMethod: { not: "pickup" }, status: "confirmed", confirmedAt: { lt: start } },
      ],
    },
    // The order they were confirmed in; the code breaks ties, so a reprint comes out the same.
    orderBy: [{ confirmedAt: "asc" }, { code: "asc" }],
    take: 200,
    select: labelSelect,
  });
  return Promise.all(rows.map(toLabel));
}
