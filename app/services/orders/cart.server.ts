// The cart: one per signed-in buyer (by user id) or per guest (by a signed cookie holding the cart
// id). Signing in merges the guest cart into the buyer's, so nothing put in the basket is lost.
// Quantities are checked against the product's step and stock here; prices and stock are checked
// again, inside the order transaction, at checkout.
import { createCookie } from "@remix-run/node";
import { cartProblems, lineTotalVnd, MAX_CART_LINES } from "#app/domain/checkout.ts";
import { isValidQuantity } from "#app/domain/units.ts";
import { getDb, type Db } from "../platform/db.server.ts";
import { getEnv } from "../platform/env.server.ts";
import { publicProductWhere } from "../catalog/catalog.server.ts";
import { photoFromRow, photoSelect } from "../images/stored-photos.server.ts";
import { productUrl } from "#app/domain/urls.ts";
import { UserError } from "#app/domain/user-error.ts";

const CART_TTL_SECONDS = 60 * 60 * 24 * 30;

let cookie: ReturnType<typeof createCookie> | undefined;
function cartCookie() {
  const env = getEnv();
  cookie ??= createCookie("cart", {
    httpOnly: true,
    sameSite: "lax",
    path: "/",
    secure: env.cookieSecure,
    secrets: env.SESSION_SECRET,
    maxAge: CART_TTL_SECONDS,
  });
  return cookie;
}

/** The guest cart id from the signed cookie (a forged or foreign value reads as none). */
export async function guestCartId(request: Request): Promise<string | null> {
  const value: unknown = await cartCookie().parse(request.headers.get("Cookie"));
  return typeof value === "string" && /^[a-z0-9]{10,40}$/.test(value) ? value : null;
}

export const setGuestCartCookie = (cartId: string) => cartCookie().serialize(cartId);
export const clearGuestCartCookie = () => cartCookie().serialize("", { maxAge: 0 });

type Owner = { userId: string | null; guestCartId: string | null };

async function findCart(db: Db, owner: Owner) {
  if (owner.userId) return db.cart.findUnique({ where: { userId: owner.userId }, select: { id: true } });
  if (owner.guestCartId) {
    return db.cart.findFirst({ where: { id: owner.guestCartId, userId: null }, select: { id: true } });
  }
  return null;
}

/** The cart's id, creating it on first use. `created` tells the caller to set the guest cookie. */
async function cartFor(db: Db, owner: Owner) {
  const existing = await findCart(db, owner);
  if (existing) return { cartId: existing.id, created: false };
  const cart = await db.cart.create({ data: { userId: owner.userId }, select: { id: true } });
  return { cartId: cart.id, created: !owner.userId };
}

async function checkedQuantity(db: Db, productId: string, quantityMilli: number) {
  const product = await db.product.findFirst({
    where: { id: productId, ...publicProductWhere },
    select: { id: true, name: true, unit: true, priceVnd: true, stepMilli: true, stockMilli: true },
  });
  if (!product) throw new UserError("cart.error.unknownProduct");
  if (!isValidQuantity(quantityMilli, product.stepMilli)) {
    throw new UserError("cart.error.step", { step: { milli: product.stepMilli, unit: product.unit } });
  }
  if (quantityMilli > product.stockMilli) {
    throw new UserError("cart.error.stock", { available: { milli: product.stockMilli, unit: product.unit } });
  }
  return product;
}

/** Adds to the line if the product is already in the cart. */
export async function addToCart(owner: Owner, productId: string, quantityMilli: number) {
  const db = getDb();
  const { cartId, created } = await cartFor(db, owner);
  const existing = await db.cartItem.findUnique({
    where: { cartId_productId: { cartId, productId } },
    select: { quantityMilli: true },
  });
  const total = (existing?.quantityMilli ?? 0) + quantityMilli;
  const product = await checkedQuantity(db, productId, total);
  if (!existing && (await db.cartItem.count({ where: { cartId } })) >= MAX_CART_LINES) {
    throw new UserError("cart.error.tooManyLines", { max: MAX_CART_LINES });
  }
  await db.cartItem.upsert({
    where: { cartId_productId: { cartId, productId } },
    create: { cartId, productId, quantityMilli: total, seenPriceVnd: product.priceVnd },
    update: { quantityMilli: total, seenPriceVnd: product.priceVnd },
  });
  await db.cart.update({ where: { id: cartId }, data: { updatedAt: new Date() } });
  return { cartId, created, productName: product.name };
}

export async function setCartQuantity(owner: Owner, productId: string, quantityMilli: number) {
  const db = getDb();
  const cart = await findCart(db, owner);
  if (!cart) throw new UserError("cart.error.unknownProduct");
  const product = await checkedQuantity(db, productId, quantityMilli);
  const updated = await db.cartItem.updateMany({
    where: { cartId: cart.id, productId },
    data: { quantityMilli, seenPriceVnd: product.priceVnd },
  });
  if (updated.count === 0) throw new UserError("cart.error.unknownProduct");
}

export async function removeFromCart(owner: Owner, productId: string) {
  const db = getDb();
  const cart = await findCart(db, owner);
  if (cart) await db.cartItem.deleteMany({ where: { cartId: cart.id, productId } });
}

