// The seller workspace's listings: every product of a shop, quick changes (restock, price, status,
// duplicate), full edits with photos and certifications, and the admin's check of certifications.
// Each change runs in one transaction with an audit row (actor = the signed-in user, on behalf of =
// the shop) and an indexing message, so the storefront and search follow within seconds.
// Which edits go live at once and which wait for an admin: app/domain/listing-rules.ts, ADR 011.
import {
  applyMove,
  canAddPhotos,
  canRemovePhoto,
  certificationChange,
  copyName,
  isLowStock,
  MAX_STOCK_MILLI,
  movedInList,
  needsVerification,
  productStatuses,
  restock,
  statusForStock,
  type ProductStatus,
  type QuickAction,
  type RuleError,
  type StatusMove,
} from "#app/domain/listing-rules.ts";
import type { ProductUnit } from "#app/domain/units.ts";
import { certificationKinds } from "#app/domain/catalog.ts";
import { z } from "zod";
import { auditedChange, type AuditedResult } from "../platform/audit.server.ts";
import type { CurrentUser } from "../identity/auth.server.ts";
import { photoFromRow, photoSelect } from "../images/stored-photos.server.ts";
import { getDb, type Prisma, type Tx } from "../platform/db.server.ts";
import {
  categoryIdOf,
  certificationClaim,
  photoRows,
  productFields,
  type ProductForm,
  type ProductPhoto,
  uniqueProductSlug,
} from "../catalog/product-writes.server.ts";
import { onBehalfOf, type ShopContext } from "./workspace.server.ts";
import { shopRole } from "./access.server.ts";
import { privateFileUrl } from "../platform/storage.server.ts";
import { UserError } from "#app/domain/user-error.ts";
import { notFound } from "#app/services/http/replies.server.ts";

const ruleError = (error: RuleError, product: { stepMilli: number; unit: ProductUnit }) =>
  new UserError(error, { step: { milli: product.stepMilli, unit: product.unit }, max: 8 });

// ───────────── Reading ─────────────

const photoWithIdSelect = { id: true, ...photoSelect } satisfies Prisma.ProductImageSelect;

const photoOrder = [
  { sortOrder: "asc" },
  { id: "asc" },
] satisfies Prisma.ProductImageOrderByWithRelationInput[];
const certOrder = [{ kind: "asc" }, { id: "asc" }] satisfies Prisma.CertificationOrderByWithRelationInput[];

const statusRank: Record<ProductStatus, number> = { active: 0, sold_out: 1, draft: 2, archived: 3 };

/** Every product of the shop (or those with one status): on sale first, then by name. */
export async function listShopProducts(sellerId: string, status: ProductStatus | null) {
  const db = getDb();
  const [rows, groups] = await Promise.all([
    db.product.findMany({
      where: { sellerId, ...(status ? { status } : {}) },
      orderBy: [{ name: "asc" }, { id: "asc" }],
      take: 1000,
      select: {
        id: true,
        slug: true,
        name: true,
        unit: true,
        priceVnd: true,
        stockMilli: true,
        stepMilli: true,
        status: true,
        images: { select: photoWithIdSelect, orderBy: photoOrder, take: 1 },
        certifications: { select: { kind: true, stars: true, verifiedAt: true }, orderBy: certOrder },
      },
    }),
    db.product.groupBy({ by: ["status"], where: { sellerId }, _count: { _all: true } }),
  ]);
  const counts = Object.fromEntries(productStatuses.map((s) => [s, 0])) as Record<ProductStatus, number>;
  for (const g of groups) counts[g.status] = g._count._all;
  const products = rows
    .map(({ images, ...p }) => ({
      ...p,
      unit: p.unit,
      photo: images[0] ? photoFromRow(images[0]) : null,
      lowStock: isLowStock(p),
      pendingCertifications: p.certifications.filter((c) => !c.verifiedAt).length,
    }))
    .sort((a, b) => statusRank[a.status] - statusRank[b.status]);
  return { products, counts, total: Object.values(counts).reduce((a, b) => a + b, 0) };
}

