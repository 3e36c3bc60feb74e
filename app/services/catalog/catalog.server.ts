// What buyers may see: only approved sellers' active products. Database queries for the storefront
// pages that are not text search (home, product, seller, sitemap).
import type { CardProduct } from "#app/domain/catalog.ts";
import { getDb, type Prisma } from "../platform/db.server.ts";
import { productUrl } from "#app/domain/urls.ts";
import type { PublicHit } from "../search/search.server.ts";
import { certTagsOf } from "../search/indexer.server.ts";
import { isSlug } from "#app/domain/ids.ts";
import { photoFromRow, photoSelect } from "../images/stored-photos.server.ts";

export const publicProductWhere = {
  status: "active",
  seller: { status: "approved" },
} satisfies Prisma.ProductWhereInput;

/** Certifications buyers may see: checked by an admin (ADR 011). Cards also drop expired ones. */
export const publicCertificationWhere = {
  verifiedAt: { not: null },
} satisfies Prisma.CertificationWhereInput;

const productCardSelect = {
  id: true,
  slug: true,
  name: true,
  unit: true,
  priceVnd: true,
  stockMilli: true,
  seller: { select: { displayName: true, commune: { select: { name: true } } } },
  images: { select: photoSelect, orderBy: { sortOrder: "asc" }, take: 1 },
  certifications: { select: { kind: true, stars: true, expiresAt: true, verifiedAt: true } },
} satisfies Prisma.ProductSelect;

type CardRow = Prisma.ProductGetPayload<{ select: typeof productCardSelect }>;

export function cardFromRow(row: CardRow): CardProduct {
  return {
    id: row.id,
    url: productUrl(row.slug),
    name: row.name,
    priceVnd: row.priceVnd,
    unit: row.unit,
    inStock: row.stockMilli > 0,
    certs: certTagsOf(row.certifications),
    sellerName: row.seller.displayName,
    communeName: row.seller.commune.name,
    photo: row.images[0] ? photoFromRow(row.images[0]) : null,
  };
}

export function cardFromHit(hit: PublicHit): CardProduct {
  return {
    id: hit.id,
    url: hit.url,
    name: hit.name,
    priceVnd: hit.priceVnd,
    unit: hit.unit,
    inStock: hit.inStock,
    certs: hit.certs,
    sellerName: hit.seller.name,
    communeName: hit.commune.name,
    photo: hit.imageKey
      ? { storageKey: hit.imageKey, alt: "", width: 640, height: 480, variants: null, blurDataUrl: "" }
      : null,
  };
}

const sellerCardSelect = {
  slug: true,
  displayName: true,
  kind: true,
  story: true,
  commune: { select: { slug: true, name: true } },
  _count: { select: { products: { where: { status: "active" } } } },
} satisfies Prisma.SellerSelect;

/** Sellers in the chosen commune; when it has none, those of the same former district. */
async function sellersNear(communeSlug: string) {
  const db = getDb();
  const commune = await db.commune.findUnique({
    where: { slug: communeSlug },
    select: { id: true, slug: true, name: true, formerDistrict: true },
  });
  if (!commune) return null;
  const inCommune = await db.seller.findMany({
    where: { status: "approved", communeId: commune.id },
    orderBy: { displayName: "asc" },
    select: sellerCardSelect,
  });
  if (inCommune.length) return { commune, sellers: inCommune, fallback: false };
  const inDistrict = await db.seller.findMany({
    where: { status: "approved", commune: { formerDistrict: commune.formerDistrict } },
    orderBy: { displayName: "asc" },
    take: 12,
    select: sellerCardSelect,
  });
  return { commune, sellers: inDistrict, fallback: true };
}

export async function getHomePage({ nearCommune }: { nearCommune?: string } = {}) {
  const db = getDb();
  const [categories, ocop, newest, sellers, communes, near, counts] = await Promise.all([
    db.category.findMany({
      orderBy: { sortOrder: "asc" },
      select: {
        slug: true,
        name: true,
        nameEn: true,
        _count: { select: { products: { where: publicProductWhere } } },
      },
    }),
    db.product.findMany({
      where: {
        ...publicProductWhere,
        certifications: {
          some: {
            ...publicCertificationWhere,
            kind: "ocop",
            OR: [{ expiresAt: null }, { expiresAt: { gt: new Date() } }],
          },
        },
      },
      orderBy: [{ createdAt: "desc" }, { id: "asc" }],
      take: 8,
      select: productCardSelect,
    }),
    db.product.findMany({
      where: publicProductWhere,
      orderBy: [{ createdAt: "desc" }, { id: "asc" }],
      take: 12,
      select: productCardSelect,
    }),
    db.seller.findMany({
      where: { status: "approved" },
      orderBy: { displayName: "asc" },
      take: 12,
      select: sellerCardSelect,
    }),
    db.commune.findMany({ orderBy: { name: "asc" }, select: { slug: true, name: true } }),
    nearCommune ? sellersNear(nearCommune) : Promise.resolve(null),
    Promise.all([
      db.seller.count({ where: { status: "approved" } }),
      db.product.count({ where: publicProductWhere }),
      db.commune.count({ where: { sellers: { some: { status: "approved" } } } }),
    ]),
  ]);
  const [sellerCount, productCount, communeCount] = counts;
  return {
    categories,
    ocop: ocop.map(cardFromRow),
    newest: newest.map(cardFromRow),
    sellers,
    communes,
    near,
    stats: { sellers: sellerCount, products: productCount, communes: communeCount },
  };
}

