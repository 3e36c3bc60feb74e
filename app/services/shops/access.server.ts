// Who may act for a shop, in one place for the seller workspace (/shop) and the onboarding wizard:
// its owner (the seller's own account), and as a delegate the volunteer who onboarded it or any
// member of its commune team, until the seller revokes that delegation.
import { getDb, type Db, type Prisma } from "../platform/db.server.ts";

export type ShopRole = "owner" | "delegate";

/** The columns the rule reads; select them with the seller to judge access without another query. */
export const accessSelect = {
  ownerId: true,
  onboardedById: true,
  teamId: true,
  delegationRevokedAt: true,
} as const satisfies Prisma.SellerSelect;

type AccessFields = {
  ownerId: string | null;
  onboardedById: string | null;
  teamId: string | null;
  delegationRevokedAt: Date | null;
};

/** The commune teams this user belongs to. */
export async function teamIdsOf(db: Pick<Db, "teamMember">, userId: string) {
  const memberships = await db.teamMember.findMany({ where: { userId }, select: { teamId: true } });
  return memberships.map((m) => m.teamId);
}

/** The shops this user acts for as a delegate (onboarded by them, or their team's), not revoked. */
export async function delegatedShopsWhere(
  db: Pick<Db, "teamMember">,
  userId: string,
): Promise<Prisma.SellerWhereInput> {
  const teamIds = await teamIdsOf(db, userId);
  return {
    delegationRevokedAt: null,
    OR: [{ onboardedById: userId }, ...(teamIds.length ? [{ teamId: { in: teamIds } }] : [])],
  };
}

/** How this user relates to a seller whose access columns are at hand, or null for no access. */
export async function roleOf(
  db: Pick<Db, "teamMember">,
  userId: string,
  seller: AccessFields,
): Promise<ShopRole | null> {
  if (seller.ownerId === userId) return "owner";
  if (seller.delegationRevokedAt) return null;
  if (seller.onboardedById === userId) return "delegate";
  if (!seller.teamId) return null;
  const member = await db.teamMember.findUnique({
    where: { teamId_userId: { teamId: seller.teamId, userId } },
    select: { userId: true },
  });
  return member ? "delegate" : null;
}

/** How this user relates to the shop, or null when they have no access. */
export async function shopRole(
  db: Pick<Db, "seller" | "teamMember">,
  userId: string,
  sellerId: string,
): Promise<ShopRole | null> {
  const seller = await db.seller.findUnique({ where: { id: sellerId }, select: accessSelect });
  return seller ? roleOf(db, userId, seller) : null;
}

/** The shops this user may run: their own, and those delegated to them (approved or suspended). */
export async function listMyShops(userId: string) {
  const db = getDb();
  return db.seller.findMany({
    where: {
      status: { in: ["approved", "suspended"] },
      OR: [{ ownerId: userId }, await delegatedShopsWhere(db, userId)],
    },
    select: { id: true, slug: true, displayName: true, status: true, ownerId: true },
    orderBy: { displayName: "asc" },
  });
}
