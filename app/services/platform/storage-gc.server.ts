// Removing stored files no row refers to: what a refused or failed upload could still leave behind,
// replaced covers, removed product photos, rejected certificates. Run daily by the outbox worker and
// by `npm run storage:gc`. A file younger than the age limit is never removed: an upload stores its
// files just before the database write that refers to them (docs/decisions/012-private-files.md).
import type { Db } from "./db.server.ts";
import { contentKeysIn, isContentKey, type StorageArea, type StorageAreas } from "./storage.server.ts";

export const DEFAULT_GC_AGE_MS = 24 * 60 * 60 * 1000;
const PAGE = 1000;

/** Every key a private-document column holds (consent forms, certificate photos). */
export async function privateDocumentKeys(db: Db) {
  const [consents, certificates] = await Promise.all([
    db.sellerConsent.findMany({ where: { photoKey: { not: null } }, select: { photoKey: true } }),
    db.certification.findMany({ where: { photoKey: { not: null } }, select: { photoKey: true } }),
  ]);
  return new Set([...consents, ...certificates].map((r) => r.photoKey!).filter(isContentKey));
}

/**
 * The keys rows refer to. Public: product photos (their main key and every variant in the JSON)
 * and shops' cover photos (JSON). Private: signed consent forms and certificate photos. JSON is
 * searched for anything shaped like a key, so a variant added to the pipeline is never missed.
 * (Audit rows keep old keys as history; they do not keep the files.)
 */
export async function referencedKeys(db: Db) {
  const publicKeys = new Set<string>();
  const add = (value: unknown) => {
    for (const key of contentKeysIn(value)) publicKeys.add(key);
  };
  // Paged by id, so a large catalogue is never all in memory at once.
  for (let cursor: string | undefined; ;) {
    const images = await db.productImage.findMany({
      select: { id: true, storageKey: true, variants: true },
      orderBy: { id: "asc" },
      take: PAGE,
      ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}),
    });
    for (const image of images) add([image.storageKey, image.variants]);
    if (images.length < PAGE) break;
    cursor = images.at(-1)!.id;
  }
  for (let cursor: string | undefined; ;) {
    const sellers = await db.seller.findMany({
      select: { id: true, coverPhoto: true },
      orderBy: { id: "asc" },
      take: PAGE,
      ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}),
    });
    for (const seller of sellers) add(seller.coverPhoto);
    if (sellers.length < PAGE) break;
    cursor = sellers.at(-1)!.id;
  }
  return { public: publicKeys, private: await privateDocumentKeys(db) };
}

export type RemovedFile = { area: keyof StorageAreas; key: string; size: number; modifiedAt: Date };

/**
 * Removes, from both areas, files older than `olderThanMs` that no row refers to. A key referred
 * to by any row is kept in both areas: a document not yet moved out of the public area is not lost.
 */
export async function collectGarbage(
  db: Db,
  areas: StorageAreas,
  { olderThanMs = DEFAULT_GC_AGE_MS, dryRun = false, now = new Date() } = {},
) {
  const cutoff = now.getTime() - olderThanMs;
  const isOld = (file: { modifiedAt: Date }) => file.modifiedAt.getTime() < cutoff;
  // Candidates first, references second: a file stored and referenced meanwhile is either young
  // (skipped) or already in the references.
  const candidates: RemovedFile[] = [];
  let scanned = 0;
  for (const [area, storage] of Object.entries(areas) as [keyof StorageAreas, StorageArea][]) {
    for await (const file of storage.list()) {
      scanned++;
      if (isOld(file)) candidates.push({ area, ...file });
    }
  }
  const references = await referencedKeys(db);
  const referenced = (key: string) => references.public.has(key) || references.private.has(key);
  const removed: RemovedFile[] = [];
  for (const file of candidates) {
    if (referenced(file.key)) continue;
    // Stored again since it was listed (the same bytes uploaded anew): it is about to be referenced.
    const now = await areas[file.area].stat(file.key);
    if (!now || !isOld(now)) continue;
    if (dryRun || (await areas[file.area].delete(file.key))) removed.push(file);
  }
  return { scanned, removed, kept: scanned - removed.length };
}