/** The buyer has seen the changes (new prices, lower stock): make the cart match the shelf. */
export async function acceptCartChanges(owner: Owner) {
  const db = getDb();
  const cart = await findCart(db, owner);
  if (!cart) return;
  const view = await loadCart(db, cart.id);
  await db.$transaction(async (tx) => {
    for (const line of view.lines) {
      if (!line.available) {
        await tx.cartItem.delete({ where: { id: line.id } });
        continue;
      }
      // Round down to the step and cap at the stock; a line with nothing left is removed.
      const capped = Math.min(line.quantityMilli, line.stockMilli);
      const quantityMilli = capped - (capped % line.stepMilli);
      if (quantityMilli <= 0) await tx.cartItem.delete({ where: { id: line.id } });
      else
        await tx.cartItem.update({
          where: { id: line.id },
          data: { quantityMilli, seenPriceVnd: line.priceVnd },
        });
    }
  });
}

/** Called right after sign-in: the guest cart's lines join the buyer's cart (larger quantity wins). */
export async function mergeGuestCart(userId: string, guestId: string | null) {
  if (!guestId) return;
  const db = getDb();
  await db.$transaction(async (tx) => {
    const guest = await tx.cart.findFirst({
      where: { id: guestId, userId: null },
      select: { id: true, items: { select: { productId: true, quantityMilli: true, seenPriceVnd: true } } },
    });
    if (!guest) return;
    const mine = await tx.cart.findUnique({ where: { userId }, select: { id: true } });
    if (!mine) {
      await tx.cart.update({ where: { id: guest.id }, data: { userId } });
      return;
    }
    for (const item of guest.items) {
      const current = await tx.cartItem.findUnique({
        where: { cartId_productId: { cartId: mine.id, productId: item.productId } },
        select: { quantityMilli: true },
      });
      await tx.cartItem.upsert({
        where: { cartId_productId: { cartId: mine.id, productId: item.productId } },
        create: { cartId: mine.id, ...item },
        update: { quantityMilli: Math.max(current?.quantityMilli ?? 0, item.quantityMilli) },
      });
    }
    await tx.cart.delete({ where: { id: guest.id } });
  });
}

const cartLineSelect = {
  id: true,
  productId: true,
  quantityMilli: true,
  seenPriceVnd: true,
  product: {
    select: {
      id: true,
      slug: true,
      name: true,
      unit: true,
      priceVnd: true,
      stepMilli: true,
      stockMilli: true,
      status: true,
      localOnly: true,
      weightGrams: true,
      images: {
        select: photoSelect,
        orderBy: { sortOrder: "asc" as const },
        take: 1,
      },
      seller: {
        select: {
          id: true,
          slug: true,
          displayName: true,
          status: true,
          acceptsCod: true,
          acceptsBankTransfer: true,
          bankBin: true,
          bankAccountNumber: true,
        },
      },
    },
  },
} as const;

export type CartView = Awaited<ReturnType<typeof loadCart>>;

async function loadCart(db: Db, cartId: string) {
  const rows = await db.cartItem.findMany({
    where: { cartId },
    select: cartLineSelect,
    orderBy: { addedAt: "asc" },
  });
  const lines = rows.map((row) => {
    const p = row.product;
    const available = p.status === "active" && p.seller.status === "approved";
    return {
      id: row.id,
      productId: row.productId,
      name: p.name,
      url: productUrl(p.slug),
      unit: p.unit,
      quantityMilli: row.quantityMilli,
      seenPriceVnd: row.seenPriceVnd,
      priceVnd: p.priceVnd,
      stepMilli: p.stepMilli,
      stockMilli: p.stockMilli,
      localOnly: p.localOnly,
      weightGrams: p.weightGrams,
      available,
      lineTotalVnd: lineTotalVnd(p.priceVnd, row.quantityMilli),
      photo: p.images[0] ? photoFromRow(p.images[0]) : null,
      seller: p.seller,
    };
  });
  const problems = cartProblems(
    lines.map((l) => ({
      productId: l.productId,
      name: l.name,
      quantityMilli: l.quantityMilli,
      seenPriceVnd: l.seenPriceVnd,
      product: l.available
        ? { priceVnd: l.priceVnd, stockMilli: l.stockMilli, stepMilli: l.stepMilli }
        : null,
    })),
  );
  // One group per seller: each becomes its own order with its own payment method.
  const bySeller = new Map<
    string,
    { seller: (typeof lines)[number]["seller"]; lines: typeof lines; subtotalVnd: number }
  >();
  for (const line of lines) {
    const group = bySeller.get(line.seller.id) ?? { seller: line.seller, lines: [], subtotalVnd: 0 };
    group.lines.push(line);
    if (line.available) group.subtotalVnd += line.lineTotalVnd;
    bySeller.set(line.seller.id, group);
  }
  const groups = [...bySeller.values()];
  return {
    cartId,
    lines,
    groups,
    problems,
    totalVnd: groups.reduce((sum, g) => sum + g.subtotalVnd, 0),
    count: lines.length,
  };
}

/** The cart as the buyer sees it (an empty one when there is none yet). */
export async function getCartView(owner: Owner): Promise<CartView> {
  const db = getDb();
  const cart = await findCart(db, owner);
  if (!cart) return { cartId: "", lines: [], groups: [], problems: [], totalVnd: 0, count: 0 };
  return loadCart(db, cart.id);
}

export async function cartLineCount(owner: Owner) {
  const db = getDb();
  if (!owner.userId && !owner.guestCartId) return 0;
  const cart = await findCart(db, owner);
  return cart ? db.cartItem.count({ where: { cartId: cart.id } }) : 0;
}

export type { Owner as CartOwner };
