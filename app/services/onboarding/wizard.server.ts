// Assisted onboarding: a volunteer sets up a seller's shop on their behalf. Every write is checked
// against who may touch the shop, runs in one transaction, and leaves an audit row with the
// volunteer as actor and the seller as "on behalf of".
import {
  isEditable,
  missingForSubmission,
  TERMS_VERSION,
  type OnboardingSnapshot,
  type ConsentStepSchema,
  type PaymentStepSchema,
  type SellerStepSchema,
  type StoryStepSchema,
} from "#app/domain/onboarding.ts";
import { slugify } from "#app/domain/text.ts";
import type { z } from "zod";
import { auditedChange } from "../platform/audit.server.ts";
import { requirePermission, type CurrentUser } from "../identity/auth.server.ts";
import { getDb, type Tx } from "../platform/db.server.ts";
import { coverPhotoFromJson, type CoverPhoto } from "../images/stored-photos.server.ts";
import {
  categoryIdOf,
  certificationClaim,
  photoRows,
  productFields,
  type ProductForm,
  type ProductPhoto,
  uniqueProductSlug,
} from "../catalog/product-writes.server.ts";
import { isRecordId } from "#app/domain/ids.ts";
import { UserError } from "#app/domain/user-error.ts";
import { notFound, forbidden } from "#app/services/http/replies.server.ts";
import { delegatedShopsWhere, teamIdsOf } from "../shops/access.server.ts";

// ───────────── Who may touch a shop ─────────────

/** Volunteers only: sellers, buyers and anonymous visitors never reach the wizard. */
export function requireVolunteer(request: Request) {
  return requirePermission(request, "create:seller:own");
}

export async function requireSellerAccess(request: Request, sellerId: string) {
  const user = await requireVolunteer(request);
  if (!isRecordId(sellerId)) throw notFound();
  const db = getDb();
  const exists = await db.seller.findUnique({ where: { id: sellerId }, select: { id: true } });
  if (!exists) throw notFound();
  const allowed = await db.seller.findFirst({
    where: { id: sellerId, ...(await delegatedShopsWhere(db, user.id)) },
    select: { id: true },
  });
  if (!allowed) throw forbidden();
  return user;
}

// ───────────── Reading ─────────────

/** The shop's own fields that the wizard edits and the admin review shows. */
export const shopProfileSelect = {
  id: true,
  slug: true,
  kind: true,
  displayName: true,
  contactName: true,
  phone: true,
  email: true,
  addressLine: true,
  story: true,
  makes: true,
  coverPhoto: true,
  acceptsCod: true,
  acceptsBankTransfer: true,
  bankBin: true,
  bankAccountNumber: true,
  bankAccountName: true,
  status: true,
  reviewNote: true,
  submittedAt: true,
} as const;

const snapshotSelect = {
  ...shopProfileSelect,
  updatedAt: true,
  onboardedById: true,
  ownerId: true,
  commune: { select: { slug: true, name: true } },
  consent: {
    select: {
      method: true,
      givenByName: true,
      photoKey: true,
      givenAt: true,
      takenBy: { select: { name: true } },
    },
  },
  products: {
    orderBy: { createdAt: "asc" as const },
    select: {
      id: true,
      name: true,
      unit: true,
      priceVnd: true,
      stockMilli: true,
      stepMilli: true,
      status: true,
      _count: { select: { images: true } },
    },
  },
};

export async function getOnboardingSeller(sellerId: string) {
  const seller = await getDb().seller.findUniqueOrThrow({ where: { id: sellerId }, select: snapshotSelect });
  return {
    ...seller,
    missing: missingForSubmission(toSnapshot(seller)),
    editable: isEditable(seller.status),
  };
}

type SnapshotRow = {
  displayName: string;
  contactName: string;
  phone: string;
  addressLine: string;
  story: string;
  makes: string;
  coverPhoto: unknown;
  acceptsCod: boolean;
  acceptsBankTransfer: boolean;
  bankBin: string | null;
  bankAccountNumber: string | null;
  bankAccountName: string | null;
  consent: unknown;
  products: { name: string; _count: { images: number } }[];
};

