// Who may run a shop from the seller workspace (/shop): its owner (the seller's own account), or the
// volunteer who onboarded it (and their commune team) until the seller revokes that delegation.
// Every loader and action under /shop goes through requireShop, so the check is on the server.
import { getDb, type Db } from "./db.server.ts";
import { requireUser, type CurrentUser } from "./auth.server.ts";

export type ShopRole = "owner" | "delegate";

/** How this user relates to the shop, or null when they have no access. */
export async function shopRole(
  db: Pick<Db, "seller" | "teamMember">,
  userId: string,
  sellerId: string,
): Promise<ShopRole | null> {
  const seller = await db.seller.findUnique({
    where: { id: sellerId },
    select: { ownerId: true, onboardedById: true, teamId: true, delegationRevokedAt: true },
  });
  if (!seller) return null;
  if (seller.ownerId === userId) return "owner";
  if (seller.delegationRevokedAt) return null;
  if (seller.onboardedById === userId) return "delegate";
  if (seller.teamId) {
    const member = await db.teamMember.findUnique({
      where: { teamId_userId: { teamId: seller.teamId, userId } },
      select: { userId: true },
    });
    if (member) return "delegate";
  }
  return null;
}

/** The shops this user may run: their own, and those delegated to them (approved or suspended). */
export async function listMyShops(userId: string) {
  const db = getDb();
  const teamIds = (await db.teamMember.findMany({ where: { userId }, select: { teamId: true } })).map(
    (m) => m.teamId,
  );
  return db.seller.findMany({
    where: {
      status: { in: ["approved", "suspended"] },
      OR: [
        { ownerId: userId },
        {
          delegationRevokedAt: null,
          OR: [{ onboardedById: userId }, ...(teamIds.length ? [{ teamId: { in: teamIds } }] : [])],
        },
      ],
    },
    select: { id: true, slug: true, displayName: true, status: true, ownerId: true },
    orderBy: { displayName: "asc" },
  });
}

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

export class ShopSuspendedError extends Response {}

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
  const db = getDb();
  const seller = await db.seller.findUnique({
    where: { id: sellerId },
    select: { id: true, slug: true, displayName: true, status: true, reviewNote: true },
  });
  if (!seller || (seller.status !== "approved" && seller.status !== "suspended")) {
    throw new Response("Not found", { status: 404 });
  }
  const role = await shopRole(db, user.id, seller.id);
  if (!role) throw new Response("Forbidden", { status: 403 });
  const suspended = seller.status === "suspended";
  if (write && suspended) throw new Response("Forbidden: shop suspended", { status: 403 });
  return { user, role, seller: { ...seller, suspended } };
}

/** For the audit log: a volunteer acting in the shop acts on the seller's behalf. */
export const onBehalfOf = (shop: ShopContext) => shop.seller.id;
