// The seller workspace (/shop): every loader and action under it goes through requireShop, so who
// may run the shop (shops/access.server.ts) is checked on the server; and the day's figures.
import { getDb } from "../platform/db.server.ts";
import { accessSelect, roleOf, type ShopRole } from "./access.server.ts";
import { requireUser, type CurrentUser } from "../identity/auth.server.ts";
import { isRecordId } from "#app/domain/ids.ts";
import { notFound, forbidden } from "#app/services/http/replies.server.ts";

export type ShopContext = {
  user: CurrentUser;
  role: ShopRole;
  seller: {
    id: string;
    slug: string;
    displayName: string;
    status: string;
    reviewNote: string;
    suspended: boolean;
  };
};

/**
 * The signed-in user's access to this shop: 404 when there is no such shop, 403 when it is not
 * theirs. With `write`, a suspended shop answers 403 too: its seller can sign in and read why, but
 * change nothing.
 */
export async function requireShop(
  request: Request,
  sellerId: string,
  { write = false }: { write?: boolean } = {},
): Promise<ShopContext> {
  const user = await requireUser(request);
  if (!isRecordId(sellerId)) throw notFound();
  const db = getDb();
  const seller = await db.seller.findUnique({
    where: { id: sellerId },
    select: { id: true, slug: true, displayName: true, status: true, reviewNote: true, ...accessSelect },
  });
  if (!seller || (seller.status !== "approved" && seller.status !== "suspended")) {
    throw notFound();
  }
  const role = await roleOf(db, user.id, seller);
  if (!role) throw forbidden();
  const suspended = seller.status === "suspended";
  if (write && suspended) throw forbidden("Forbidden: shop suspended");
  const { id, slug, displayName, status, reviewNote } = seller;
  return { user, role, seller: { id, slug, displayName, status, reviewNote, suspended } };
}

/** For the audit log: a volunteer acting in the shop acts on the seller's behalf. */
export const onBehalfOf = (shop: ShopContext) => shop.seller.id;

// ───────────── Today at a glance ─────────────

const DAY_MS = 24 * 60 * 60 * 1000;
/** A certificate this close to its expiry is worth a reminder. */
export const CERT_WARNING_DAYS = 45;

export async function shopToday(sellerId: string, now = new Date()) {
  const db = getDb();
  const orderSelect = {
    code: true,
    createdAt: true,
    subtotalVnd: true,
    deliveryFeeVnd: true,
    paymentMethod: true,
    paymentStatus: true,
    group: { select: { buyerName: true } },
  } as const;
  const [toConfirm, toShip, products, certs] = await Promise.all([
    db.order.findMany({
      where: { sellerId, status: "placed" },
      orderBy: { createdAt: "asc" },
      take: 20,
      select: orderSelect,
    }),
    db.order.findMany({
      where: { sellerId, status: "confirmed" },
      orderBy: { confirmedAt: "asc" },
      take: 20,
      select: orderSelect,
    }),
    db.product.findMany({
      where: { sellerId, status: "active" },
      select: { id: true, name: true, unit: true, stockMilli: true, stepMilli: true },
      orderBy: { stockMilli: "asc" },
      take: 200,
    }),
    db.certification.findMany({
      where: {
        product: { sellerId, status: { in: ["active", "sold_out", "draft"] } },
        OR: [
          { verifiedAt: null },
          { expiresAt: { lte: new Date(now.getTime() + CERT_WARNING_DAYS * DAY_MS) } },
        ],
      },
      select: {
        kind: true,
        stars: true,
        expiresAt: true,
        verifiedAt: true,
        product: { select: { id: true, name: true } },
      },
      orderBy: { expiresAt: "asc" },
      take: 50,
    }),
  ]);
  // Low: fewer than three steps left (three 0,5 kg bags, three boxes).
  const lowStock = products.filter((p) => p.stockMilli < 3 * p.stepMilli).slice(0, 20);
  const attention = certs.map((c) => ({
    productId: c.product.id,
    productName: c.product.name,
    kind: c.kind,
    stars: c.stars,
    expiresAt: c.expiresAt,
    state: !c.verifiedAt
      ? ("unverified" as const)
      : c.expiresAt && c.expiresAt.getTime() < now.getTime()
        ? ("expired" as const)
        : ("expiring" as const),
  }));
  return { toConfirm, toShip, lowStock, attention };
}

// ───────────── Helpers and history ─────────────

/** Who can act on the shop besides its owner, and whether the owner has revoked that. */
export async function shopTeam(sellerId: string) {
  const seller = await getDb().seller.findUniqueOrThrow({
    where: { id: sellerId },
    select: {
      delegationRevokedAt: true,
      owner: { select: { id: true, name: true } },
      onboardedBy: { select: { id: true, name: true } },
      team: { select: { name: true, members: { select: { user: { select: { id: true, name: true } } } } } },
    },
  });
  const volunteers = seller.delegationRevokedAt
    ? []
    : [
        ...(seller.onboardedBy ? [{ ...seller.onboardedBy, via: "onboarded" as const, team: null }] : []),
        ...(seller.team?.members ?? [])
          .map((m) => m.user)
          .filter((u) => u.id !== seller.onboardedBy?.id)
          .map((u) => ({ ...u, via: "team" as const, team: seller.team!.name })),
      ];
  return { owner: seller.owner, volunteers, revokedAt: seller.delegationRevokedAt };
}

export const HISTORY_PAGE_SIZE = 50;

/** Everything done to or for the shop, newest first; `before` pages back through older entries. */
export async function shopHistory(sellerId: string, before?: Date) {
  const rows = await getDb().auditLog.findMany({
    where: {
      OR: [{ onBehalfOfSellerId: sellerId }, { entityType: "Seller", entityId: sellerId }],
      ...(before ? { createdAt: { lt: before } } : {}),
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: HISTORY_PAGE_SIZE + 1,
    select: {
      id: true,
      action: true,
      entityType: true,
      entityId: true,
      createdAt: true,
      onBehalfOfSellerId: true,
      actor: { select: { id: true, name: true, ownedSeller: { select: { id: true } } } },
    },
  });
  const page = rows.slice(0, HISTORY_PAGE_SIZE);
  return {
    entries: page.map((r) => ({
      id: r.id,
      action: r.action,
      entityType: r.entityType,
      createdAt: r.createdAt,
      actorName: r.actor?.name ?? null,
      // A helper's action on the seller's behalf (not the owner acting on their own shop).
      forSeller: Boolean(
        r.actor && r.actor.ownedSeller?.id !== sellerId && r.onBehalfOfSellerId === sellerId,
      ),
    })),
    olderThan: rows.length > HISTORY_PAGE_SIZE ? page[page.length - 1]!.createdAt : null,
  };
}
