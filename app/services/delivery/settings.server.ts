// The seller's delivery settings: zones and fees, nearby communes, the carrier, and the pickup
// points they bring goods to. Saved in one audited transaction; orders already placed keep the rule
// they were placed under (Order.deliveryRule), so a change here never alters one.
import { type DeliverySettings, deliverySettingsDefaults, readDeliveryZones } from "#app/domain/delivery.ts";
import { UserError } from "#app/domain/user-error.ts";
import { auditedChange } from "../platform/audit.server.ts";
import { getDb, type Tx } from "../platform/db.server.ts";
import { getEnv } from "../platform/env.server.ts";
import { carrierFromEnv } from "./ghn.server.ts";

/** What the form shows: the stored zones, the communes to choose neighbours from, and open points. */
export async function getDeliverySettings(sellerId: string) {
  const db = getDb();
  const [seller, communes, points] = await Promise.all([
    db.seller.findUniqueOrThrow({
      where: { id: sellerId },
      select: {
        deliveryZones: true,
        commune: { select: { slug: true, name: true } },
        pickupPoints: { select: { pickupPointId: true, feeVnd: true } },
      },
    }),
    db.commune.findMany({ select: { slug: true, name: true }, orderBy: { name: "asc" } }),
    db.pickupPoint.findMany({
      where: { closedAt: null },
      select: {
        id: true,
        name: true,
        addressLine: true,
        hours: true,
        schedule: true,
        commune: { select: { name: true } },
      },
      orderBy: { name: "asc" },
    }),
  ]);
  return {
    zones: readDeliveryZones(seller.deliveryZones),
    commune: seller.commune,
    communes: communes.filter((c) => c.slug !== seller.commune.slug),
    points,
    chosenPoints: seller.pickupPoints.map((p) => ({ pointId: p.pickupPointId, feeVnd: p.feeVnd })),
  };
}

/** The form's data: the settings, their starting values and whether a carrier can be chosen. */
export async function deliverySettingsView(sellerId: string) {
  const settings = await getDeliverySettings(sellerId);
  return {
    communes: settings.communes,
    commune: settings.commune,
    points: settings.points,
    carrierAvailable: carrierFromEnv(getEnv()) !== null,
    defaults: deliverySettingsDefaults(settings.zones, settings.chosenPoints),
  };
}

export async function saveDeliverySettings(
  actor: { actorId: string; onBehalfOfSellerId: string | null },
  sellerId: string,
  settings: DeliverySettings,
  /** Checked inside the transaction first (the wizard: the draft is still editable). */
  guard?: (tx: Tx) => Promise<void>,
) {
  await auditedChange(actor, "shop.delivery", async (tx) => {
    await guard?.(tx);
    const slugs = settings.zones.nearby?.communeSlugs ?? [];
    if (
      slugs.length &&
      (await tx.commune.count({ where: { slug: { in: slugs } } })) !== new Set(slugs).size
    ) {
      throw new UserError("delivery.error.commune");
    }
    const ids = settings.points.map((p) => p.pointId);
    if (
      ids.length &&
      (await tx.pickupPoint.count({ where: { id: { in: ids }, closedAt: null } })) !== ids.length
    ) {
      throw new UserError("delivery.error.point");
    }
    const before = await tx.seller.findUniqueOrThrow({
      where: { id: sellerId },
      select: { deliveryZones: true, pickupPoints: { select: { pickupPointId: true, feeVnd: true } } },
    });
    await tx.seller.update({ where: { id: sellerId }, data: { deliveryZones: settings.zones } });
    await tx.sellerPickupPoint.deleteMany({ where: { sellerId, pickupPointId: { notIn: ids } } });
    for (const p of settings.points) {
      await tx.sellerPickupPoint.upsert({
        where: { sellerId_pickupPointId: { sellerId, pickupPointId: p.pointId } },
        create: { sellerId, pickupPointId: p.pointId, feeVnd: p.feeVnd },
        update: { feeVnd: p.feeVnd },
      });
    }
    return {
      result: undefined,
      entityType: "Seller",
      entityId: sellerId,
      onBehalfOfSellerId: sellerId,
      before: { zones: before.deliveryZones, points: before.pickupPoints },
      after: { zones: settings.zones, points: settings.points },
    };
  });
}
