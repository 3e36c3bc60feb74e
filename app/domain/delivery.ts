// Delivery rules in plain TypeScript: the zones a seller serves and their fees, the market days a
// pickup point opens, and which choices a buyer in a given commune gets for one seller's parcel.
// Checkout computes the choices on the server both when it shows them and when it places the order,
// so a fee or a point that changed in between is caught, and a tampered choice is refused.
import { z } from "zod";
import type { MessageKey } from "#app/i18n/messages.ts";
import type { ProductUnit } from "./units.ts";
import { parseVndInput } from "./money.ts";
import { MILLI } from "./units.ts";

/** The highest fee or free-from amount a seller may set: more is a typo, not a price. */
export const MAX_DELIVERY_FEE_VND = 2_000_000;
export const MAX_FREE_FROM_VND = 100_000_000;
export const MAX_NEARBY_COMMUNES = 30;
export const MAX_LEAD_DAYS = 30;

const feeVnd = z
  .number({ error: "delivery.error.fee" })
  .int({ error: "delivery.error.fee" })
  .min(0, { error: "delivery.error.fee" })
  .max(MAX_DELIVERY_FEE_VND, { error: "delivery.error.fee" });

const ZoneSchema = z
  .object({
    feeVnd,
    /** Free when the seller's part of the order reaches this amount; null: never free. */
    freeFromVnd: z.number().int().min(1).max(MAX_FREE_FROM_VND).nullable(),
    minDays: z.number().int().min(0).max(MAX_LEAD_DAYS),
    maxDays: z.number().int().min(0).max(MAX_LEAD_DAYS),
  })
  .refine((zone) => zone.minDays <= zone.maxDays, { error: "delivery.error.leadTime", path: ["maxDays"] });
export type DeliveryZone = z.output<typeof ZoneSchema>;

/**
 * What a seller stores (Seller.deliveryZones). Zones are by the new commune codes (no districts):
 * the seller's own commune, a list of nearby communes, the rest of the province. A zone set to null
 * is not served. `carrier` offers a delivery company (GHN) to buyers the seller's own zones do not reach,
 * or to every buyer when `carrierEverywhere` is on; it shows only when the marketplace has a carrier.
 */
export const DeliveryZonesSchema = z.object({
  own: ZoneSchema.nullable(),
  nearby: ZoneSchema.and(
    z.object({ communeSlugs: z.array(z.string().regex(/^[a-z0-9-]{2,60}$/)).max(MAX_NEARBY_COMMUNES) }),
  ).nullable(),
  province: ZoneSchema.nullable(),
  carrier: z.boolean(),
  carrierEverywhere: z.boolean().default(false),
});
export type DeliveryZones = z.output<typeof DeliveryZonesSchema>;

/**
 * What a household starts with, set by the wizard in one step: they bring it themselves within the
 * commune (15.000 đ, free from 300.000 đ, same or next day), send it within the province by coach
 * or post (30.000 đ, 1–3 days). Most sellers keep these.
 */
export function defaultDeliveryZones(): DeliveryZones {
  return {
    own: { feeVnd: 15_000, freeFromVnd: 300_000, minDays: 0, maxDays: 1 },
    nearby: null,
    province: { feeVnd: 30_000, freeFromVnd: null, minDays: 1, maxDays: 3 },
    carrier: false,
    carrierEverywhere: false,
  };
}

/** The seller's stored zones, or the defaults when none were saved (or the JSON no longer reads). */
export function readDeliveryZones(stored: unknown): DeliveryZones {
  const parsed = DeliveryZonesSchema.safeParse(stored);
  return parsed.success ? parsed.data : defaultDeliveryZones();
}

// ───────────────────────── Pickup schedules ─────────────────────────

/**
 * When a pickup point opens. weekly: days of the week (0 = Sunday). lunar / solar: days of the month
 * in that calendar — a market "phiên chợ mùng 5, 10, 15, 20, 25, 30" is lunar [5, 10, 15, 20, 25, 30].
 */