export function toSnapshot(row: SnapshotRow): OnboardingSnapshot {
  return {
    displayName: row.displayName,
    contactName: row.contactName,
    phone: row.phone,
    addressLine: row.addressLine,
    hasConsent: Boolean(row.consent),
    story: row.story,
    makes: row.makes,
    hasCoverPhoto: Boolean(row.coverPhoto),
    acceptsCod: row.acceptsCod,
    acceptsBankTransfer: row.acceptsBankTransfer,
    bankComplete: Boolean(row.bankBin && row.bankAccountNumber && row.bankAccountName),
    products: row.products.map((p) => ({ name: p.name, photoCount: p._count.images })),
  };
}

/** The volunteer's home: every shop they may work on, newest activity first. */
export async function listVolunteerSellers(userId: string) {
  const db = getDb();
  const sellers = await db.seller.findMany({
    where: await delegatedShopsWhere(db, userId),
    orderBy: { updatedAt: "desc" },
    select: snapshotSelect,
  });
  return sellers.map((s) => ({ ...s, missing: missingForSubmission(toSnapshot(s)) }));
}

// ───────────── Writing ─────────────

export async function assertEditable(tx: Tx, sellerId: string) {
  const { status } = await tx.seller.findUniqueOrThrow({ where: { id: sellerId }, select: { status: true } });
  if (!isEditable(status)) throw new UserError("onboarding.notEditable", {}, 409);
}

/** For routes: refuse a locked shop (409) before its uploads are read and encoded. */
export async function assertSellerEditable(sellerId: string) {
  await assertEditable(getDb(), sellerId);
}

async function communeIdOf(tx: Tx, slug: string) {
  const commune = await tx.commune.findUnique({ where: { slug }, select: { id: true } });
  if (!commune) throw new UserError("validation.commune");
  return commune.id;
}

async function uniqueSellerSlug(tx: Tx, name: string) {
  const base = slugify(name) || "nguoi-ban";
  for (let n = 1; ; n++) {
    const slug = n === 1 ? base : `${base}-${n}`;
    if (!(await tx.seller.findUnique({ where: { slug }, select: { id: true } }))) return slug;
  }
}

type SellerStep = z.output<typeof SellerStepSchema>;

export async function createSellerDraft(volunteer: CurrentUser, data: SellerStep) {
  const db = getDb();
  const [teamId] = await teamIdsOf(db, volunteer.id);
  return auditedChange({ actorId: volunteer.id }, "onboarding.seller.create", async (tx) => {
    const { communeSlug, email, ...fields } = data;
    const seller = await tx.seller.create({
      data: {
        ...fields,
        email: email ?? null,
        slug: await uniqueSellerSlug(tx, data.displayName),
        communeId: await communeIdOf(tx, communeSlug),
        status: "draft",
        onboardedById: volunteer.id,
        teamId: teamId ?? null,
      },
      select: { id: true },
    });
    return {
      entityType: "Seller",
      entityId: seller.id,
      onBehalfOfSellerId: seller.id,
      after: data,
      result: seller.id,
    };
  });
}

const sellerFields = {
  kind: true,
  displayName: true,
  contactName: true,
  phone: true,
  email: true,
  addressLine: true,
  commune: { select: { slug: true } },
} as const;

export async function updateSellerStep(volunteer: CurrentUser, sellerId: string, data: SellerStep) {
  return auditedChange(
    { actorId: volunteer.id, onBehalfOfSellerId: sellerId },
    "onboarding.seller.update",
    async (tx) => {
      await assertEditable(tx, sellerId);
      const before = await tx.seller.findUniqueOrThrow({ where: { id: sellerId }, select: sellerFields });
      const { communeSlug, email, ...fields } = data;
      await tx.seller.update({
        where: { id: sellerId },
        data: { ...fields, email: email ?? null, communeId: await communeIdOf(tx, communeSlug) },
      });
      return { entityType: "Seller", entityId: sellerId, before, after: data, result: undefined };
    },
  );
}