/** One product of this shop for the edit page, or null (another shop's product is not found). */
export async function getShopProduct(sellerId: string, productId: string) {
  const product = await getDb().product.findFirst({
    where: { id: productId, sellerId },
    select: {
      id: true,
      slug: true,
      name: true,
      description: true,
      unit: true,
      stepMilli: true,
      priceVnd: true,
      localOnly: true,
      weightGrams: true,
      stockMilli: true,
      status: true,
      category: { select: { slug: true } },
      images: { select: photoWithIdSelect, orderBy: photoOrder },
      certifications: {
        orderBy: certOrder,
        select: {
          id: true,
          kind: true,
          stars: true,
          number: true,
          expiresAt: true,
          verifiedAt: true,
          photoKey: true,
        },
      },
    },
  });
  if (!product) return null;
  return {
    ...product,
    unit: product.unit,
    photos: product.images.map((i) => ({ id: i.id, ...photoFromRow(i) })),
  };
}

/** The product if it belongs to this shop; a 404 Response otherwise (another shop's id included). */
export async function requireShopProduct(shop: ShopContext, productId: string) {
  const found = await getDb().product.findFirst({
    where: { id: productId, sellerId: shop.seller.id },
    select: { id: true, name: true, status: true, _count: { select: { images: true } } },
  });
  if (!found) throw notFound();
  return { id: found.id, name: found.name, status: found.status, photoCount: found._count.images };
}

/** The name shown in a "done" notice; null for anything not of this shop. */
export async function shopProductName(sellerId: string, productId: string) {
  const product = await getDb().product.findFirst({
    where: { id: productId, sellerId },
    select: { name: true },
  });
  return product?.name ?? null;
}

/** What decideCertification writes in the audit row of a refusal; older or foreign rows are skipped. */
const rejectionRecord = z.object({
  productId: z.string(),
  note: z.string().default(""),
  kind: z.enum(certificationKinds),
  stars: z.number().nullable().default(null),
});

/** The admin's latest refusal of a certification of this product, with its note. */
export async function lastCertificationRejection(sellerId: string, productId: string) {
  const rows = await getDb().auditLog.findMany({
    where: { onBehalfOfSellerId: sellerId, action: "certification.reject" },
    orderBy: { createdAt: "desc" },
    take: 50,
    select: { createdAt: true, after: true },
  });
  for (const row of rows) {
    const after = rejectionRecord.safeParse(row.after);
    if (after.success && after.data.productId === productId) {
      return { at: row.createdAt, note: after.data.note, kind: after.data.kind, stars: after.data.stars };
    }
  }
  return null;
}

// ───────────── Writing ─────────────

const changeSelect = {
  id: true,
  name: true,
  slug: true,
  description: true,
  unit: true,
  stepMilli: true,
  stockMilli: true,
  priceVnd: true,
  status: true,
  categoryId: true,
  images: {
    orderBy: photoOrder,
    select: { ...photoWithIdSelect, sortOrder: true },
  },
  certifications: { orderBy: certOrder },
} satisfies Prisma.ProductSelect;

type ProductRow = Prisma.ProductGetPayload<{ select: typeof changeSelect }>;

/** Runs one change to one of the shop's products: found in this shop or 404, audited, indexed. */
function changeListing<T>(
  shop: ShopContext,
  productId: string,
  action: string,
  run: (
    tx: Tx,
    product: ProductRow,
  ) => Promise<Omit<AuditedResult<T>, "entityType" | "entityId"> & { entityId?: string }>,
) {
  return auditedChange(
    { actorId: shop.user.id, onBehalfOfSellerId: onBehalfOf(shop) },
    action,
    async (tx) => {
      const product = await tx.product.findFirst({
        where: { id: productId, sellerId: shop.seller.id },
        select: changeSelect,
      });
      if (!product) throw new UserError("listings.error.notFound", {}, 404);
      const { entityId = productId, ...change } = await run(tx, product);
      return { entityType: "Product", entityId, reindex: [entityId], ...change };
    },
  );
}

export const missingCategory = () => new UserError("listings.error.category");

function assertQuantities(form: Pick<ProductForm, "stockMilli" | "stepMilli">) {
  if (form.stockMilli > MAX_STOCK_MILLI || form.stepMilli > MAX_STOCK_MILLI) {
    throw new UserError("listings.error.tooMuch");
  }
}