export const PickupScheduleSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("weekly"), days: z.array(z.number().int().min(0).max(6)).min(1).max(7) }),
  z.object({ type: z.literal("lunar"), days: z.array(z.number().int().min(1).max(30)).min(1).max(30) }),
  z.object({ type: z.literal("solar"), days: z.array(z.number().int().min(1).max(31)).min(1).max(31) }),
]);
export type PickupSchedule = z.output<typeof PickupScheduleSchema>;

const VIETNAM_OFFSET_MS = 7 * 3600_000;
const DAY_MS = 86_400_000;

/** Midnight in Vietnam (UTC+7, no daylight saving) of the day `instant` falls on, as an instant. */
export function vietnamDayStart(instant: Date) {
  const local = instant.getTime() + VIETNAM_OFFSET_MS;
  return new Date(local - (((local % DAY_MS) + DAY_MS) % DAY_MS) - VIETNAM_OFFSET_MS);
}

// The Chinese calendar of ICU (Node's Intl), read at noon Vietnam time. The Vietnamese lunar calendar
// is computed for UTC+7 rather than UTC+8, so on a handful of days in a century (a new moon just
// before midnight) the two disagree by a day; ADR 014 accepts that for market days.
const lunarFormat = new Intl.DateTimeFormat("en-u-ca-chinese", {
  timeZone: "Asia/Ho_Chi_Minh",
  day: "numeric",
});

/** The lunar day of the month (1–30) of the Vietnam day starting at `dayStart`. */
export function lunarDayOf(dayStart: Date) {
  const noon = new Date(dayStart.getTime() + 12 * 3600_000);
  const day = lunarFormat.formatToParts(noon).find((p) => p.type === "day")?.value;
  return Number(day);
}

function opensOn(schedule: PickupSchedule, dayStart: Date) {
  const local = new Date(dayStart.getTime() + VIETNAM_OFFSET_MS);
  switch (schedule.type) {
    case "weekly":
      return schedule.days.includes(local.getUTCDay());
    case "solar":
      return schedule.days.includes(local.getUTCDate());
    case "lunar": {
      const lunar = lunarDayOf(dayStart);
      // A lunar month has 29 or 30 days: a market "on the 30th" is held on the last day either way.
      if (schedule.days.includes(lunar)) return true;
      const tomorrow = lunarDayOf(new Date(dayStart.getTime() + DAY_MS));
      return lunar === 29 && tomorrow === 1 && schedule.days.includes(30);
    }
  }
}

/**
 * The first day the point opens at least `leadDays` days after today (Vietnam time): the seller
 * needs a day to bring the goods, so an order placed on a market morning waits for the next market.
 * Null when the schedule never opens within two lunar months (a malformed schedule).
 */
export function nextPickupDay(schedule: PickupSchedule, now: Date, leadDays = 1): Date | null {
  const first = vietnamDayStart(now).getTime() + leadDays * DAY_MS;
  for (let i = 0; i < 62; i++) {
    const day = new Date(first + i * DAY_MS);
    if (opensOn(schedule, day)) return day;
  }
  return null;
}

// ───────────────────────── Choices at checkout ─────────────────────────

export type ZoneKind = "own" | "nearby" | "province";

export type DeliveryOption =
  | {
      kind: "zone";
      key: `zone:${ZoneKind}`;
      zone: ZoneKind;
      feeVnd: number;
      minDays: number;
      maxDays: number;
      freeFromVnd: number | null;
    }
  | {
      kind: "pickup";
      key: `pickup:${string}`;
      pointId: string;
      name: string;
      addressLine: string;
      communeName: string;
      hours: string;
      pickupOn: Date;
      feeVnd: number;
    }
  | { kind: "carrier"; key: "carrier"; carrier: "ghn"; feeVnd: number; minDays: number; maxDays: number };

export type PickupPointOffer = {
  id: string;
  name: string;
  addressLine: string;
  communeSlug: string;
  communeName: string;
  hours: string;
  schedule: unknown;
  closed: boolean;
  feeVnd: number;
};