export async function saveConsent(
  volunteer: CurrentUser,
  sellerId: string,
  data: z.output<typeof ConsentStepSchema>,
  photoKey: string | null,
) {
  if (data.method === "paper_photo" && !photoKey) throw new UserError("onboarding.consent.photoRequired");
  return auditedChange(
    { actorId: volunteer.id, onBehalfOfSellerId: sellerId },
    "onboarding.consent",
    async (tx) => {
      await assertEditable(tx, sellerId);
      const before = await tx.sellerConsent.findUnique({ where: { sellerId } });
      const fields = {
        method: data.method,
        givenByName: data.givenByName,
        photoKey: data.method === "paper_photo" ? photoKey : null,
        takenById: volunteer.id,
        termsVersion: TERMS_VERSION,
        givenAt: new Date(),
      };
      const after = await tx.sellerConsent.upsert({
        where: { sellerId },
        create: { sellerId, ...fields },
        update: fields,
      });
      return { entityType: "SellerConsent", entityId: after.id, before, after, result: undefined };
    },
  );
}

export async function saveStory(
  volunteer: CurrentUser,
  sellerId: string,
  data: z.output<typeof StoryStepSchema>,
  cover: CoverPhoto | null,
) {
  return auditedChange(
    { actorId: volunteer.id, onBehalfOfSellerId: sellerId },
    "onboarding.story",
    async (tx) => {
      await assertEditable(tx, sellerId);
      const before = await tx.seller.findUniqueOrThrow({
        where: { id: sellerId },
        select: { story: true, makes: true, coverPhoto: true },
      });
      await tx.seller.update({
        where: { id: sellerId },
        data: { story: data.story, makes: data.makes, ...(cover ? { coverPhoto: cover } : {}) },
      });
      const after = { ...data, coverPhoto: cover ? cover.key : undefined };
      return {
        entityType: "Seller",
        entityId: sellerId,
        before: { ...before, coverPhoto: coverPhotoFromJson(before.coverPhoto)?.key },
        after,
        result: undefined,
      };
    },
  );
}

export async function savePayment(
  volunteer: CurrentUser,
  sellerId: string,
  data: z.output<typeof PaymentStepSchema>,
) {
  return auditedChange(
    { actorId: volunteer.id, onBehalfOfSellerId: sellerId },
    "onboarding.payment",
    async (tx) => {
      await assertEditable(tx, sellerId);
      const select = {
        acceptsCod: true,
        acceptsBankTransfer: true,
        bankBin: true,
        bankAccountNumber: true,
        bankAccountName: true,
      };
      const before = await tx.seller.findUniqueOrThrow({ where: { id: sellerId }, select });
      const bank = Boolean(data.acceptsBankTransfer);
      const after = await tx.seller.update({
        where: { id: sellerId },
        data: {
          acceptsCod: Boolean(data.acceptsCod),
          acceptsBankTransfer: bank,
          bankBin: bank ? data.bankBin : null,
          bankAccountNumber: bank ? data.bankAccountNumber : null,
          bankAccountName: bank ? data.bankAccountName : null,
        },
        select,
      });
      return { entityType: "Seller", entityId: sellerId, before, after, result: undefined };
    },
  );
}

export const missingCategory = () => new UserError("validation.required");

