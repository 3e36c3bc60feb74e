// Assisted onboarding: a volunteer sets up a seller's shop on their behalf. Every write is checked
// against who may touch the shop, runs in one transaction, and leaves an audit row with the
// volunteer as actor and the seller as "on behalf of".
import crypto from "node:crypto";
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
import { recordAudit } from "./audit.server.ts";
import { hashPassword, requirePermission, type CurrentUser } from "./auth.server.ts";
import { getDb, type Db, type Tx } from "./db.server.ts";
import type { ProcessedImage } from "#app/domain/images.ts";
import { enqueueIndexing } from "./search/indexer.server.ts";
import {
  categoryIdOf,
  certificationClaim,
  photoRows,
  productFields,
  type ProductForm,
  type ProductPhoto,
  uniqueProductSlug,
} from "./product-writes.server.ts";
import { SESSION_TTL_MS } from "./session.server.ts";
import { isRecordId } from "#app/domain/ids.ts";
import { UserError } from "#app/domain/user-error.ts";
import { notFound, forbidden } from "#app/services/replies.server.ts";

// ───────────── Who may touch a shop ─────────────

/** Volunteers only: sellers, buyers and anonymous visitors never reach the wizard. */
export function requireVolunteer(request: Request) {
  return requirePermission(request, "create:seller:own");
}

async function teamIdsOf(db: Db, userId: string) {
  const memberships = await db.teamMember.findMany({ where: { userId }, select: { teamId: true } });
  return memberships.map((m) => m.teamId);
}

/** The shops a volunteer onboarded, or that their commune team shares. */
async function accessibleSellerWhere(db: Db, userId: string) {
  const teamIds = await teamIdsOf(db, userId);
  return {
    delegationRevokedAt: null,
    OR: [{ onboardedById: userId }, ...(teamIds.length ? [{ teamId: { in: teamIds } }] : [])],
  };
}

/** The volunteer, if they may work on this shop: 404 when it does not exist, 403 when not theirs. */
export async function requireSellerAccess(request: Request, sellerId: string) {
  const user = await requireVolunteer(request);
  if (!isRecordId(sellerId)) throw notFound();
  const db = getDb();
  const exists = await db.seller.findUnique({ where: { id: sellerId }, select: { id: true } });
  if (!exists) throw notFound();
  const allowed = await db.seller.findFirst({
    where: { id: sellerId, ...(await accessibleSellerWhere(db, user.id)) },
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
    where: await accessibleSellerWhere(db, userId),
    orderBy: { updatedAt: "desc" },
    select: snapshotSelect,
  });
  return sellers.map((s) => ({ ...s, missing: missingForSubmission(toSnapshot(s)) }));
}

// ───────────── Writing ─────────────

async function audited<T>(
  actor: CurrentUser,
  sellerId: string | null,
  action: string,
  run: (
    tx: Tx,
  ) => Promise<{ entityType: string; entityId: string; before?: unknown; after?: unknown; result: T }>,
) {
  return getDb().$transaction(async (tx) => {
    const { result, ...entry } = await run(tx);
    await recordAudit(tx, {
      actorId: actor.id,
      onBehalfOfSellerId: sellerId ?? entry.entityId,
      action,
      ...entry,
    });
    return result;
  });
}

