// The emails orders send: to the seller when an order arrives (or its card payment clears), to the
// buyer when they order and whenever their order moves. Written into the outbox by the transaction
// that causes them. Server-only texts, so they stay out of the browser bundle.
import { formatVnd } from "#app/domain/money.ts";
import { formatDate } from "#app/domain/dates.ts";
import { orderTotalVnd } from "#app/domain/delivery.ts";
import type { OrderStatus, PaymentMethod } from "#app/domain/orders.ts";
import { formatQuantity, type ProductUnit, unitLabel } from "#app/domain/units.ts";
import { formatVietnamesePhone } from "#app/domain/phone.ts";
import { isLocale, type Locale } from "#app/i18n/locales.ts";
import type { MailMessage } from "../messaging/mail/mailer.server.ts";

export type MailOrder = {
  code: string;
  status: OrderStatus;
  paymentMethod: PaymentMethod;
  subtotalVnd: number;
  deliveryFeeVnd: number;
  deliveryMethod: "seller" | "pickup" | "carrier";
  /** Where the buyer collects a pickup order, and on which day. */
  pickup: { name: string; addressLine: string; communeName: string; hours: string; on: Date | null } | null;
  deliveryNote: string;
  cancelReason: string;
  refundReason: string;
  items: { productName: string; unit: ProductUnit; quantityMilli: number; lineTotalVnd: number }[];
  seller: { displayName: string };
};

export type MailGroup = {
  code: string;
  locale: string;
  buyerName: string;
  buyerPhone: string;
  buyerEmail: string | null;
  addressLine: string;
  communeName: string;
  note: string;
};

const texts = {
  vi: {
    method: { cod: "Thanh toán khi nhận hàng (COD)", bank_transfer: "Chuyển khoản (VietQR)", card: "Thẻ" },
    sellerSubject: "Đơn hàng mới {code} — {total}",
    sellerIntro: "Chợ Phiên có đơn hàng mới cho {shop}. Vui lòng xác nhận đơn sớm.",
    buyer: "Người mua",
    address: "Giao đến",
    note: "Ghi chú",
    payment: "Thanh toán",
    total: "Tổng",
    open: "Xem đơn hàng",
    placedSubject: "Chợ Phiên đã nhận đơn {code}",
    placedIntro: "Cảm ơn {name}! Chợ Phiên đã nhận đơn {code}. Mỗi người bán sẽ xác nhận phần đơn của mình.",
    lookup: "Tra cứu đơn bằng mã đơn và số điện thoại tại",
    statusSubject: "Đơn {code}: {status}",
    status: {
      placed: "đã đặt",
      confirmed: "người bán đã xác nhận",
      shipped: "đang giao",
      delivered: "đã giao",
      cancelled: "đã hủy",
    },
    paidSubject: "Đơn {code}: đã nhận thanh toán",
    refundedSubject: "Đơn {code}: đã hoàn tiền",
    deliveryNote: "Thông tin giao hàng",
    reason: "Lý do",
    from: "Người bán",
    goods: "Tiền hàng",
    delivery: "Giao hàng",
    fee: "phí",
    free: "miễn phí",
    bySeller: "Người bán giao",
    carrier: "Giao Hàng Nhanh (GHN)",
    pickupAt: "Nhận tại {point} ({address}, {commune}), ngày {date} {hours}",
    pickupCode: "Mang mã đơn {code} khi đến nhận.",
  },
  en: {
    method: { cod: "Cash on delivery", bank_transfer: "Bank transfer (VietQR)", card: "Card" },
    sellerSubject: "New order {code} — {total}",
    sellerIntro: "There is a new Chợ Phiên order for {shop}. Please confirm it soon.",
    buyer: "Buyer",
    address: "Deliver to",
    note: "Note",
    payment: "Payment",
    total: "Total",
    open: "Open the order",
    placedSubject: "Chợ Phiên received order {code}",
    placedIntro: "Thank you, {name}! Chợ Phiên received order {code}. Each seller confirms their part.",
    lookup: "Look your order up with its code and your phone number at",
    statusSubject: "Order {code}: {status}",
    status: {
      placed: "placed",
      confirmed: "confirmed by the seller",
      shipped: "on its way",
      delivered: "delivered",
      cancelled: "cancelled",
    },
    paidSubject: "Order {code}: payment received",
    refundedSubject: "Order {code}: refunded",
    deliveryNote: "Delivery",
    reason: "Reason",
    from: "Seller",
    goods: "Goods",
    delivery: "Delivery",
    fee: "fee",
    free: "free",
    bySeller: "Delivered by the seller",
    carrier: "Giao Hàng Nhanh (GHN)",
    pickupAt: "Collect at {point} ({address}, {commune}) on {date} {hours}",
    pickupCode: "Bring the order code {code} when you collect.",
  },
} as const;

const fill = (template: string, values: Record<string, string>) =>
  template.replace(/\{(\w+)\}/g, (_, key: string) => values[key] ?? "");

const localeOf = (group: MailGroup): Locale => (isLocale(group.locale) ? group.locale : "vi");

