// What a request tells us about the buyer: their cart (by account or guest cookie), which order
// pages this browser may open (the orders it placed or looked up with code + phone), and the site's
// own address for links in emails and payment redirects.
import { createCookie } from "@remix-run/node";
import { RateLimiterPrisma, RateLimiterRes } from "rate-limiter-flexible";
import { allows } from "#app/domain/permissions.ts";
import { getUserId } from "./auth.server.ts";
import { guestCartId, type CartOwner } from "./cart.server.ts";
import { getDb, type Db } from "./db.server.ts";
import { getEnv } from "./env.server.ts";

export async function cartOwner(request: Request): Promise<CartOwner> {
  const userId = await getUserId(request);
  return { userId, guestCartId: userId ? null : await guestCartId(request) };
}

export const siteUrlOf = (request: Request) => new URL(request.url).origin;

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
 * May this request see the order group? The buyer's account, a browser that placed or looked it up,
 * the sellers in it (and their volunteers), or an admin.
 */
export async function canViewOrderGroup(
  request: Request,
  group: { code: string; buyerId: string | null; orders: { seller: { id: string } }[] },
  user: { id: string; grants: { action: string; entity: string; access: string }[] } | null,
  isShopSide: (userId: string, sellerId: string) => Promise<boolean>,
) {
  if ((await rememberedOrders(request)).includes(group.code)) return true;
  if (!user) return false;
  if (group.buyerId === user.id) return true;
  if (allows(user.grants, "read:order:any")) return true;
  for (const order of group.orders) if (await isShopSide(user.id, order.seller.id)) return true;
  return false;
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