async function assertEditable(tx: Tx, sellerId: string) {
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
  return audited(volunteer, null, "onboarding.seller.create", async (tx) => {
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
    return { entityType: "Seller", entityId: seller.id, after: data, result: seller.id };
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
  return audited(volunteer, sellerId, "onboarding.seller.update", async (tx) => {
    await assertEditable(tx, sellerId);
    const before = await tx.seller.findUniqueOrThrow({ where: { id: sellerId }, select: sellerFields });
    const { communeSlug, email, ...fields } = data;
    await tx.seller.update({
      where: { id: sellerId },
      data: { ...fields, email: email ?? null, communeId: await communeIdOf(tx, communeSlug) },
    });
    return { entityType: "Seller", entityId: sellerId, before, after: data, result: undefined };
  });
}

export async function saveConsent(
  volunteer: CurrentUser,
  sellerId: string,
  data: z.output<typeof ConsentStepSchema>,
  photoKey: string | null,
) {
  if (data.method === "paper_photo" && !photoKey) throw new UserError("onboarding.consent.photoRequired");
  return audited(volunteer, sellerId, "onboarding.consent", async (tx) => {
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
  });
}

export type CoverPhoto = ProcessedImage & { key: string };

export async function saveStory(
  volunteer: CurrentUser,
  sellerId: string,
  data: z.output<typeof StoryStepSchema>,
  cover: CoverPhoto | null,
) {
  return audited(volunteer, sellerId, "onboarding.story", async (tx) => {
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
      before: { ...before, coverPhoto: (before.coverPhoto as CoverPhoto | null)?.key },
      after,
      result: undefined,
    };
  });
}

export async function savePayment(
  volunteer: CurrentUser,
  sellerId: string,
  data: z.output<typeof PaymentStepSchema>,
) {
  return audited(volunteer, sellerId, "onboarding.payment", async (tx) => {
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
  });
}

export const missingCategory = () => new UserError("validation.required");

export async function createProduct(
  volunteer: CurrentUser,
  sellerId: string,
  form: ProductForm,
  photos: ProductPhoto[],
  certificatePhotoKey: string | null,
) {
  return audited(volunteer, sellerId, "onboarding.product.create", async (tx) => {
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
    await enqueueIndexing(tx, [product.id]);
    return {
      entityType: "Product",
      entityId: product.id,
      after: { ...form, photos: photos.map((p) => p.key) },
      result: product.id,
    };
  });
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
  return audited(volunteer, sellerId, "onboarding.product.update", async (tx) => {
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
    await enqueueIndexing(tx, [productId]);
    return { entityType: "Product", entityId: productId, before, after: form, result: undefined };
  });
}

export async function deleteProduct(volunteer: CurrentUser, sellerId: string, productId: string) {
  return audited(volunteer, sellerId, "onboarding.product.delete", async (tx) => {
    await assertEditable(tx, sellerId);
    const before = await tx.product.findFirst({ where: { id: productId, sellerId } });
    if (!before) throw new UserError("onboarding.product.notFound", {}, 404);
    await tx.product.delete({ where: { id: productId } });
    await enqueueIndexing(tx, [productId]);
    return { entityType: "Product", entityId: productId, before, result: undefined };
  });
}

export async function submitForReview(volunteer: CurrentUser, sellerId: string) {
  return audited(volunteer, sellerId, "onboarding.submit", async (tx) => {
    const seller = await tx.seller.findUniqueOrThrow({ where: { id: sellerId }, select: snapshotSelect });
    if (!isEditable(seller.status)) throw new UserError("onboarding.notEditable", {}, 409);
    if (missingForSubmission(toSnapshot(seller)).length) throw new UserError("onboarding.review.incomplete");
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
  });
}

// ───────────── Admin review ─────────────

export type ReviewDecision =
  { decision: "approve" } | { decision: "request_changes" | "reject"; note: string };

export async function decideReview(admin: CurrentUser, sellerId: string, decision: ReviewDecision) {
  return audited(admin, sellerId, `review.${decision.decision}`, async (tx) => {
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
    const status = { approve: "approved", request_changes: "changes_requested", reject: "rejected" } as const;
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
    // Approval makes the seller and its active products public: index them.
    if (seller.products.length)
      await enqueueIndexing(
        tx,
        seller.products.map((p) => p.id),
      );
    return {
      entityType: "Seller",
      entityId: sellerId,
      before: { status: seller.status },
      after: { status: status[decision.decision], note },
      result: undefined,
    };
  });
}

// ───────────── Handover ─────────────

export const INVITE_TTL_MS = 14 * 24 * 60 * 60 * 1000;
const codeAlphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"; // no 0/O, 1/I: read aloud and typed by hand

/** "K7Q2-M9XP-3DHT": 12 characters from 32 (60 bits), grouped for reading out over the phone. */
export function newInviteCode() {
  const bytes = crypto.randomBytes(12);
  const chars = [...bytes].map((b) => codeAlphabet[b % codeAlphabet.length]).join("");
  return `${chars.slice(0, 4)}-${chars.slice(4, 8)}-${chars.slice(8, 12)}`;
}

export function normalizeInviteCode(input: string) {
  return input.toUpperCase().replace(/[^A-Z0-9]/g, "");
}

export function hashInviteCode(code: string) {
  return crypto.createHash("sha256").update(normalizeInviteCode(code)).digest("hex");
}

/**
 * Creates (or reuses) the seller's own account, keyed by the shop's phone number, and a fresh
 * one-time invite. Returns the code: it is shown once and never stored in the clear.
 */
export async function createInvite(volunteer: CurrentUser, sellerId: string) {
  const code = newInviteCode();
  await audited(volunteer, sellerId, "handover.invite", async (tx) => {
    const seller = await tx.seller.findUniqueOrThrow({
      where: { id: sellerId },
      select: { status: true, phone: true, contactName: true, email: true, ownerId: true },
    });
    if (seller.status !== "approved") throw new UserError("handover.notApproved", {}, 409);
    if (seller.ownerId) throw new UserError("handover.alreadyOwned", {}, 409);
    // The invite sets a password. It must never reach an account that already has one (or staff):
    // otherwise a shop's phone number, which the volunteer types, would open someone else's account.
    const existing = await tx.user.findUnique({
      where: { phone: seller.phone },
      select: { password: { select: { userId: true } }, roles: { select: { name: true } } },
    });
    if (
      existing &&
      (existing.password || existing.roles.some((r) => r.name === "admin" || r.name === "volunteer"))
    ) {
      throw new UserError("handover.phoneHasAccount", {}, 409);
    }
    const user = await tx.user.upsert({
      where: { phone: seller.phone },
      create: { phone: seller.phone, name: seller.contactName, roles: { connect: { name: "seller" } } },
      update: { roles: { connect: { name: "seller" } } },
      select: { id: true },
    });
    // Only the newest invite works.
    await tx.sellerInvite.updateMany({ where: { sellerId, usedAt: null }, data: { expiresAt: new Date() } });
    const invite = await tx.sellerInvite.create({
      data: {
        sellerId,
        userId: user.id,
        codeHash: hashInviteCode(code),
        createdById: volunteer.id,
        expiresAt: new Date(Date.now() + INVITE_TTL_MS),
      },
      select: { id: true, expiresAt: true },
    });
    return {
      entityType: "SellerInvite",
      entityId: invite.id,
      after: { userId: user.id, expiresAt: invite.expiresAt },
      result: undefined,
    };
  });
  return code;
}

export async function findValidInvite(code: string) {
  return getDb().sellerInvite.findFirst({
    where: { codeHash: hashInviteCode(code), usedAt: null, expiresAt: { gt: new Date() } },
    select: {
      id: true,
      sellerId: true,
      userId: true,
      seller: { select: { displayName: true } },
      user: { select: { phone: true, name: true } },
    },
  });
}

/** The seller sets a password; the shop becomes theirs; they are signed in. Returns the session id. */
export async function acceptInvite(code: string, password: string) {
  const invite = await findValidInvite(code);
  if (!invite) throw new UserError("handover.invalidCode", {}, 400);
  const hash = await hashPassword(password);
  return getDb().$transaction(async (tx) => {
    // Claim the invite first so two tabs cannot both use it.
    const claimed = await tx.sellerInvite.updateMany({
      where: { id: invite.id, usedAt: null },
      data: { usedAt: new Date() },
    });
    if (claimed.count !== 1) throw new UserError("handover.invalidCode", {}, 400);
    await tx.password.upsert({
      where: { userId: invite.userId },
      create: { userId: invite.userId, hash },
      update: { hash },
    });
    await tx.seller.update({ where: { id: invite.sellerId }, data: { ownerId: invite.userId } });
    await recordAudit(tx, {
      actorId: invite.userId,
      onBehalfOfSellerId: invite.sellerId,
      action: "handover.accept",
      entityType: "Seller",
      entityId: invite.sellerId,
      after: { ownerId: invite.userId },
    });
    const session = await tx.session.create({
      data: { userId: invite.userId, expiresAt: new Date(Date.now() + SESSION_TTL_MS) },
      select: { id: true },
    });
    return session.id;
  });
}

/** The seller ends the volunteer's delegated access to their shop. */
export async function revokeDelegation(owner: CurrentUser, sellerId: string) {
  return audited(owner, sellerId, "handover.revokeDelegation", async (tx) => {
    const seller = await tx.seller.findFirst({
      where: { id: sellerId, ownerId: owner.id },
      select: { id: true },
    });
    if (!seller) throw forbidden();
    const revokedAt = new Date();
    await tx.seller.update({ where: { id: sellerId }, data: { delegationRevokedAt: revokedAt } });
    return {
      entityType: "Seller",
      entityId: sellerId,
      after: { delegationRevokedAt: revokedAt },
      result: undefined,
    };
  });
}