export type DeliveryFacts = {
  zones: DeliveryZones;
  sellerCommuneSlug: string;
  buyerCommuneSlug: string;
  /** The seller's part of the order, for free-from amounts. */
  subtotalVnd: number;
  /** Some product in the parcel may not leave the seller's commune (fresh fish, ripe fruit). */
  localOnly: boolean;
  pickupPoints: PickupPointOffer[];
  /** The carrier's quote for this parcel, or null when there is no carrier or it did not answer. */
  carrierQuote: { feeVnd: number; minDays: number; maxDays: number } | null;
  now: Date;
};

const zoneFee = (zone: DeliveryZone, subtotalVnd: number) =>
  zone.freeFromVnd !== null && subtotalVnd >= zone.freeFromVnd ? 0 : zone.feeVnd;

/** Which zone of the seller's serves a buyer's commune, if any (the closest one wins). */
export function zoneFor(
  zones: DeliveryZones,
  sellerCommuneSlug: string,
  buyerCommuneSlug: string,
): ZoneKind | null {
  if (buyerCommuneSlug === sellerCommuneSlug && zones.own) return "own";
  if (zones.nearby?.communeSlugs.includes(buyerCommuneSlug)) return "nearby";
  // Every commune of the list is in the province (buyers outside it are not served yet).
  return zones.province ? "province" : null;
}

/** The buyer's choices for one seller's parcel, cheapest first (the first is preselected). */
export function deliveryOptions(facts: DeliveryFacts): DeliveryOption[] {
  const { zones, subtotalVnd } = facts;
  const local = facts.buyerCommuneSlug === facts.sellerCommuneSlug;
  const options: DeliveryOption[] = [];
  const zone = zoneFor(zones, facts.sellerCommuneSlug, facts.buyerCommuneSlug);
  const zoneRule = zone ? (zone === "nearby" ? zones.nearby : zones[zone]) : null;
  if (zone && zoneRule && (!facts.localOnly || local)) {
    options.push({
      kind: "zone",
      key: `zone:${zone}`,
      zone,
      feeVnd: zoneFee(zoneRule, subtotalVnd),
      minDays: zoneRule.minDays,
      maxDays: zoneRule.maxDays,
      freeFromVnd: zoneRule.freeFromVnd,
    });
  }
  for (const point of facts.pickupPoints) {
    if (point.closed) continue;
    // Fresh goods go only to points in the seller's own commune.
    if (facts.localOnly && point.communeSlug !== facts.sellerCommuneSlug) continue;
    const schedule = PickupScheduleSchema.safeParse(point.schedule);
    const pickupOn = schedule.success ? nextPickupDay(schedule.data, facts.now) : null;
    if (!pickupOn) continue;
    options.push({
      kind: "pickup",
      key: `pickup:${point.id}`,
      pointId: point.id,
      name: point.name,
      addressLine: point.addressLine,
      communeName: point.communeName,
      hours: point.hours,
      pickupOn,
      feeVnd: point.feeVnd,
    });
  }
  const carrierWanted = zones.carrier && !facts.localOnly && (zones.carrierEverywhere || !zone);
  if (carrierWanted && facts.carrierQuote) {
    options.push({ kind: "carrier", key: "carrier", carrier: "ghn", ...facts.carrierQuote });
  }
  // Stable: equal fees keep the order above (own zone before points before the carrier).
  return options.sort((a, b) => a.feeVnd - b.feeVnd);
}

/**
 * The value of a delivery radio: the option and the fee shown ("zone:own@15000"). The server
 * recomputes the options at checkout; a key no longer offered or a fee that moved is caught there.
 */
export const deliveryChoiceValue = (option: DeliveryOption) => `${option.key}@${option.feeVnd}`;

export const DeliveryChoiceSchema = z
  .string({ error: "checkout.error.delivery" })
  .regex(/^(zone:(own|nearby|province)|pickup:[a-z0-9]{10,40}|carrier)@\d{1,7}$/, {
    error: "checkout.error.delivery",
  })
  .transform((value) => {
    const at = value.lastIndexOf("@");
    return { key: value.slice(0, at), feeVnd: Number(value.slice(at + 1)) };
  });
