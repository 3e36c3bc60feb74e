// What provincial admins read to review a shop: the queue of submitted shops, and one shop with
// everything the volunteer entered. Then the admin's decision, `decideReview`.
import { privateFileUrl } from "#app/services/platform/storage.server.ts";
import { coverPhotoData, photoFromRow, photoSelect } from "../images/stored-photos.server.ts";
import { getDb, type Prisma } from "../platform/db.server.ts";
import { shopProfileSelect } from "./wizard.server.ts";
import { auditedChange } from "../platform/audit.server.ts";
import type { CurrentUser } from "../identity/auth.server.ts";
import { UserError } from "#app/domain/user-error.ts";
import { isRecordId } from "#app/domain/ids.ts";
import { notFound } from "#app/services/http/replies.server.ts";

/** Submitted shops, the one waiting longest first. */
export async function listSubmittedShops() {
  const sellers = await getDb().seller.findMany({
    where: { status: "submitted" },
    orderBy: [{ submittedAt: "asc" }, { createdAt: "asc" }],
    select: {
      id: true,
      displayName: true,
      kind: true,
      submittedAt: true,
      commune: { select: { name: true } },
      onboardedBy: { select: { name: true } },
      _count: { select: { products: true } },
    },
  });
  return sellers.map((s) => ({
    id: s.id,
    displayName: s.displayName,
    kind: s.kind,
    communeName: s.commune.name,
    volunteerName: s.onboardedBy?.name ?? null,
    productCount: s._count.products,
    submittedAt: s.submittedAt,
  }));
}

/** Throws a 404 Response when there is no such seller. */
export async function requireSellerExists(sellerId: string) {
  if (!isRecordId(sellerId)) throw notFound();
  const seller = await getDb().seller.findUnique({ where: { id: sellerId }, select: { id: true } });
  if (!seller) throw notFound();
}

const reviewSelect = {
  ...shopProfileSelect,
  onboardedBy: { select: { id: true, name: true } },
  commune: { select: { name: true, fullName: true, formerDistrict: true } },
  consent: {
    select: {
      method: true,
      givenByName: true,
      photoKey: true,
      givenAt: true,
      termsVersion: true,
      takenBy: { select: { name: true } },
    },
  },
  products: {
    orderBy: { createdAt: "asc" },
    select: {
      id: true,
      name: true,
      description: true,
      unit: true,
      priceVnd: true,
      stockMilli: true,
      stepMilli: true,
      status: true,
      category: { select: { name: true, nameEn: true } },
      images: {
        orderBy: { sortOrder: "asc" },
        select: photoSelect,
      },
      certifications: {
        select: { id: true, kind: true, stars: true, number: true, expiresAt: true, photoKey: true },
      },
    },
  },
} satisfies Prisma.SellerSelect;

/** One shop with everything an admin needs to decide on it; 404 when it does not exist. */
export async function getShopForReview(sellerId: string) {
  if (!isRecordId(sellerId)) throw notFound();
  const seller = await getDb().seller.findUnique({ where: { id: sellerId }, select: reviewSelect });
  if (!seller) throw notFound();
  const {
    coverPhoto,
    consent,
    products,
    acceptsCod,
    acceptsBankTransfer,
    bankBin,
    bankAccountNumber,
    bankAccountName,
    ...shop
  } = seller;
  return {
    ...shop,
    coverPhoto: coverPhotoData(coverPhoto, seller.displayName),
    consent: consent && {
      method: consent.method,
      givenByName: consent.givenByName,
      givenAt: consent.givenAt,
      termsVersion: consent.termsVersion,
      takenByName: consent.takenBy.name,
      // The signed form and the certificates are private documents (docs/decisions/012).
      photoUrl: consent.photoKey ? privateFileUrl(consent.photoKey) : null,
    },
    payment: { acceptsCod, acceptsBankTransfer, bankBin, bankAccountNumber, bankAccountName },
    products: products.map(({ images, certifications, ...product }) => ({
      ...product,
      photos: images.map((image) => ({ ...photoFromRow(image), alt: image.alt || product.name })),
      certifications: certifications.map(({ photoKey, ...c }) => ({
        ...c,
        photoUrl: photoKey ? privateFileUrl(photoKey) : null,
      })),
    })),
  };
}

export type ShopForReview = Awaited<ReturnType<typeof getShopForReview>>;

// ───────────── Decisions ─────────────

export type ReviewDecision =
  { decision: "approve" } | { decision: "request_changes" | "reject"; note: string };

export async function decideReview(admin: CurrentUser, sellerId: string, decision: ReviewDecision) {
  return auditedChange(
    { actorId: admin.id, onBehalfOfSellerId: sellerId },
    `review.${decision.decision}`,
    async (tx) => {
      const seller = await tx.seller.findUniqueOrThrow({
        where: { id: sellerId },
        select: {
          status: true,
          onboardedById: true,
          consent: { select: { id: true } },
          products: { select: { id: true } },
        },
      });
      // No one approves their own work.
      if (seller.onboardedById === admin.id) throw new UserError("review.ownWork", {}, 403);
      if (seller.status !== "submitted") throw new UserError("review.notSubmitted", {}, 409);
      if (decision.decision === "approve" && !seller.consent)
        throw new UserError("onboarding.missing.consent", {}, 409);
      const status = {
        approve: "approved",
        request_changes: "changes_requested",
        reject: "rejected",
      } as const;
      const note = decision.decision === "approve" ? "" : decision.note;
      await tx.seller.update({
        where: { id: sellerId },
        data: {
          status: status[decision.decision],
          reviewNote: note,
          reviewedById: admin.id,
          ...(decision.decision === "approve" ? { approvedAt: new Date() } : {}),
        },
      });
      return {
        entityType: "Seller",
        entityId: sellerId,
        // Approval makes the seller and its active products public: index them.
        reindex: seller.products.map((p) => p.id),
        before: { status: seller.status },
        after: { status: status[decision.decision], note },
        result: undefined,
      };
    },
  );
}
