// What buyers may see: only approved sellers' active products. Queries for the storefront pages.
import { getDb, type Prisma } from "./db.server.ts";

export const publicProductWhere = {
  status: "active",
  seller: { status: "approved" },
} satisfies Prisma.ProductWhereInput;

const productCardSelect = {
  id: true,
  slug: true,
  name: true,
  unit: true,
  priceVnd: true,
  stockMilli: true,
  seller: { select: { displayName: true, slug: true, commune: { select: { name: true } } } },
  images: { select: { storageKey: true, alt: true }, orderBy: { sortOrder: "asc" }, take: 1 },
  certifications: { select: { kind: true, stars: true } },
} satisfies Prisma.ProductSelect;

export type ProductCard = Prisma.ProductGetPayload<{ select: typeof productCardSelect }>;

export async function getHomePage() {
  const db = getDb();
  const [categories, ocop, newest, sellers, counts] = await Promise.all([
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
      where: { ...publicProductWhere, certifications: { some: { kind: "ocop" } } },
      orderBy: { createdAt: "desc" },
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
      select: {
        slug: true,
        displayName: true,
        kind: true,
        story: true,
        commune: { select: { name: true } },
        _count: { select: { products: { where: { status: "active" } } } },
      },
    }),
    Promise.all([
      db.seller.count({ where: { status: "approved" } }),
      db.product.count({ where: publicProductWhere }),
      db.commune.count({ where: { sellers: { some: { status: "approved" } } } }),
    ]),
  ]);
  const [sellerCount, productCount, communeCount] = counts;
  return {
    categories,
    ocop,
    newest,
    sellers,
    stats: { sellers: sellerCount, products: productCount, communes: communeCount },
  };
}