export type DeliveryChoice = z.output<typeof DeliveryChoiceSchema>;

export type ChoiceCheck =
  | { ok: true; option: DeliveryOption }
  | {
      ok: false;
      reason: Extract<MessageKey, "checkout.error.deliveryGone" | "checkout.error.deliveryChanged">;
    };

/** Whether what the buyer picked is still offered, at the fee they saw. */
export function checkDeliveryChoice(options: DeliveryOption[], choice: DeliveryChoice): ChoiceCheck {
  const option = options.find((o) => o.key === choice.key);
  if (!option) return { ok: false, reason: "checkout.error.deliveryGone" };
  if (option.feeVnd !== choice.feeVnd) return { ok: false, reason: "checkout.error.deliveryChanged" };
  return { ok: true, option };
}

/** What the order keeps of the rule used: enough to explain the fee years later. */
export function deliveryRuleSnapshot(option: DeliveryOption, zones: DeliveryZones) {
  switch (option.kind) {
    case "zone": {
      const rule = option.zone === "nearby" ? zones.nearby : zones[option.zone];
      return {
        kind: "zone",
        zone: option.zone,
        feeVnd: rule?.feeVnd ?? option.feeVnd,
        freeFromVnd: option.freeFromVnd,
        minDays: option.minDays,
        maxDays: option.maxDays,
        chargedVnd: option.feeVnd,
      };
    }
    case "pickup":
      return {
        kind: "pickup",
        pointId: option.pointId,
        name: option.name,
        addressLine: option.addressLine,
        communeName: option.communeName,
        hours: option.hours,
        chargedVnd: option.feeVnd,
      };
    case "carrier":
      return {
        kind: "carrier",
        carrier: option.carrier,
        minDays: option.minDays,
        maxDays: option.maxDays,
        chargedVnd: option.feeVnd,
      };
  }
}

// ───────────────────────── Weights ─────────────────────────

/** Grams per unit when the seller gave none: a guess good enough for a carrier's weight band. */
const defaultGramsPerUnit: Record<ProductUnit, number> = {
  kg: 1000,
  g: 1,
  bo: 300,
  chuc: 1500,
  nai: 1500,
  hop: 500,
  chai: 800,
  tui: 500,
  con: 1000,
  cai: 300,
};

/** The parcel's weight in grams (at least 100 g: carriers charge a minimum band). */
export function parcelWeightGrams(
  lines: { unit: ProductUnit; quantityMilli: number; weightGrams: number | null }[],
) {
  const grams = lines.reduce(
    (sum, l) => sum + Math.ceil(((l.weightGrams ?? defaultGramsPerUnit[l.unit]) * l.quantityMilli) / MILLI),
    0,
  );
  return Math.max(100, grams);
}

/** The amount the buyer pays the seller for one order: goods plus delivery. */
export const orderTotalVnd = (order: { subtotalVnd: number; deliveryFeeVnd: number }) =>
  order.subtotalVnd + order.deliveryFeeVnd;

// ───────────────────────── The seller's settings form ─────────────────────────

const vndText = (message: "delivery.error.fee" | "delivery.error.freeFrom", max: number) =>
  z
    .string()
    .trim()
    .optional()
    .transform((text, ctx) => {
      if (!text) return null;
      const amount = parseVndInput(text);
      if (amount === null || amount < (message === "delivery.error.fee" ? 0 : 1) || amount > max) {
        ctx.addIssue({ code: "custom", message });
        return z.NEVER;
      }
      return amount;
    });

const daysText = z
  .string()
  .trim()
  .optional()
  .transform((text, ctx) => {
    if (!text) return 0;
    const days = Number(text);
    if (!Number.isInteger(days) || days < 0 || days > MAX_LEAD_DAYS) {
      ctx.addIssue({ code: "custom", message: "delivery.error.days" });
      return z.NEVER;
    }
    return days;
  });