export async function getProductPage(slug: string) {
  if (!isSlug(slug)) return null;
  const db = getDb();
  const product = await db.product.findFirst({
    where: { slug, ...publicProductWhere },
    select: {
      id: true,
      slug: true,
      name: true,
      description: true,
      unit: true,
      priceVnd: true,
      stockMilli: true,
      stepMilli: true,
      categoryId: true,
      sellerId: true,
      category: { select: { slug: true, name: true, nameEn: true } },
      seller: {
        select: {
          slug: true,
          displayName: true,
          kind: true,
          story: true,
          commune: { select: { slug: true, name: true } },
        },
      },
      images: {
        select: photoSelect,
        orderBy: { sortOrder: "asc" },
      },
      certifications: {
        where: publicCertificationWhere,
        select: { kind: true, stars: true, number: true, expiresAt: true },
        orderBy: { kind: "asc" },
      },
    },
  });
  if (!product) return null;
  const [related, fromSeller] = await Promise.all([
    db.product.findMany({
      where: {
        ...publicProductWhere,
        categoryId: product.categoryId,
        id: { not: product.id },
        sellerId: { not: product.sellerId },
      },
      orderBy: [{ createdAt: "desc" }, { id: "asc" }],
      take: 4,
      select: productCardSelect,
    }),
    db.product.findMany({
      where: { ...publicProductWhere, sellerId: product.sellerId, id: { not: product.id } },
      orderBy: [{ createdAt: "desc" }, { id: "asc" }],
      take: 4,
      select: productCardSelect,
    }),
  ]);
  return {
    product: { ...product, images: product.images.map(photoFromRow) },
    related: related.map(cardFromRow),
    fromSeller: fromSeller.map(cardFromRow),
  };
}

export async function getSellerPage(slug: string) {
  if (!isSlug(slug)) return null;
  const db = getDb();
  const seller = await db.seller.findFirst({
    where: { slug, status: "approved" },
    select: {
      id: true,
      slug: true,
      displayName: true,
      kind: true,
      story: true,
      addressLine: true,
      commune: { select: { slug: true, name: true, fullName: true } },
    },
  });
  if (!seller) return null;
  const products = await db.product.findMany({
    where: { ...publicProductWhere, sellerId: seller.id },
    orderBy: [{ createdAt: "desc" }, { id: "asc" }],
    select: productCardSelect,
  });
  return { seller, products: products.map(cardFromRow) };
}

/** Every category, in the order the pickers show them. */
export function listCategories() {
  return getDb().category.findMany({
    orderBy: { sortOrder: "asc" },
    select: { slug: true, name: true, nameEn: true },
  });
}

export async function getCategory(slug: string) {
  if (!isSlug(slug)) return null;
  return getDb().category.findUnique({ where: { slug }, select: { slug: true, name: true, nameEn: true } });
}

export async function getCommunePage(slug: string) {
  if (!isSlug(slug)) return null;
  const db = getDb();
  const commune = await db.commune.findUnique({
    where: { slug },
    select: { id: true, slug: true, name: true, fullName: true, formerDistrict: true },
  });
  if (!commune) return null;
  const sellers = await db.seller.findMany({
    where: { status: "approved", communeId: commune.id },
    orderBy: { displayName: "asc" },
    select: sellerCardSelect,
  });
  return { commune, sellers };
}

/** Labels for facet values (slugs) on the search page. */
export async function getFacetLabels() {
  const db = getDb();
  const [categories, communes] = await Promise.all([
    db.category.findMany({ orderBy: { sortOrder: "asc" }, select: { slug: true, name: true, nameEn: true } }),
    db.commune.findMany({ orderBy: { name: "asc" }, select: { slug: true, name: true } }),
  ]);
  return { categories, communes };
}

export async function getSitemapEntries() {
  const db = getDb();
  const [products, sellers, categories, communes] = await Promise.all([
    db.product.findMany({ where: publicProductWhere, select: { slug: true, updatedAt: true } }),
    db.seller.findMany({ where: { status: "approved" }, select: { slug: true, updatedAt: true } }),
    db.category.findMany({ select: { slug: true } }),
    db.commune.findMany({ where: { sellers: { some: { status: "approved" } } }, select: { slug: true } }),
  ]);
  return { products, sellers, categories, communes };
}
