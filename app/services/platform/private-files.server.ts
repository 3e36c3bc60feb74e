// Personal documents: who may read one, and moving the ones stored before the private area existed
// out of the public area (docs/decisions/012). Every column that holds a stored file's key is listed
// in storage-gc.server.ts (referencedKeys); a new kind of private document (ID cards, to come) is
// added there and in shopsWithDocument below.
import { allows } from "#app/domain/permissions.ts";
import type { CurrentUser } from "../identity/auth.server.ts";
import { getDb, type Db } from "./db.server.ts";
import { shopRole } from "../shops/access.server.ts";
import { privateDocumentKeys, referencedKeys } from "./storage-gc.server.ts";
import { isContentKey, type StorageAreas } from "./storage.server.ts";

/** Admins read every shop's documents (they review consent and certificates). */
const ADMIN_PERMISSION = "read:seller:any";

/** The shops whose documents use this key: a signed consent form, a certificate photo. */
async function shopsWithDocument(db: Db, key: string) {
  const [consents, certificates] = await Promise.all([
    db.sellerConsent.findMany({ where: { photoKey: key }, select: { sellerId: true } }),
    db.certification.findMany({
      where: { photoKey: key },
      select: { product: { select: { sellerId: true } } },
    }),
  ]);
  return [...new Set([...consents.map((c) => c.sellerId), ...certificates.map((c) => c.product.sellerId)])];
}

/**
 * "allowed" for an admin and for the people of a shop the document belongs to (its owner, and the
 * volunteers it is delegated to until the seller revokes that); "not_found" when no row names it.
 */
export async function privateFileAccess(
  user: CurrentUser,
  key: string,
): Promise<"allowed" | "forbidden" | "not_found"> {
  if (!isContentKey(key)) return "not_found";
  const db = getDb();
  const shops = await shopsWithDocument(db, key);
  if (shops.length === 0) return "not_found";
  if (allows(user.grants, ADMIN_PERMISSION)) return "allowed";
  for (const sellerId of shops) if (await shopRole(db, user.id, sellerId)) return "allowed";
  return "forbidden";
}

/**
 * One-off and idempotent, run at start: documents stored in the public area before the private
 * area existed are copied to the private area and their public copy is removed — unless a public
 * row uses the same bytes (the same photo also uploaded as a product photo). Returns how many moved.
 */
export async function movePrivateDocumentsOutOfPublic(db: Db, areas: StorageAreas) {
  const stillPublic: string[] = [];
  for (const key of await privateDocumentKeys(db)) if (await areas.public.stat(key)) stillPublic.push(key);
  // Usually nothing is left to move: only then is it worth reading every public row.
  if (stillPublic.length === 0) return 0;
  const { public: publicKeys } = await referencedKeys(db);
  let moved = 0;
  for (const key of stillPublic) {
    if (!(await areas.private.stat(key))) {
      const bytes = await areas.public.get(key);
      if (!bytes) continue;
      await areas.private.put(key, bytes);
    }
    if (publicKeys.has(key)) continue;
    if (await areas.public.delete(key)) moved++;
  }
  return moved;
}