const ZoneFormSchema = z
  .object({
    serve: z.literal("on").optional(),
    fee: vndText("delivery.error.fee", MAX_DELIVERY_FEE_VND),
    freeFrom: vndText("delivery.error.freeFrom", MAX_FREE_FROM_VND),
    minDays: daysText,
    maxDays: daysText,
  })
  .refine((z) => !z.serve || z.minDays <= z.maxDays, { error: "delivery.error.leadTime", path: ["maxDays"] });

const toZone = (form: z.output<typeof ZoneFormSchema>): DeliveryZone | null =>
  form.serve
    ? { feeVnd: form.fee ?? 0, freeFromVnd: form.freeFrom, minDays: form.minDays, maxDays: form.maxDays }
    : null;

const idList = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]));

/**
 * The /shop delivery form (and the wizard's): one fieldset per zone, the nearby communes, the
 * carrier, and the pickup points with their fees ("pointFee.<id>"). Fees are typed as people write
 * them ("15.000", "15k" is refused), whole đồng, bounded.
 */
export const DeliverySettingsSchema = z
  .object({
    own: ZoneFormSchema.default({ minDays: 0, maxDays: 0, fee: null, freeFrom: null }),
    nearby: ZoneFormSchema.default({ minDays: 0, maxDays: 0, fee: null, freeFrom: null }),
    province: ZoneFormSchema.default({ minDays: 0, maxDays: 0, fee: null, freeFrom: null }),
    nearbyCommunes: idList.pipe(
      z.array(z.string().regex(/^[a-z0-9-]{2,60}$/, "delivery.error.commune")).max(MAX_NEARBY_COMMUNES),
    ),
    carrier: z.literal("on").optional(),
    carrierEverywhere: z.literal("on").optional(),
    points: idList.pipe(z.array(z.string().regex(/^[a-z0-9]{10,40}$/, "delivery.error.point")).max(50)),
    pointFee: z.record(z.string(), vndText("delivery.error.fee", MAX_DELIVERY_FEE_VND)).default({}),
  })
  .transform((form) => ({
    zones: {
      own: toZone(form.own),
      nearby: form.nearby.serve ? { ...toZone(form.nearby)!, communeSlugs: form.nearbyCommunes } : null,
      province: toZone(form.province),
      carrier: form.carrier === "on",
      carrierEverywhere: form.carrierEverywhere === "on",
    } satisfies DeliveryZones,
    points: form.points.map((id) => ({ pointId: id, feeVnd: form.pointFee[id] ?? 0 })),
  }))
  .refine((s) => s.zones.own || s.zones.nearby || s.zones.province || s.zones.carrier || s.points.length, {
    error: "delivery.error.nothing",
  });
export type DeliverySettings = z.output<typeof DeliverySettingsSchema>;

/** The form's starting values for stored zones (fees as the seller typed them, in đồng). */
export function deliverySettingsDefaults(
  zones: DeliveryZones,
  points: { pointId: string; feeVnd: number }[],
) {
  const zoneDefaults = (zone: DeliveryZone | null) => ({
    serve: zone ? "on" : undefined,
    fee: String(zone?.feeVnd ?? ""),
    freeFrom: zone?.freeFromVnd ? String(zone.freeFromVnd) : "",
    minDays: String(zone?.minDays ?? 0),
    maxDays: String(zone?.maxDays ?? 1),
  });
  return {
    own: zoneDefaults(zones.own),
    nearby: zoneDefaults(zones.nearby),
    province: zoneDefaults(zones.province),
    nearbyCommunes: zones.nearby?.communeSlugs ?? [],
    carrier: zones.carrier ? "on" : undefined,
    carrierEverywhere: zones.carrierEverywhere ? "on" : undefined,
    points: points.map((p) => p.pointId),
    pointFee: Object.fromEntries(points.map((p) => [p.pointId, String(p.feeVnd)])),
  };
}
