// Keeps the search engine in step with the database. Listing changes enqueue an outbox message in
// their own transaction; the handler below turns each product into a document (or removes it when
// it is no longer public) — so an engine outage delays indexing but never loses an update.
import type { CertTag, SearchDocument, SearchEngine } from "#app/domain/search.ts";
import type { Db } from "../platform/db.server.ts";
import { enqueue } from "../platform/outbox.server.ts";
import { isShownToBuyers } from "#app/domain/listing-rules.ts";
import type { ProductUnit } from "#app/domain/units.ts";

export const SEARCH_INDEX_TOPIC = "search.index";

type Tx = Parameters<typeof enqueue>[0];

/** Call in the transaction that changes products (or a seller whose products change visibility). */
export function enqueueIndexing(tx: Tx, productIds: string[]) {
  return enqueue(tx, SEARCH_INDEX_TOPIC, { productIds });
}

const documentSelect = {
  id: true,
  slug: true,
  name: true,
  description: true,
  unit: true,
  priceVnd: true,
  stockMilli: true,
  status: true,
  createdAt: true,
  category: { select: { slug: true, name: true } },
  seller: {
    select: { slug: true, displayName: true, status: true, commune: { select: { slug: true, name: true } } },
  },
  images: { select: { storageKey: true }, orderBy: { sortOrder: "asc" as const }, take: 1 },
  certifications: { select: { kind: true, stars: true, expiresAt: true, verifiedAt: true } },
};

type ProductRow = {
  id: string;
  slug: string;
  name: string;
  description: string;
  unit: ProductUnit;
  priceVnd: number;
  stockMilli: number;
  status: string;
  createdAt: Date;
  category: { slug: string; name: string };
  seller: { slug: string; displayName: string; status: string; commune: { slug: string; name: string } };
  images: { storageKey: string }[];
  certifications: { kind: string; stars: number | null; expiresAt: Date | null; verifiedAt: Date | null }[];
};

export function isPublic(row: Pick<ProductRow, "status"> & { seller: { status: string } }) {
  return row.status === "active" && row.seller.status === "approved";
}

/**
 * Certification tags a buyer can filter by: only those an admin has checked, and not expired. A new
 * or changed certification waits for the check (ADR 011).
 */
export function certTagsOf(certifications: ProductRow["certifications"], now = new Date()): CertTag[] {
  const tags = new Set<CertTag>();
  for (const c of certifications) {
    if (!isShownToBuyers(c, now)) continue;
    if (c.kind === "ocop") {
      tags.add("ocop");
      if (c.stars === 3 || c.stars === 4 || c.stars === 5) tags.add(`ocop${c.stars}`);
    } else if (c.kind === "vietgap" || c.kind === "organic") tags.add(c.kind);
  }
  return [...tags];
}

export function toSearchDocument(row: ProductRow): SearchDocument {
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    description: row.description,
    categorySlug: row.category.slug,
    categoryName: row.category.name,
    sellerSlug: row.seller.slug,
    sellerName: row.seller.displayName,
    communeSlug: row.seller.commune.slug,
    communeName: row.seller.commune.name,
    priceVnd: row.priceVnd,
    unit: row.unit,
    inStock: row.stockMilli > 0,
    certs: certTagsOf(row.certifications),
    imageKey: row.images[0]?.storageKey ?? null,
    createdAt: row.createdAt.getTime(),
  };
}

/** Brings these products' documents up to date: upserts the public ones, removes the rest. */
export async function indexProducts(db: Db, engine: SearchEngine, productIds: string[]) {
  const rows = (await db.product.findMany({
    where: { id: { in: productIds } },
    select: documentSelect,
  })) as ProductRow[];
  const visible = rows.filter(isPublic);
  const visibleIds = new Set(visible.map((r) => r.id));
  if (visible.length) await engine.upsert(visible.map(toSearchDocument));
  const hidden = productIds.filter((id) => !visibleIds.has(id));
  if (hidden.length) await engine.remove(hidden);
}

/** Rebuilds the whole index from the database, in batches. */
export async function reindexAll(
  db: Db,
  engine: SearchEngine,
  { batchSize = 1000, onProgress = (_done: number, _total: number) => {} } = {},
) {
  const where = { status: "active" as const, seller: { status: "approved" as const } };
  const total = await db.product.count({ where });
  await engine.setup();
  await engine.clear();
  let done = 0;
  let cursor: string | undefined;
  while (done < total) {
    const rows = (await db.product.findMany({
      where,
      select: documentSelect,
      orderBy: { id: "asc" },
      take: batchSize,
      ...(cursor ? { skip: 1, cursor: { id: cursor } } : {}),
    })) as ProductRow[];
    if (!rows.length) break;
    await engine.upsert(rows.map(toSearchDocument));
    done += rows.length;
    cursor = rows.at(-1)!.id;
    onProgress(done, total);
  }
  return total;
}
