// The seller's side of orders: the shop's orders by status (newest first, a page at a time), one
// order with what it takes to fulfil it, a move on it (only on the shop's own orders; the state
// machine in actOnOrder decides the rest), the money ledger and the spreadsheet export.
// Every function takes the shop's id from requireShop, so a query can only reach that shop's rows.
import { orderTotalVnd } from "#app/domain/delivery.ts";
import { z } from "zod";
import { type OrderAction, orderStatuses } from "#app/domain/orders.ts";
import { ordersCsv, ordersCsvFilename, orderCsvColumns, provinceMonth } from "#app/domain/orders-csv.ts";
import { formatVietnamesePhone } from "#app/domain/phone.ts";
import { formatQuantity, unitLabel } from "#app/domain/units.ts";
import { makeT } from "#app/i18n/i18n.ts";
import type { Locale } from "#app/i18n/locales.ts";
import { getDb } from "../platform/db.server.ts";
import {
  actOnOrder,
  buyerDeliverySelect,
  orderViewSelect,
  withProductUnits,
} from "../orders/orders.server.ts";
import type { ShopContext } from "./workspace.server.ts";
import { notFound } from "#app/services/http/replies.server.ts";

// ───────────── The list ─────────────

export const orderTabs = [...orderStatuses, "all"] as const;
export type OrderTab = (typeof orderTabs)[number];
export const SHOP_ORDERS_PER_PAGE = 30;

// A bad ?status= or ?page= (an old bookmark, a typo) shows everything from page 1 rather than an error.
const ListParamsSchema = z.object({
  status: z.enum(orderTabs).catch("all"),
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
});

export function parseOrderListParams(params: URLSearchParams) {
  return ListParamsSchema.parse({
    status: params.get("status") ?? undefined,
    page: params.get("page") ?? undefined,
  });
}

const statusWhere = (sellerId: string, status: OrderTab) =>
  status === "all" ? { sellerId } : { sellerId, status: status };

/** How many orders the shop has in each status, and in all. */
export async function countShopOrders(sellerId: string): Promise<Record<OrderTab, number>> {
  const grouped = await getDb().order.groupBy({
    by: ["status"],
    where: { sellerId },
    _count: { _all: true },
  });
  const counts = Object.fromEntries(orderTabs.map((tab) => [tab, 0])) as Record<OrderTab, number>;
  for (const row of grouped) {
    counts[row.status] = row._count._all;
    counts.all += row._count._all;
  }
  return counts;
}

/** One page of the shop's orders in a status, newest first. A page past the end shows the last. */
export async function listShopOrders(
  sellerId: string,
  { status, page, perPage = SHOP_ORDERS_PER_PAGE }: { status: OrderTab; page: number; perPage?: number },
) {
  const db = getDb();
  const where = statusWhere(sellerId, status);
  const total = await db.order.count({ where });
  const pages = Math.max(1, Math.ceil(total / perPage));
  const current = Math.min(page, pages);
  const rows = await db.order.findMany({
    where,
    // The code breaks ties, so an order never shows on two pages.
    orderBy: [{ createdAt: "desc" }, { code: "desc" }],
    skip: (current - 1) * perPage,
    take: perPage,
    select: {
      code: true,
      status: true,
      paymentMethod: true,
      paymentStatus: true,
      subtotalVnd: true,
      deliveryFeeVnd: true,
      createdAt: true,
      group: { select: { buyerName: true, buyerPhone: true } },
      items: {
        select: { id: true, productName: true, unit: true, quantityMilli: true },
        orderBy: { id: "asc" },
      },
    },
  });
  return {
    total,
    page: current,
    pages,
    orders: rows.map(({ group, items, ...order }) => ({
      ...order,
      buyerName: group.buyerName,
      buyerPhone: group.buyerPhone,
      buyerPhoneDisplay: formatVietnamesePhone(group.buyerPhone),
      items: withProductUnits(items),
    })),
  };
}

// ───────────── One order ─────────────