export async function createProduct(
  volunteer: CurrentUser,
  sellerId: string,
  form: ProductForm,
  photos: ProductPhoto[],
  certificatePhotoKey: string | null,
) {
  return auditedChange(
    { actorId: volunteer.id, onBehalfOfSellerId: sellerId },
    "onboarding.product.create",
    async (tx) => {
      await assertEditable(tx, sellerId);
      const certification = certificationClaim(form, certificatePhotoKey);
      const product = await tx.product.create({
        data: {
          ...productFields(form),
          slug: await uniqueProductSlug(tx, form.name, sellerId),
          sellerId,
          categoryId: await categoryIdOf(tx, form.categorySlug, missingCategory),
          // Listed as soon as the shop is approved; until then the seller's status keeps it hidden.
          status: form.stockMilli > 0 ? "active" : "sold_out",
          images: { create: photoRows(photos, 0) },
          ...(certification ? { certifications: { create: certification } } : {}),
        },
        select: { id: true },
      });
      return {
        entityType: "Product",
        entityId: product.id,
        reindex: [product.id],
        after: { ...form, photos: photos.map((p) => p.key) },
        result: product.id,
      };
    },
  );
}

export async function updateProduct(
  volunteer: CurrentUser,
  sellerId: string,
  productId: string,
  form: ProductForm,
  {
    addPhotos,
    removePhotoKeys,
    certificatePhotoKey,
  }: { addPhotos: ProductPhoto[]; removePhotoKeys: string[]; certificatePhotoKey: string | null },
) {
  return auditedChange(
    { actorId: volunteer.id, onBehalfOfSellerId: sellerId },
    "onboarding.product.update",
    async (tx) => {
      await assertEditable(tx, sellerId);
      const before = await tx.product.findFirst({
        where: { id: productId, sellerId },
        include: { images: { select: { storageKey: true } }, certifications: true },
      });
      if (!before) throw new UserError("onboarding.product.notFound", {}, 404);
      const kept = before.images.filter((i) => !removePhotoKeys.includes(i.storageKey)).length;
      if (kept + addPhotos.length > 8) throw new UserError("onboarding.product.tooManyPhotos");
      await tx.productImage.deleteMany({ where: { productId, storageKey: { in: removePhotoKeys } } });
      const certification = certificationClaim(
        form,
        certificatePhotoKey ?? before.certifications[0]?.photoKey ?? null,
      );
      await tx.certification.deleteMany({ where: { productId } });
      await tx.product.update({
        where: { id: productId },
        data: {
          ...productFields(form),
          categoryId: await categoryIdOf(tx, form.categorySlug, missingCategory),
          status: form.stockMilli > 0 ? "active" : "sold_out",
          images: { create: photoRows(addPhotos, kept) },
          ...(certification ? { certifications: { create: certification } } : {}),
        },
      });
      return {
        entityType: "Product",
        entityId: productId,
        before,
        after: form,
        reindex: [productId],
        result: undefined,
      };
    },
  );
}

export async function deleteProduct(volunteer: CurrentUser, sellerId: string, productId: string) {
  return auditedChange(
    { actorId: volunteer.id, onBehalfOfSellerId: sellerId },
    "onboarding.product.delete",
    async (tx) => {
      await assertEditable(tx, sellerId);
      const before = await tx.product.findFirst({ where: { id: productId, sellerId } });
      if (!before) throw new UserError("onboarding.product.notFound", {}, 404);
      await tx.product.delete({ where: { id: productId } });
      return { entityType: "Product", entityId: productId, before, reindex: [productId], result: undefined };
    },
  );
}

export async function submitForReview(volunteer: CurrentUser, sellerId: string) {
  return auditedChange(
    { actorId: volunteer.id, onBehalfOfSellerId: sellerId },
    "onboarding.submit",
    async (tx) => {
      const seller = await tx.seller.findUniqueOrThrow({ where: { id: sellerId }, select: snapshotSelect });
      if (!isEditable(seller.status)) throw new UserError("onboarding.notEditable", {}, 409);
      if (missingForSubmission(toSnapshot(seller)).length)
        throw new UserError("onboarding.review.incomplete");
      await tx.seller.update({
        where: { id: sellerId },
        data: { status: "submitted", submittedAt: new Date() },
      });
      return {
        entityType: "Seller",
        entityId: sellerId,
        before: { status: seller.status },
        after: { status: "submitted" },
        result: undefined,
      };
    },
  );
}
