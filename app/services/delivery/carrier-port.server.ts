// The delivery-carrier port: what checkout and the seller's workspace need from a company that carries
// parcels. One adapter implements it (GHN, ./ghn.server.ts); tests run that adapter against a local fake
// of GHN's API (tests/fakes/ghn-fake.ts) and, when a token is configured, against GHN's test gateway.
// Nothing here names a vendor's fields: places are our commune slugs, money is whole đồng.

/** A sender or receiver. communeSlug is one of the 65 post-2025 communes (prisma/seed/data). */
export type CarrierParty = { name: string; phone: string; addressLine: string; communeSlug: string };

/** minDays/maxDays are calendar days in Vietnam time from today; equal when the carrier gives one date. */
export type CarrierQuote = { feeVnd: number; minDays: number; maxDays: number };

export type CarrierShipment = { trackingCode: string; feeVnd: number; expectedDeliveryAt: Date | null };

/**
 * Where a parcel is. "returned" covers the whole way back to the seller (it will not be delivered);
 * "exception" is a carrier-reported problem (lost, damaged, on hold) or a status this code does not
 * know yet: someone has to look at it.
 */
export type CarrierStatus =
  "pending" | "picked_up" | "in_transit" | "delivered" | "returned" | "cancelled" | "exception";

export type CarrierQuoteInput = {
  fromCommuneSlug: string;
  toCommuneSlug: string;
  weightGrams: number;
  /** Declared value, for the carrier's insurance. */
  valueVnd: number;
};

export type CarrierCreateInput = {
  /** Our order code (e.g. "CP7K3M9Q-1"); the carrier refuses a second shipment with the same code. */
  orderCode: string;
  from: CarrierParty;
  to: CarrierParty;
  weightGrams: number;
  /** What the carrier collects from the buyer in cash; 0 when paid online. */
  codAmountVnd: number;
  valueVnd: number;
  /** For the courier, e.g. "Gọi trước khi giao". */
  note: string;
  items: { name: string; quantity: number; weightGrams: number }[];
};

export interface DeliveryCarrier {
  readonly name: "ghn";
  quote(input: CarrierQuoteInput): Promise<CarrierQuote>;
  create(input: CarrierCreateInput): Promise<CarrierShipment>;
  track(trackingCode: string): Promise<{ status: CarrierStatus; rawStatus: string; updatedAt: Date }>;
  /** Only before the parcel is picked up; afterwards the carrier refuses ("rejected"). */
  cancel(trackingCode: string): Promise<void>;
}

export type CarrierErrorKind =
  /** Down, too slow, or an answer we could not read: try again later or offer other choices. */
  | "unavailable"
  /** The carrier understood and said no (bad input, too late to cancel…). */
  | "rejected"
  /** A commune we cannot express in the carrier's areas, or that it does not serve. */
  | "unknown_area"
  | "not_found"
  /** Our token or shop id is wrong: a configuration problem, not the user's. */
  | "auth";

/** The message is safe to log (the carrier's own words where it gave some); never shown raw to buyers. */
export class CarrierError extends Error {
  override name = "CarrierError";
  constructor(
    readonly kind: CarrierErrorKind,
    message: string,
  ) {
    super(message);
  }
}