/** "cp7k3m9qxa-1 " → "CP7K3M9QXA-1"; null when it cannot be an order code. */
export function normalizeShopOrderCode(input: string) {
  const code = input.trim().toUpperCase();
  return /^CP[2-9A-HJKMNP-Z]{8}-\d{1,2}$/.test(code) ? code : null;
}

/** The order, if it is this shop's; null otherwise (the caller answers 404 either way). */
export async function getShopOrder(sellerId: string, code: string) {
  const order = await getDb().order.findFirst({
    where: { code, sellerId },
    select: {
      ...orderViewSelect,
      refundedAt: true,
      items: { ...orderViewSelect.items, orderBy: { id: "asc" } },
      group: { select: { code: true, ...buyerDeliverySelect } },
    },
  });
  if (!order) return null;
  return {
    ...order,
    items: withProductUnits(order.items),
    group: { ...order.group, buyerPhoneDisplay: formatVietnamesePhone(order.group.buyerPhone) },
  };
}
export type ShopOrder = NonNullable<Awaited<ReturnType<typeof getShopOrder>>>;

/**
 * A move on one of this shop's orders. Another shop's order is a 404 before anything is tried, even
 * for someone who could act on it through another route (a volunteer helping both shops): the URL
 * names the shop, and the order must be in it. actOnOrder then checks the user and the state again.
 */
export async function moveShopOrder(
  shop: ShopContext,
  code: string,
  action: OrderAction,
  { siteUrl }: { siteUrl: string },
) {
  const owned = await getDb().order.findFirst({
    where: { code, sellerId: shop.seller.id },
    select: { id: true },
  });
  if (!owned) throw notFound();
  return actOnOrder(shop.user, code, action, { siteUrl });
}

// ───────────── The ledger ─────────────

export type MonthTotal = { month: string; orders: number; totalVnd: number };

/** Totals per "YYYY-MM" month in Vietnam's time, newest month first. */
export function totalsByMonth(rows: readonly { at: Date; amountVnd: number }[]): MonthTotal[] {
  const months = new Map<string, MonthTotal>();
  for (const row of rows) {
    const month = provinceMonth(row.at);
    const entry = months.get(month) ?? { month, orders: 0, totalVnd: 0 };
    entry.orders += 1;
    entry.totalVnd += row.amountVnd;
    months.set(month, entry);
  }
  return [...months.values()].sort((a, b) => b.month.localeCompare(a.month));
}

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/**
 * Money the shop has received, by month (Vietnam's months, counted here rather than with SQL date
 * functions so SQLite and PostgreSQL agree): cash collected on delivery per order and per month, cash
 * still to collect (sent or delivered, not yet marked received), and bank transfers received per
 * month. Refunded orders are left out: that money went back. `month` picks whose COD orders to list
 * (the latest month with any by default).
 */
