// What a request tells us about the buyer: their cart (by account or guest cookie), which order
// pages this browser may open (the orders it placed or looked up with code + phone), and the site's
// own address for links in emails and payment redirects (configured, not read from the request).
import { createCookie } from "@remix-run/node";
import { RateLimiterPrisma, RateLimiterRes } from "rate-limiter-flexible";
import { allows } from "#app/domain/permissions.ts";
import { getUserId } from "../identity/auth.server.ts";
import { guestCartId, type CartOwner } from "./cart.server.ts";
import { getDb, type Db } from "../platform/db.server.ts";
import { getEnv } from "../platform/env.server.ts";

export async function cartOwner(request: Request): Promise<CartOwner> {
  const userId = await getUserId(request);
  return { userId, guestCartId: userId ? null : await guestCartId(request) };
}

/**
 * The site's own address for absolute links (mail, payment return URLs, QR codes, canonical and og:
 * tags): PUBLIC_URL, never the request's Host header, which the client writes. Takes the request so
 * that call sites keep their shape; it is deliberately not read.
 */
export const siteUrlOf = (_request?: Request) => getEnv().publicUrl;

// ───────────── Order pages a guest may open ─────────────

const MAX_REMEMBERED_ORDERS = 20;
let ordersCookie: ReturnType<typeof createCookie> | undefined;
function orderAccessCookie() {
  const env = getEnv();
  ordersCookie ??= createCookie("orders", {
    httpOnly: true,
    sameSite: "lax",
    path: "/",
    secure: env.cookieSecure,
    secrets: env.SESSION_SECRET,
    maxAge: 60 * 60 * 24 * 180,
  });
  return ordersCookie;
}

async function rememberedOrders(request: Request): Promise<string[]> {
  const value: unknown = await orderAccessCookie().parse(request.headers.get("Cookie"));
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
}

/** Set-Cookie that lets this browser reopen the order group's page. */
export async function rememberOrder(request: Request, groupCode: string) {
  const codes = [groupCode, ...(await rememberedOrders(request)).filter((c) => c !== groupCode)];
  return orderAccessCookie().serialize(codes.slice(0, MAX_REMEMBERED_ORDERS));
}

/**
 * How this request stands to an order group's page:
 * - "buyer": the buyer's account, or a browser that placed the order or looked it up with code +
 *   phone. Only the buyer sees every seller's part and may cancel.
 * - "admin": staff who read any order; they see the page but act from the admin side.
 * - { shopOrderCode }: a seller in the group (or their volunteer). A shop sees only its own part,
 *   so it is sent to that order in its workspace.
 * - null: nothing to do with it.
 * The buyer comes first: a seller who bought from another shop is that order's buyer.
 */
export type OrderGroupViewer = "buyer" | "admin" | { shopOrderCode: string } | null;

export async function orderGroupViewer(
  request: Request,
  group: { code: string; buyerId: string | null; orders: { code: string; seller: { id: string } }[] },
  user: { id: string; grants: { action: string; entity: string; access: string }[] } | null,
  isShopSide: (userId: string, sellerId: string) => Promise<boolean>,
): Promise<OrderGroupViewer> {
  if (user && group.buyerId === user.id) return "buyer";
  if ((await rememberedOrders(request)).includes(group.code)) return "buyer";
  if (!user) return null;
  if (allows(user.grants, "read:order:any")) return "admin";
  for (const order of group.orders) {
    if (await isShopSide(user.id, order.seller.id)) return { shopOrderCode: order.code };
  }
  return null;
}

// ───────────── Lookup by code + phone ─────────────

const lookupLimiters = new WeakMap<Db, RateLimiterPrisma>();

/**
 * Ten lookups per address per 15 minutes: plenty for a buyer mistyping, far too few to guess codes.
 * Returns the wait in ms when over the limit.
 */
export async function consumeLookupAttempt(clientAddress: string): Promise<number | null> {
  const db = getDb();
  let limiter = lookupLimiters.get(db);
  if (!limiter) {
    limiter = new RateLimiterPrisma({
      storeClient: db,
      tableName: "rateLimiterFlexible",
      clearExpiredByTimeout: false,
      keyPrefix: "order-lookup",
      points: 10,
      duration: 15 * 60,
    });
    lookupLimiters.set(db, limiter);
  }
  try {
    await limiter.consume(clientAddress);
    return null;
  } catch (error) {
    if (error instanceof RateLimiterRes) return error.msBeforeNext;
    throw error;
  }
}