const nextSortOrder = (images: { sortOrder: number }[]) =>
  images.reduce((max, i) => Math.max(max, i.sortOrder + 1), 0);

/** A new listing goes on sale at once (sold out when it has no stock) and needs a photo. */
export async function createListing(
  shop: ShopContext,
  form: ProductForm,
  photos: ProductPhoto[],
  certificatePhotoKey: string | null,
) {
  if (photos.length === 0) throw new UserError("listings.error.needPhoto");
  assertQuantities(form);
  const claim = certificationClaim(form, certificatePhotoKey);
  const actor = { actorId: shop.user.id, onBehalfOfSellerId: onBehalfOf(shop) };
  return auditedChange(actor, "listing.create", async (tx) => {
    const product = await tx.product.create({
      data: {
        ...productFields(form),
        slug: await uniqueProductSlug(tx, form.name, shop.seller.id),
        sellerId: shop.seller.id,
        categoryId: await categoryIdOf(tx, form.categorySlug, missingCategory),
        status: form.stockMilli > 0 ? "active" : "sold_out",
        images: { create: photoRows(photos, 0) },
        // Saved unverified: buyers see it once an admin has checked it.
        ...(claim ? { certifications: { create: claim } } : {}),
      },
      select: { id: true },
    });
    return {
      entityType: "Product",
      entityId: product.id,
      after: { ...form, photos: photos.map((p) => p.key), certification: claim ? "added" : "none" },
      reindex: [product.id],
      result: product.id,
    };
  });
}

/**
 * Saves the full form. Everything goes live at once except the certification: unchanged, it keeps
 * its admin check; new or changed, it is saved unverified until an admin checks it; removed, it is gone.
 * Only the certification the form shows (the first) is edited; any others are left as they are.
 */
export async function updateListing(
  shop: ShopContext,
  productId: string,
  form: ProductForm,
  {
    addPhotos = [],
    certificatePhotoKey = null,
  }: { addPhotos?: ProductPhoto[]; certificatePhotoKey?: string | null },
) {
  assertQuantities(form);
  return changeListing(shop, productId, "listing.update", async (tx, p) => {
    const added = canAddPhotos(p.images.length, addPhotos.length);
    if (!added.ok) throw ruleError(added.error, p);
    const edited = p.certifications[0] ?? null;
    const claim = certificationClaim(form, certificatePhotoKey ?? edited?.photoKey ?? null);
    const change = certificationChange(edited, claim);
    if (edited && change !== "unchanged") await tx.certification.delete({ where: { id: edited.id } });
    if (claim && needsVerification(change)) {
      // One certification of a kind per product.
      await tx.certification.deleteMany({ where: { productId, kind: claim.kind } });
      await tx.certification.create({ data: { ...claim, productId } });
    }
    const status = statusForStock(p.status, form.stockMilli);
    await tx.product.update({
      where: { id: productId },
      data: {
        ...productFields(form),
        categoryId: await categoryIdOf(tx, form.categorySlug, missingCategory),
        status,
        images: { create: photoRows(addPhotos, nextSortOrder(p.images)) },
      },
    });
    const { images, certifications: _certifications, ...fields } = p;
    return {
      before: { ...fields, photos: images.map((i) => i.storageKey), certification: edited },
      after: { ...form, status, addedPhotos: addPhotos.map((i) => i.key), certification: change },
      result: { certification: change },
    };
  });
}

/** Adds stock (a whole number of steps); a sold-out product is back on sale. */
export async function restockListing(shop: ShopContext, productId: string, addMilli: number) {
  return changeListing(shop, productId, "listing.restock", async (tx, p) => {
    const checked = restock({ ...p, status: p.status }, addMilli);
    if (!checked.ok) throw ruleError(checked.error, p);
    // Increment rather than overwrite: an order placed meanwhile keeps its share of the stock.
    const { stockMilli } = await tx.product.update({
      where: { id: productId },
      data: { stockMilli: { increment: addMilli } },
      select: { stockMilli: true },
    });
    if (stockMilli > MAX_STOCK_MILLI) throw ruleError("listings.error.tooMuch", p);
    const status = statusForStock(p.status, stockMilli);
    if (status !== p.status) await tx.product.update({ where: { id: productId }, data: { status } });
    return {
      before: { stockMilli: p.stockMilli, status: p.status },
      after: { addMilli, stockMilli, status },
      result: { stockMilli, status },
    };
  });
}