/** "Giao hàng: Nhận tại … — phí 5.000 ₫" and, for pickups, the code to bring. */
function deliveryLines(order: MailOrder, locale: Locale) {
  const t = texts[locale];
  const fee = order.deliveryFeeVnd === 0 ? t.free : `${t.fee} ${formatVnd(order.deliveryFeeVnd, locale)}`;
  const p = order.pickup;
  const how =
    order.deliveryMethod === "pickup" && p
      ? fill(t.pickupAt, {
          point: p.name,
          address: p.addressLine,
          commune: p.communeName,
          date: p.on ? formatDate(p.on, locale) : "",
          hours: p.hours,
        }).trim()
      : order.deliveryMethod === "carrier"
        ? t.carrier
        : t.bySeller;
  return [
    `${t.delivery}: ${how} — ${fee}`,
    order.deliveryMethod === "pickup" ? fill(t.pickupCode, { code: order.code }) : "",
  ].filter(Boolean);
}

function itemLines(order: MailOrder, locale: Locale) {
  return order.items.map(
    (i) =>
      `- ${i.productName}: ${formatQuantity(i.quantityMilli, locale)} ${unitLabel(i.unit, locale)} — ${formatVnd(i.lineTotalVnd, locale)}`,
  );
}

/** To the seller: a new order to prepare (for a card order, sent once the payment has cleared). */
export function newOrderMailForSeller(
  to: string,
  group: MailGroup,
  order: MailOrder,
  shopOrderUrl: string,
): MailMessage {
  const locale: Locale = "vi"; // sellers' workspace is Vietnamese
  const t = texts[locale];
  const total = formatVnd(orderTotalVnd(order), locale);
  return {
    to,
    tag: "order.placed.seller",
    subject: fill(t.sellerSubject, { code: order.code, total }),
    text: [
      fill(t.sellerIntro, { shop: order.seller.displayName }),
      "",
      ...itemLines(order, locale),
      ...deliveryLines(order, locale),
      `${t.total}: ${total}`,
      `${t.payment}: ${t.method[order.paymentMethod]}`,
      "",
      `${t.buyer}: ${group.buyerName}, ${formatVietnamesePhone(group.buyerPhone)}`,
      `${t.address}: ${group.addressLine}, ${group.communeName}`,
      group.note ? `${t.note}: ${group.note}` : "",
      "",
      `${t.open}: ${shopOrderUrl}`,
    ].join("\n"),
  };
}

/** To the buyer, right after checkout: every seller's part, how each is paid, and how to look it up. */
export function orderPlacedMailForBuyer(
  group: MailGroup,
  orders: MailOrder[],
  groupUrl: string,
  lookupUrl: string,
): MailMessage | null {
  if (!group.buyerEmail) return null;
  const locale = localeOf(group);
  const t = texts[locale];
  const parts = orders.flatMap((o) => [
    `${o.code} — ${t.from}: ${o.seller.displayName}`,
    ...itemLines(o, locale),
    ...deliveryLines(o, locale),
    `${t.payment}: ${t.method[o.paymentMethod]} — ${formatVnd(orderTotalVnd(o), locale)}`,
    "",
  ]);
  const total = orders.reduce((sum, o) => sum + orderTotalVnd(o), 0);
  return {
    to: group.buyerEmail,
    tag: "order.placed.buyer",
    subject: fill(t.placedSubject, { code: group.code }),
    text: [
      fill(t.placedIntro, { name: group.buyerName, code: group.code }),
      "",
      ...parts,
      `${t.total}: ${formatVnd(total, locale)}`,
      `${t.address}: ${group.addressLine}, ${group.communeName}`,
      "",
      `${t.open}: ${groupUrl}`,
      `${t.lookup} ${lookupUrl}`,
    ].join("\n"),
  };
}

export type StatusMailEvent = "status" | "paid" | "refunded";

/** To the buyer, whenever one of their orders moves (status, payment received, refund). */
export function orderUpdateMailForBuyer(
  group: MailGroup,
  order: MailOrder,
  event: StatusMailEvent,
  groupUrl: string,
): MailMessage | null {
  if (!group.buyerEmail) return null;
  const locale = localeOf(group);
  const t = texts[locale];
  const subject =
    event === "paid"
      ? fill(t.paidSubject, { code: order.code })
      : event === "refunded"
        ? fill(t.refundedSubject, { code: order.code })
        : fill(t.statusSubject, { code: order.code, status: t.status[order.status] });
  const details = [
    event === "status" && order.status === "shipped" && order.deliveryNote
      ? `${t.deliveryNote}: ${order.deliveryNote}`
      : "",
    event === "status" && order.status === "cancelled" && order.cancelReason
      ? `${t.reason}: ${order.cancelReason}`
      : "",
    event === "refunded" && order.refundReason ? `${t.reason}: ${order.refundReason}` : "",
  ].filter(Boolean);
  return {
    to: group.buyerEmail,
    tag: `order.${event === "status" ? order.status : event}.buyer`,
    subject,
    text: [
      `${t.from}: ${order.seller.displayName}`,
      ...itemLines(order, locale),
      ...deliveryLines(order, locale),
      `${t.total}: ${formatVnd(orderTotalVnd(order), locale)}`,
      ...details,
      "",
      `${t.open}: ${groupUrl}`,
    ].join("\n"),
  };
}
