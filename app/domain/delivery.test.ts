import { describe, expect, it } from "vitest";
import {
  checkDeliveryChoice,
  DeliveryChoiceSchema,
  DeliverySettingsSchema,
  defaultDeliveryZones,
  deliveryOptions,
  type DeliveryFacts,
  lunarDayOf,
  nextPickupDay,
  parcelWeightGrams,
  vietnamDayStart,
} from "./delivery.ts";

// Friday 4 December 2026, 10:00 in Vietnam (lunar 26 of the 10th month).
const now = new Date("2026-12-04T03:00:00Z");
const vnMidnight = (date: string) => new Date(`${date}T00:00:00+07:00`).toISOString();

describe("market days", () => {
  it("reads days in Vietnam time", () => {
    expect(vietnamDayStart(new Date("2026-12-04T20:00:00Z")).toISOString()).toBe(vnMidnight("2026-12-05"));
    expect(lunarDayOf(new Date(vnMidnight("2026-02-17")))).toBe(1); // Tết Bính Ngọ
  });

  it("finds the next weekly, lunar and solar day at least a day ahead", () => {
    expect(nextPickupDay({ type: "weekly", days: [1] }, now)?.toISOString()).toBe(vnMidnight("2026-12-07"));
    expect(nextPickupDay({ type: "weekly", days: [5] }, now)?.toISOString()).toBe(vnMidnight("2026-12-11"));
    // Lunar 1st of the 11th month is 9 December 2026.
    expect(nextPickupDay({ type: "lunar", days: [1, 15] }, now)?.toISOString()).toBe(
      vnMidnight("2026-12-09"),
    );
    expect(nextPickupDay({ type: "solar", days: [5, 20] }, now)?.toISOString()).toBe(
      vnMidnight("2026-12-05"),
    );
  });
});

