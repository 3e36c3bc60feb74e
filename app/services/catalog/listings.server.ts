// Changes to what buyers can see. Each one is audited and schedules search indexing in the same
// transaction, so the index can lag by seconds but never miss a change.
import type { Db } from "../platform/db.server.ts";
import { recordAudit } from "../platform/audit.server.ts";
import { enqueueIndexing } from "../search/indexer.server.ts";

type ProductStatus = "draft" | "active" | "archived" | "sold_out";
type SellerStatus = "draft" | "submitted" | "changes_requested" | "approved" | "rejected" | "suspended";

export async function setProductStatus(
  db: Db,
  { productId, status, actorId }: { productId: string; status: ProductStatus; actorId: string | null },
) {
  return db.$transaction(async (tx) => {
    const before = await tx.product.findUniqueOrThrow({
      where: { id: productId },
      select: { status: true, sellerId: true },
    });
    const after = await tx.product.update({
      where: { id: productId },
      data: { status },
      select: { status: true },
    });
    await recordAudit(tx, {
      actorId,
      onBehalfOfSellerId: before.sellerId,
      action: "product.status",
      entityType: "Product",
      entityId: productId,
      before: { status: before.status },
      after,
    });
    await enqueueIndexing(tx, [productId]);
  });
}

/** A seller's status decides whether all of its products are public (approved) or hidden. */
export async function setSellerStatus(
  db: Db,
  { sellerId, status, actorId }: { sellerId: string; status: SellerStatus; actorId: string | null },
) {
  return db.$transaction(async (tx) => {
    const before = await tx.seller.findUniqueOrThrow({ where: { id: sellerId }, select: { status: true } });
    await tx.seller.update({
      where: { id: sellerId },
      data: { status, ...(status === "approved" ? { approvedAt: new Date() } : {}) },
    });
    await recordAudit(tx, {
      actorId,
      onBehalfOfSellerId: sellerId,
      action: "seller.status",
      entityType: "Seller",
      entityId: sellerId,
      before,
      after: { status },
    });
    const products = await tx.product.findMany({ where: { sellerId }, select: { id: true } });
    if (products.length)
      await enqueueIndexing(
        tx,
        products.map((p) => p.id),
      );
  });
}