export async function setListingPrice(shop: ShopContext, productId: string, priceVnd: number) {
  return changeListing(shop, productId, "listing.price", async (tx, p) => {
    await tx.product.update({ where: { id: productId }, data: { priceVnd } });
    return { before: { priceVnd: p.priceVnd }, after: { priceVnd }, result: undefined };
  });
}

/** Sold out, archive, put back on sale, publish a draft. */
export async function moveListing(shop: ShopContext, productId: string, move: StatusMove) {
  return changeListing(shop, productId, "listing.status", async (tx, p) => {
    const next = applyMove(move, {
      status: p.status,
      stockMilli: p.stockMilli,
      photoCount: p.images.length,
    });
    if (!next.ok) throw ruleError(next.error, p);
    await tx.product.update({ where: { id: productId }, data: next.value });
    return {
      before: { status: p.status, stockMilli: p.stockMilli },
      after: { move, ...next.value },
      result: next.value,
    };
  });
}

/** A draft copy with the same details and photos, no stock and no certification. Returns its id. */
export async function duplicateListing(shop: ShopContext, productId: string) {
  return changeListing(shop, productId, "listing.duplicate", async (tx, p) => {
    const name = copyName(p.name);
    const copy = await tx.product.create({
      data: {
        slug: await uniqueProductSlug(tx, name, shop.seller.id),
        sellerId: shop.seller.id,
        categoryId: p.categoryId,
        name,
        description: p.description,
        unit: p.unit,
        stepMilli: p.stepMilli,
        priceVnd: p.priceVnd,
        stockMilli: 0,
        status: "draft",
        // Photos are content-addressed: the copy points at the same stored files.
        images: {
          create: p.images.map(({ id: _id, variants, ...image }, index) => ({
            ...image,
            variants: variants ?? undefined,
            sortOrder: index,
          })),
        },
      },
      select: { id: true },
    });
    return {
      entityId: copy.id,
      before: { copiedFrom: p.id },
      after: { name, status: "draft", photos: p.images.map((i) => i.storageKey) },
      result: copy.id,
    };
  });
}

export async function addListingPhotos(shop: ShopContext, productId: string, photos: ProductPhoto[]) {
  return changeListing(shop, productId, "listing.photos.add", async (tx, p) => {
    const allowed = canAddPhotos(p.images.length, photos.length);
    if (!allowed.ok) throw ruleError(allowed.error, p);
    await tx.productImage.createMany({
      data: photoRows(photos, nextSortOrder(p.images)).map((row) => ({ ...row, productId })),
    });
    return { after: { photos: photos.map((i) => i.key) }, result: undefined };
  });
}

/** Moves a photo one place; the first photo is the one on cards and in search. */
export async function moveListingPhoto(
  shop: ShopContext,
  productId: string,
  imageId: string,
  direction: "up" | "down",
) {
  return changeListing(shop, productId, "listing.photos.reorder", async (tx, p) => {
    const index = p.images.findIndex((i) => i.id === imageId);
    if (index === -1) throw new UserError("listings.error.photoNotFound", {}, 404);
    const moved = movedInList(p.images, index, direction);
    if (!moved) return { unchanged: true, result: undefined };
    for (const [sortOrder, image] of moved.entries()) {
      if (image.sortOrder !== sortOrder) {
        await tx.productImage.update({ where: { id: image.id }, data: { sortOrder } });
      }
    }
    return {
      before: { photos: p.images.map((i) => i.storageKey) },
      after: { photos: moved.map((i) => i.storageKey) },
      result: undefined,
    };
  });
}

export async function removeListingPhoto(shop: ShopContext, productId: string, imageId: string) {
  return changeListing(shop, productId, "listing.photos.remove", async (tx, p) => {
    const image = p.images.find((i) => i.id === imageId);
    if (!image) throw new UserError("listings.error.photoNotFound", {}, 404);
    const allowed = canRemovePhoto(p.status, p.images.length);
    if (!allowed.ok) throw ruleError(allowed.error, p);
    await tx.productImage.delete({ where: { id: imageId } });
    return { before: { photo: image.storageKey }, result: undefined };
  });
}