export async function shopLedger(sellerId: string, { month }: { month?: string | null } = {}) {
  const db = getDb();
  const [cod, outstanding, transfers] = await Promise.all([
    db.order.findMany({
      where: { sellerId, paymentMethod: "cod", paymentStatus: "paid" },
      select: {
        code: true,
        status: true,
        subtotalVnd: true,
        deliveryFeeVnd: true,
        paidAt: true,
        deliveredAt: true,
        createdAt: true,
        group: { select: { buyerName: true } },
      },
    }),
    db.order.findMany({
      where: {
        sellerId,
        paymentMethod: "cod",
        paymentStatus: "unpaid",
        status: { in: ["shipped", "delivered"] },
      },
      orderBy: [{ shippedAt: "asc" }, { code: "asc" }],
      select: {
        code: true,
        status: true,
        subtotalVnd: true,
        deliveryFeeVnd: true,
        shippedAt: true,
        deliveredAt: true,
        group: { select: { buyerName: true, buyerPhone: true } },
      },
    }),
    db.order.findMany({
      where: { sellerId, paymentMethod: "bank_transfer", paymentStatus: "paid" },
      select: { subtotalVnd: true, deliveryFeeVnd: true, paidAt: true, createdAt: true },
    }),
  ]);
  // paidAt is set by every "received" move; the fallbacks only cover rows older than that column.
  const collected = cod
    .map((o) => ({
      code: o.code,
      status: o.status,
      buyerName: o.group.buyerName,
      amountVnd: orderTotalVnd(o),
      at: o.paidAt ?? o.deliveredAt ?? o.createdAt,
    }))
    .sort((a, b) => b.at.getTime() - a.at.getTime() || b.code.localeCompare(a.code));
  const codMonths = totalsByMonth(collected);
  const selected = month && MONTH.test(month) ? month : (codMonths[0]?.month ?? null);
  return {
    codMonths,
    codTotalVnd: collected.reduce((sum, o) => sum + o.amountVnd, 0),
    selectedMonth: selected,
    codOrders: selected ? collected.filter((o) => provinceMonth(o.at) === selected) : [],
    outstanding: outstanding.map((o) => ({
      code: o.code,
      status: o.status,
      amountVnd: orderTotalVnd(o),
      shippedAt: o.shippedAt,
      deliveredAt: o.deliveredAt,
      buyerName: o.group.buyerName,
      buyerPhone: o.group.buyerPhone,
      buyerPhoneDisplay: formatVietnamesePhone(o.group.buyerPhone),
    })),
    outstandingTotalVnd: outstanding.reduce((sum, o) => sum + orderTotalVnd(o), 0),
    transferMonths: totalsByMonth(
      transfers.map((o) => ({ at: o.paidAt ?? o.createdAt, amountVnd: orderTotalVnd(o) })),
    ),
  };
}

// ───────────── The export ─────────────

/** The shop's orders in a status as a CSV file, in the reader's language: its name and its text. */
export async function shopOrdersCsv(
  seller: { id: string; slug: string },
  status: OrderTab,
  locale: Locale,
  now = new Date(),
) {
  const orders = await getDb().order.findMany({
    where: statusWhere(seller.id, status),
    orderBy: [{ createdAt: "desc" }, { code: "desc" }],
    select: {
      code: true,
      status: true,
      paymentMethod: true,
      paymentStatus: true,
      subtotalVnd: true,
      deliveryFeeVnd: true,
      deliveryNote: true,
      createdAt: true,
      group: {
        select: { buyerName: true, buyerPhone: true, addressLine: true, commune: { select: { name: true } } },
      },
      items: {
        select: {
          productName: true,
          unit: true,
          quantityMilli: true,
          unitPriceVnd: true,
          lineTotalVnd: true,
        },
        orderBy: { id: "asc" },
      },
    },
  });
  const t = makeT(locale);
  const headers = Object.fromEntries(
    orderCsvColumns.map((column) => [column, t(`shopOrders.csv.${column}`)]),
  ) as Record<(typeof orderCsvColumns)[number], string>;
  const body = ordersCsv(
    orders.map((o) => ({
      code: o.code,
      createdAt: o.createdAt,
      status: t(`shopOrders.status.${o.status}`),
      paymentMethod: t(`order.method.${o.paymentMethod}`),
      paymentStatus: t(`order.payment.${o.paymentStatus}`),
      buyerName: o.group.buyerName,
      // "0912 345 678": Excel keeps the leading zero of text with spaces.
      buyerPhone: formatVietnamesePhone(o.group.buyerPhone),
      commune: o.group.commune.name,
      address: o.group.addressLine,
      totalVnd: orderTotalVnd(o),
      deliveryNote: o.deliveryNote,
      items: o.items.map((i) => ({
        product: i.productName,
        quantity: `${formatQuantity(i.quantityMilli, locale)} ${unitLabel(i.unit, locale)}`,
        unitPriceVnd: i.unitPriceVnd,
        lineTotalVnd: i.lineTotalVnd,
      })),
    })),
    headers,
  );
  return { filename: ordersCsvFilename(seller.slug, now), body, orders: orders.length };
}
