// The delivery choices of a cart, per seller, for the buyer's commune: reads each seller's zones and
// pickup points and asks the carrier for a quote where the seller uses one. Checkout calls this when
// it shows the page and again when it places the order, and compares (domain/delivery.ts).
import {
  type DeliveryOption,
  type DeliveryZones,
  deliveryOptions,
  parcelWeightGrams,
  readDeliveryZones,
} from "#app/domain/delivery.ts";
import type { ProductUnit } from "#app/domain/units.ts";
import { getDb } from "../platform/db.server.ts";
import type { DeliveryCarrier } from "./carrier-port.server.ts";
import { CarrierError } from "./carrier-port.server.ts";

export type ParcelFacts = {
  sellerId: string;
  subtotalVnd: number;
  lines: { unit: ProductUnit; quantityMilli: number; weightGrams: number | null; localOnly: boolean }[];
};

/** One seller's group of a cart (cart.server.ts), as the delivery rules need it. */
export const parcelOf = (group: {
  seller: { id: string };
  subtotalVnd: number;
  lines: ParcelFacts["lines"];
}): ParcelFacts => ({ sellerId: group.seller.id, subtotalVnd: group.subtotalVnd, lines: group.lines });

export type SellerDelivery = {
  sellerId: string;
  zones: DeliveryZones;
  sellerCommuneSlug: string;
  options: DeliveryOption[];
};

/** Each seller's choices for the buyer's commune; an empty list means this seller cannot deliver there. */
export async function deliveryChoices(
  parcels: ParcelFacts[],
  buyerCommuneSlug: string,
  ctx: { carrier: DeliveryCarrier | null; now?: Date },
): Promise<Map<string, SellerDelivery>> {
  const now = ctx.now ?? new Date();
  const sellers = await getDb().seller.findMany({
    where: { id: { in: parcels.map((p) => p.sellerId) } },
    select: {
      id: true,
      deliveryZones: true,
      commune: { select: { slug: true } },
      pickupPoints: {
        select: {
          feeVnd: true,
          pickupPoint: {
            select: {
              id: true,
              name: true,
              addressLine: true,
              hours: true,
              schedule: true,
              closedAt: true,
              commune: { select: { slug: true, name: true } },
            },
          },
        },
      },
    },
  });
  const byId = new Map(sellers.map((s) => [s.id, s]));
  const result = new Map<string, SellerDelivery>();
  await Promise.all(
    parcels.map(async (parcel) => {
      const seller = byId.get(parcel.sellerId);
      if (!seller) return;
      const zones = readDeliveryZones(seller.deliveryZones);
      const localOnly = parcel.lines.some((l) => l.localOnly);
      const carrierQuote =
        zones.carrier && ctx.carrier && !localOnly
          ? await quoteOrNull(ctx.carrier, {
              fromCommuneSlug: seller.commune.slug,
              toCommuneSlug: buyerCommuneSlug,
              weightGrams: parcelWeightGrams(parcel.lines),
              valueVnd: parcel.subtotalVnd,
            })
          : null;
      const options = deliveryOptions({
        zones,
        sellerCommuneSlug: seller.commune.slug,
        buyerCommuneSlug,
        subtotalVnd: parcel.subtotalVnd,
        localOnly,
        pickupPoints: seller.pickupPoints.map(({ feeVnd, pickupPoint: p }) => ({
          id: p.id,
          name: p.name,
          addressLine: p.addressLine,
          communeSlug: p.commune.slug,
          communeName: p.commune.name,
          hours: p.hours,
          schedule: p.schedule,
          closed: p.closedAt !== null && p.closedAt <= now,
          feeVnd,
        })),
        carrierQuote,
        now,
      });
      result.set(parcel.sellerId, {
        sellerId: parcel.sellerId,
        zones,
        sellerCommuneSlug: seller.commune.slug,
        options,
      });
    }),
  );
  return result;
}

/** The checkout page's delivery choices: for each seller, the options for the buyer's commune. */
export async function checkoutDeliveryView(
  groups: Parameters<typeof parcelOf>[0][],
  commune: { slug: string; name: string },
  carrier: DeliveryCarrier | null,
) {
  const choices = await deliveryChoices(groups.map(parcelOf), commune.slug, { carrier });
  return {
    communeSlug: commune.slug,
    communeName: commune.name,
    bySeller: Object.fromEntries(groups.map((g) => [g.seller.id, choices.get(g.seller.id)?.options ?? []])),
  };
}
export type CheckoutDeliveryView = Awaited<ReturnType<typeof checkoutDeliveryView>>;

/** A carrier that is down or does not serve the area is simply not offered; the rest still works. */
async function quoteOrNull(carrier: DeliveryCarrier, input: Parameters<DeliveryCarrier["quote"]>[0]) {
  try {
    return await carrier.quote(input);
  } catch (error) {
    if (!(error instanceof CarrierError)) throw error;
    console.warn(`Carrier quote failed (${error.kind}): ${error.message}`);
    return null;
  }
}