/** One quick action from the listings page (or the status buttons of the edit page). */
export async function runQuickAction(shop: ShopContext, action: QuickAction) {
  switch (action.intent) {
    case "restock":
      await restockListing(shop, action.productId, action.addMilli);
      return { copyId: null };
    case "price":
      await setListingPrice(shop, action.productId, action.priceVnd);
      return { copyId: null };
    case "duplicate":
      return { copyId: await duplicateListing(shop, action.productId) };
    default:
      await moveListing(shop, action.productId, action.intent);
      return { copyId: null };
  }
}

// ───────────── Admin: checking certifications ─────────────

/** Shops whose certifications an admin checks: not drafts still being set up. */
const checkedShopStatuses = ["submitted", "approved", "suspended"] as const;

/** Certifications waiting for an admin, oldest first (ids are time-ordered cuids). */
export async function listPendingCertifications() {
  const rows = await getDb().certification.findMany({
    where: { verifiedAt: null, product: { seller: { status: { in: [...checkedShopStatuses] } } } },
    orderBy: { id: "asc" },
    take: 200,
    select: {
      id: true,
      kind: true,
      stars: true,
      number: true,
      expiresAt: true,
      photoKey: true,
      product: {
        select: {
          id: true,
          name: true,
          slug: true,
          status: true,
          seller: { select: { id: true, displayName: true, status: true } },
        },
      },
    },
  });
  // Certificate photos are private documents (docs/decisions/012).
  return rows.map(({ photoKey, ...c }) => ({ ...c, photoUrl: photoKey ? privateFileUrl(photoKey) : null }));
}

async function decideCertification(
  admin: CurrentUser,
  certificationId: string,
  action: "certification.verify" | "certification.reject",
  decide: (
    tx: Tx,
    cert: Omit<Prisma.CertificationGetPayload<{ include: { product: true } }>, "product">,
  ) => Promise<unknown>,
) {
  return auditedChange({ actorId: admin.id }, action, async (tx) => {
    const cert = await tx.certification.findUnique({
      where: { id: certificationId },
      include: { product: { select: { sellerId: true } } },
    });
    if (!cert) throw new UserError("listings.cert.notFound", {}, 404);
    const sellerId = cert.product.sellerId;
    // No one checks a claim they made or helped make.
    if (await shopRole(tx, admin.id, sellerId)) throw new UserError("listings.cert.ownWork", {}, 403);
    if (cert.verifiedAt) throw new UserError("listings.cert.decided", {}, 409);
    const { product: _product, ...before } = cert;
    const after = await decide(tx, before);
    return {
      entityType: "Certification",
      entityId: cert.id,
      onBehalfOfSellerId: sellerId,
      before,
      after,
      reindex: [cert.productId],
      result: undefined,
    };
  });
}

/** The admin has seen the certificate: buyers may now see it and filter by it. */
export function verifyCertification(admin: CurrentUser, certificationId: string) {
  return decideCertification(admin, certificationId, "certification.verify", async (tx, cert) => {
    const verifiedAt = new Date();
    const done = await tx.certification.updateMany({
      where: { id: cert.id, verifiedAt: null },
      data: { verifiedAt, verifiedById: admin.id },
    });
    if (done.count !== 1) throw new UserError("listings.cert.decided", {}, 409);
    return { productId: cert.productId, verifiedAt };
  });
}

/**
 * The claim does not hold: it is removed (the audit row keeps it, the photo key included) and the
 * note is shown to the seller on the product's page. The product itself stays on sale.
 */
export function rejectCertification(admin: CurrentUser, certificationId: string, note: string) {
  return decideCertification(admin, certificationId, "certification.reject", async (tx, cert) => {
    const done = await tx.certification.deleteMany({ where: { id: cert.id, verifiedAt: null } });
    if (done.count !== 1) throw new UserError("listings.cert.decided", {}, 409);
    return { productId: cert.productId, kind: cert.kind, stars: cert.stars, note };
  });
}