describe("delivery options", () => {
  const facts = (over: Partial<DeliveryFacts> = {}): DeliveryFacts => ({
    zones: defaultDeliveryZones(),
    sellerCommuneSlug: "cam-lam",
    buyerCommuneSlug: "cam-lam",
    subtotalVnd: 100_000,
    localOnly: false,
    pickupPoints: [],
    carrierQuote: null,
    now,
    ...over,
  });
  const point = {
    id: "pointabcdef123",
    name: "Chợ Cam Đức",
    addressLine: "Cổng chợ",
    communeSlug: "nha-trang",
    communeName: "Nha Trang",
    hours: "",
    schedule: { type: "weekly", days: [6] },
    closed: false,
    feeVnd: 20_000,
  };

  it("gives the own zone in the seller's commune, free from the free-from amount", () => {
    expect(deliveryOptions(facts()).map((o) => [o.key, o.feeVnd])).toEqual([["zone:own", 15_000]]);
    expect(deliveryOptions(facts({ subtotalVnd: 300_000 }))[0]!.feeVnd).toBe(0);
  });

  it("gives nearby, then province, zones by commune code, and none when the seller does not serve it", () => {
    const zones = {
      ...defaultDeliveryZones(),
      nearby: { feeVnd: 20_000, freeFromVnd: null, minDays: 1, maxDays: 2, communeSlugs: ["cam-hiep"] },
    };
    expect(deliveryOptions(facts({ zones, buyerCommuneSlug: "cam-hiep" }))[0]!.key).toBe("zone:nearby");
    expect(deliveryOptions(facts({ zones, buyerCommuneSlug: "nha-trang" }))[0]!.key).toBe("zone:province");
    expect(
      deliveryOptions(facts({ zones: { ...zones, province: null }, buyerCommuneSlug: "nha-trang" })),
    ).toEqual([]);
  });

  it("sorts cheapest first, skips closed points and keeps fresh goods at home", () => {
    const options = deliveryOptions(facts({ buyerCommuneSlug: "nha-trang", pickupPoints: [point] }));
    expect(options.map((o) => o.key)).toEqual(["pickup:pointabcdef123", "zone:province"]);
    expect(deliveryOptions(facts({ pickupPoints: [{ ...point, closed: true }] })).map((o) => o.key)).toEqual([
      "zone:own",
    ]);
    expect(
      deliveryOptions(facts({ buyerCommuneSlug: "nha-trang", localOnly: true, pickupPoints: [point] })),
    ).toEqual([]);
  });

  it("offers the carrier only where asked and quoted", () => {
    const quote = { feeVnd: 32_000, minDays: 2, maxDays: 2 };
    const zones = { ...defaultDeliveryZones(), province: null, carrier: true };
    expect(
      deliveryOptions(facts({ zones, buyerCommuneSlug: "nha-trang", carrierQuote: quote }))[0]!.key,
    ).toBe("carrier");
    expect(deliveryOptions(facts({ zones, carrierQuote: quote })).map((o) => o.key)).toEqual(["zone:own"]);
    expect(deliveryOptions(facts({ zones, buyerCommuneSlug: "nha-trang", carrierQuote: null }))).toEqual([]);
  });

  it("checks the choice posted against the options recomputed", () => {
    const options = deliveryOptions(facts());
    expect(checkDeliveryChoice(options, { key: "zone:own", feeVnd: 15_000 }).ok).toBe(true);
    expect(checkDeliveryChoice(options, { key: "zone:own", feeVnd: 1 })).toEqual({
      ok: false,
      reason: "checkout.error.deliveryChanged",
    });
    expect(checkDeliveryChoice(options, { key: "carrier", feeVnd: 0 })).toEqual({
      ok: false,
      reason: "checkout.error.deliveryGone",
    });
  });

  it("refuses malformed choice values", () => {
    expect(DeliveryChoiceSchema.safeParse("zone:own@15000").data).toEqual({
      key: "zone:own",
      feeVnd: 15_000,
    });
    for (const bad of ["zone:own@-5", "zone:own", "zone:moon@0", "pickup:../x@0", "carrier@99999999"]) {
      expect(DeliveryChoiceSchema.safeParse(bad).success).toBe(false);
    }
  });
});

describe("the seller's delivery form", () => {
  it("reads fees as people type them", () => {
    const parsed = DeliverySettingsSchema.parse({
      own: { serve: "on", fee: "15.000", freeFrom: "300.000", minDays: "0", maxDays: "1" },
      province: { fee: "30000" },
      points: "pointabcdef123",
      pointFee: { pointabcdef123: "5.000" },
    });
    expect(parsed.zones.own).toEqual({ feeVnd: 15_000, freeFromVnd: 300_000, minDays: 0, maxDays: 1 });
    expect(parsed.zones.province).toBeNull();
    expect(parsed.points).toEqual([{ pointId: "pointabcdef123", feeVnd: 5_000 }]);
  });

  it("says what to fix", () => {
    const issues = (input: unknown) =>
      DeliverySettingsSchema.safeParse(input).error?.issues.map((i) => i.message);
    expect(issues({ own: { serve: "on", fee: "-1" } })).toContain("delivery.error.fee");
    expect(issues({ own: { serve: "on", fee: "3.000.000" } })).toContain("delivery.error.fee");
    expect(issues({ own: { serve: "on", fee: "0", minDays: "3", maxDays: "1" } })).toContain(
      "delivery.error.leadTime",
    );
    expect(issues({})).toContain("delivery.error.nothing");
  });
});

it("weighs a parcel from the product weights or the unit's default", () => {
  expect(parcelWeightGrams([{ unit: "kg", quantityMilli: 2_500, weightGrams: null }])).toBe(2_500);
  expect(parcelWeightGrams([{ unit: "hop", quantityMilli: 2_000, weightGrams: 250 }])).toBe(500);
  expect(parcelWeightGrams([{ unit: "g", quantityMilli: 10_000, weightGrams: null }])).toBe(100);
});
