// Figures for the provincial Union's dashboard and reports.
import { getDb } from "../platform/db.server.ts";
import { publicProductWhere } from "../catalog/catalog.server.ts";

export async function getDashboard() {
  const db = getDb();
  const [byStatus, communes] = await Promise.all([
    db.seller.groupBy({ by: ["status"], _count: { _all: true } }),
    db.commune.findMany({
      where: { sellers: { some: {} } },
      orderBy: { name: "asc" },
      select: {
        slug: true,
        name: true,
        formerDistrict: true,
        _count: { select: { sellers: { where: { status: "approved" } } } },
        sellers: { select: { _count: { select: { products: { where: publicProductWhere } } } } },
      },
    }),
  ]);
  return {
    sellersByStatus: byStatus.map((row) => ({ status: row.status, count: row._count._all })),
    communes: communes.map((c) => ({
      slug: c.slug,
      name: c.name,
      formerDistrict: c.formerDistrict,
      approvedSellers: c._count.sellers,
      products: c.sellers.reduce((sum, s) => sum + s._count.products, 0),
    })),
  };
}
