// The GHN adapter of the delivery-carrier port, against the GHN fake (GHN's gateway needs a token
// these machines do not have) and, when GHN_TOKEN is set, against GHN's test gateway: the contract
// suite runs on both, so the fake cannot drift from GHN unnoticed. No database needed.
import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  CarrierError,
  type CarrierCreateInput,
  type CarrierErrorKind,
  type DeliveryCarrier,
} from "#app/services/delivery/carrier-port.server.ts";
import { ghnAreaFor, ghnAreaTable } from "#app/services/delivery/ghn-areas.ts";
import {
  GHN_TEST_GATEWAY,
  carrierFromEnv,
  carrierStatusOf,
  createGhnCarrier,
  vietnamDaysBetween,
} from "#app/services/delivery/ghn.server.ts";
import { startGhnFake, type GhnFake } from "#tests/fakes/ghn-fake.ts";

const TOKEN = "0a1b2c3d-fake-11ee-8000-ghnadapter00";
const SHOP_ID = "885";

async function carrierError(promise: Promise<unknown>): Promise<CarrierError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(CarrierError);
  return error as CarrierError;
}
async function expectKind(promise: Promise<unknown>, kind: CarrierErrorKind) {
  expect((await carrierError(promise)).kind).toBe(kind);
}

let serial = 0;
function shipment(overrides: Partial<CarrierCreateInput> = {}): CarrierCreateInput {
  serial += 1;
  return {
    orderCode: `CPTEST${Date.now().toString(36).toUpperCase()}-${serial}`,
    from: {
      name: "Vườn Bà Tư",
      phone: "0905123456",
      addressLine: "Thôn Tân Xương 1",
      communeSlug: "cam-lam",
    },
    to: {
      name: "Nguyễn Văn An",
      phone: "0987654321",
      addressLine: "12 Trần Phú",
      communeSlug: "nha-trang",
    },
    weightGrams: 1_200,
    codAmountVnd: 215_000,
    valueVnd: 185_000,
    note: "Gọi trước khi giao",
    items: [{ name: "Xoài Úc Cam Lâm", quantity: 2, weightGrams: 600 }],
    ...overrides,
  };
}

const quoteInput = (from: string, to: string, weightGrams = 1_000) => ({
  fromCommuneSlug: from,
  toCommuneSlug: to,
  weightGrams,
  valueVnd: 300_000,
});

/** What GHN's API and the fake must both do for the adapter. */
function carrierContract(connect: () => { carrier: DeliveryCarrier; badToken: DeliveryCarrier }) {
  let carrier: DeliveryCarrier;
  let badToken: DeliveryCarrier;
  beforeAll(() => {
    ({ carrier, badToken } = connect());
  });

  it("quotes a whole-đồng fee and a lead time in days", async () => {
    const quote = await carrier.quote(quoteInput("cam-lam", "nha-trang"));
    expect(Number.isInteger(quote.feeVnd)).toBe(true);
    expect(quote.feeVnd).toBeGreaterThan(0);
    expect(Number.isInteger(quote.minDays)).toBe(true);
    expect(quote.minDays).toBeGreaterThanOrEqual(0);
    expect(quote.maxDays).toBeGreaterThanOrEqual(quote.minDays);
    expect(quote.maxDays).toBeLessThanOrEqual(30);
  });

  it("charges less within one old district than across the province", async () => {
    // Nha Trang and Bắc Nha Trang were both in the former city of Nha Trang; Phan Rang was not.
    const near = await carrier.quote(quoteInput("nha-trang", "bac-nha-trang"));
    const far = await carrier.quote(quoteInput("nha-trang", "phan-rang"));
    expect(near.feeVnd).toBeLessThan(far.feeVnd);
  });

  it("charges more for a heavier parcel", async () => {
    const light = await carrier.quote(quoteInput("cam-lam", "nha-trang", 500));
    const heavy = await carrier.quote(quoteInput("cam-lam", "nha-trang", 5_000));
    expect(heavy.feeVnd).toBeGreaterThan(light.feeVnd);
  });

  it("creates a shipment, tracks it as pending, and cancels it before pickup", async () => {
    const created = await carrier.create(shipment());
    expect(created.trackingCode).toMatch(/^[A-Z0-9]{5,12}$/);
    expect(created.feeVnd).toBeGreaterThan(0);

    const tracked = await carrier.track(created.trackingCode);
    expect(tracked.status).toBe("pending");
    expect(tracked.rawStatus).toBe("ready_to_pick");
    expect(tracked.updatedAt.getTime()).not.toBeNaN();

    await carrier.cancel(created.trackingCode);
    const cancelled = await carrier.track(created.trackingCode);
    expect(cancelled).toMatchObject({ status: "cancelled", rawStatus: "cancel" });
  });

  it("does not find a tracking code GHN never issued", async () => {
    await expectKind(carrier.track("ZZ0NOPE0"), "not_found");
  });

  it("refuses a commune it has no GHN area for", async () => {
    await expectKind(carrier.quote(quoteInput("cam-lam", "ha-noi")), "unknown_area");
    await expectKind(
      carrier.create(shipment({ to: { ...shipment().to, communeSlug: "truong-sa" } })),
      "unknown_area",
    );
  });

  it("reports a wrong token as an auth problem", async () => {
    await expectKind(badToken.quote(quoteInput("cam-lam", "nha-trang")), "auth");
    await expectKind(badToken.track("ZZ0NOPE0"), "auth");
  });
}

describe("GHN adapter against the GHN fake", () => {
  let fake: GhnFake;
  beforeAll(async () => {
    fake = await startGhnFake({ token: TOKEN, shopId: SHOP_ID });
  });
  afterAll(async () => {
    await fake?.close();
  });
  const adapter = (overrides: { token?: string; shopId?: string; timeoutMs?: number } = {}) =>
    createGhnCarrier({ token: TOKEN, shopId: SHOP_ID, baseUrl: fake.url, ...overrides });

  describe("the contract", () => {
    carrierContract(() => ({ carrier: adapter(), badToken: adapter({ token: "not-a-token" }) }));
  });

  it("prices by the fake's documented rule: base by distance, 2,500 per started 500 g, insurance", async () => {
    const carrier = adapter();
    // Same old district, 1,200 g: 15,000 + 2 × 2,500; 300,000 đồng declared: no insurance.
    expect((await carrier.quote(quoteInput("nha-trang", "bac-nha-trang", 1_200))).feeVnd).toBe(20_000);
    // Khánh Hòa to Ninh Thuận (two old provinces), 500 g: 30,000.
    expect((await carrier.quote(quoteInput("nha-trang", "phan-rang", 500))).feeVnd).toBe(30_000);
    // 2,000,000 declared: 0.5 % insurance on top of 22,000 within the old province.
    const valued = await carrier.quote({ ...quoteInput("cam-lam", "nha-trang", 400), valueVnd: 2_000_000 });
    expect(valued.feeVnd).toBe(32_000);
  });

  it("turns GHN's lead time into days: 1 within a district, 3 across old provinces", async () => {
    const carrier = adapter();
    expect(await carrier.quote(quoteInput("nha-trang", "tay-nha-trang"))).toMatchObject({
      minDays: 1,
      maxDays: 1,
    });
    expect(await carrier.quote(quoteInput("cam-lam", "ninh-hai"))).toMatchObject({ minDays: 3, maxDays: 3 });
  });

  it("sends the old district, the representative ward and GHN's headers", async () => {
    const before = fake.requests.length;
    await adapter().quote(quoteInput("cam-lam", "nha-trang"));
    const sent = fake.requests.slice(before);
    expect(sent.map((r) => r.path).sort()).toEqual([
      "/v2/shipping-order/available-services",
      "/v2/shipping-order/fee",
      "/v2/shipping-order/leadtime",
    ]);
    const fee = sent.find((r) => r.path === "/v2/shipping-order/fee")!;
    expect(fee).toMatchObject({ token: TOKEN, shopId: SHOP_ID });
    const from = ghnAreaFor("cam-lam");
    const to = ghnAreaFor("nha-trang");
    expect(fee.body).toMatchObject({
      from_district_id: from.districtId,
      from_ward_code: from.wardCode,
      to_district_id: to.districtId,
      to_ward_code: to.wardCode,
      weight: 1_000,
      insurance_value: 300_000,
    });
  });

  it("creates the order with the COD amount, the receiver and insurance capped at GHN's 5,000,000", async () => {
    const input = shipment({ valueVnd: 12_000_000, codAmountVnd: 12_030_000 });
    const created = await adapter().create(input);
    const order = fake.orders.get(created.trackingCode)!;
    expect(order).toMatchObject({
      client_order_code: input.orderCode,
      cod_amount: 12_030_000,
      insurance_value: 5_000_000,
      to_name: "Nguyễn Văn An",
      to_phone: "0987654321",
      to_district_id: ghnAreaFor("nha-trang").districtId,
    });
    expect(created.feeVnd).toBe(order.total_fee);
    expect(created.expectedDeliveryAt?.toISOString()).toBe(order.leadtime);
  });

  it("refuses a second shipment for the same order code", async () => {
    const input = shipment();
    await adapter().create(input);
    await expectKind(adapter().create(input), "rejected");
  });

  it("follows the parcel through GHN's statuses", async () => {
    const carrier = adapter();
    const { trackingCode } = await carrier.create(shipment());
    const seen: [string, string][] = [];
    for (const raw of ["picking", "picked", "transporting", "delivering", "delivery_fail", "delivered"]) {
      fake.setStatus(trackingCode, raw);
      const tracked = await carrier.track(trackingCode);
      expect(tracked.rawStatus).toBe(raw);
      seen.push([raw, tracked.status]);
    }
    expect(seen).toEqual([
      ["picking", "pending"],
      ["picked", "picked_up"],
      ["transporting", "in_transit"],
      ["delivering", "in_transit"],
      ["delivery_fail", "in_transit"],
      ["delivered", "delivered"],
    ]);
  });

  it("maps returns, losses and statuses it does not know", () => {
    expect(carrierStatusOf("waiting_to_return")).toBe("returned");
    expect(carrierStatusOf("returned")).toBe("returned");
    expect(carrierStatusOf("lost")).toBe("exception");
    expect(carrierStatusOf("damage")).toBe("exception");
    expect(carrierStatusOf("some_new_status")).toBe("exception");
    expect(carrierStatusOf("toString")).toBe("exception");
  });

  it("cannot cancel a delivered parcel", async () => {
    const carrier = adapter();
    const { trackingCode } = await carrier.create(shipment());
    fake.setStatus(trackingCode, "delivered");
    const error = await carrierError(carrier.cancel(trackingCode));
    expect(error.kind).toBe("rejected");
    expect(error.message).toMatch(/không thể hủy/);
    expect((await carrier.track(trackingCode)).status).toBe("delivered");
  });

  it("tells GHN's refusals apart by what GHN says", async () => {
    const answering = (status: number, message: string) =>
      createGhnCarrier({
        token: TOKEN,
        shopId: SHOP_ID,
        baseUrl: "http://ghn.invalid",
        fetch: async () =>
          new Response(
            JSON.stringify({ code: status, message, data: null, code_message: "USER_ERR_COMMON" }),
            {
              status,
              headers: { "content-type": "application/json" },
            },
          ),
      });
    const quote = (status: number, message: string) =>
      answering(status, message).quote(quoteInput("cam-lam", "nha-trang"));
    await expectKind(quote(400, "Mã quận/huyện không hợp lệ: to_district_id=1"), "unknown_area");
    await expectKind(quote(400, "weight: at most 50000 grams"), "rejected");
    await expectKind(quote(400, "Token is required!"), "auth");
    await expectKind(quote(401, "code=401, message=Token is not valid!"), "auth");
    await expectKind(quote(500, "internal error"), "unavailable");
  });

  it("reports a shop id that is not the token's as an auth problem", async () => {
    await expectKind(adapter({ shopId: "999999" }).quote(quoteInput("cam-lam", "nha-trang")), "auth");
  });

  it("is unavailable when GHN is slow, broken, cut off or answers in another shape", async () => {
    const carrier = adapter({ timeoutMs: 300 });
    fake.failNext("timeout");
    const started = Date.now();
    await expectKind(carrier.track("ZZ0NOPE0"), "unavailable");
    expect(Date.now() - started).toBeLessThan(5_000);
    for (const kind of ["server_error", "disconnect", "malformed"] as const) {
      fake.failNext(kind);
      const error = await carrierError(carrier.quote(quoteInput("cam-lam", "nha-trang")));
      expect([kind, error.kind]).toEqual([kind, "unavailable"]);
    }
    // The failure was for one request only.
    expect((await carrier.quote(quoteInput("cam-lam", "nha-trang"))).feeVnd).toBeGreaterThan(0);
  });

  it("is unavailable when nothing listens", async () => {
    const gone = await startGhnFake({ token: TOKEN, shopId: SHOP_ID });
    const url = gone.url;
    await gone.close();
    const carrier = createGhnCarrier({ token: TOKEN, shopId: SHOP_ID, baseUrl: url });
    await expectKind(carrier.quote(quoteInput("cam-lam", "nha-trang")), "unavailable");
  });

  it("comes from the environment only with a token, and needs a shop id with it", async () => {
    expect(carrierFromEnv({})).toBeNull();
    expect(() => carrierFromEnv({ GHN_TOKEN: TOKEN })).toThrow(/GHN_SHOP_ID is required/);
    const carrier = carrierFromEnv({ GHN_TOKEN: TOKEN, GHN_SHOP_ID: SHOP_ID, GHN_API_URL: fake.url });
    expect(carrier?.name).toBe("ghn");
    expect((await carrier!.quote(quoteInput("cam-lam", "nha-trang"))).feeVnd).toBeGreaterThan(0);
  });
});

describe("the commune → GHN area table", () => {
  const communes = JSON.parse(
    fs.readFileSync(new URL("../../../prisma/seed/data/khanh-hoa-communes.json", import.meta.url), "utf8"),
  ) as { units: { slug: string; formerDistrict: string; mergedFrom: string[]; partialFrom: string[] }[] };

  it("maps every commune but Trường Sa to its former district and a ward that came over whole", () => {
    const table = new Map(ghnAreaTable().map((row) => [row.communeSlug, row]));
    expect(communes.units).toHaveLength(65);
    for (const unit of communes.units) {
      const row = table.get(unit.slug);
      if (unit.slug === "truong-sa") {
        expect(row).toBeUndefined();
        continue;
      }
      expect(row, unit.slug).toBeDefined();
      expect([unit.slug, row!.district]).toEqual([unit.slug, unit.formerDistrict]);
      expect(unit.mergedFrom).toContain(row!.ward);
      expect(unit.partialFrom).not.toContain(row!.ward);
    }
    expect(table.size).toBe(64);
  });

  it("gives one GHN ward per commune and one GHN district per former district", () => {
    const rows = ghnAreaTable();
    const wardKeys = new Set(rows.map((r) => `${r.area.districtId}/${r.area.wardCode}`));
    expect(wardKeys.size).toBe(rows.length);
    const districtOf = new Map<string, number>();
    for (const row of rows) {
      expect(districtOf.get(row.district) ?? row.area.districtId).toBe(row.area.districtId);
      districtOf.set(row.district, row.area.districtId);
    }
    expect(new Set(districtOf.values()).size).toBe(districtOf.size);
  });

  it("raises unknown_area for a slug it does not have, even one shaped like an object key", () => {
    expect(() => ghnAreaFor("constructor")).toThrow(CarrierError);
    expect(() => ghnAreaFor("truong-sa")).toThrow(/does not serve/);
  });
});

describe("lead time in Vietnam days", () => {
  it("counts calendar days in Asia/Ho_Chi_Minh, not UTC", () => {
    // 23:30 on 4 Dec in Vietnam to 00:30 on 6 Dec in Vietnam: two days, though only 25 hours (one UTC date apart).
    expect(vietnamDaysBetween(new Date("2026-12-04T16:30:00Z"), new Date("2026-12-05T17:30:00Z"))).toBe(2);
    // 08:00 to 22:00 on the same Vietnamese day, across a UTC midnight: none.
    expect(vietnamDaysBetween(new Date("2026-12-04T01:00:00Z"), new Date("2026-12-04T15:00:00Z"))).toBe(0);
    expect(vietnamDaysBetween(new Date("2026-12-05T00:00:00Z"), new Date("2026-12-04T00:00:00Z"))).toBe(0);
  });
});

// GHN's test gateway needs a token from a GHN test account (https://5sao.ghn.dev), which these
// machines do not have: the suite is skipped unless GHN_TOKEN (and GHN_SHOP_ID) are set. Until
// app/services/delivery/ghn-areas.ts holds GHN's real IDs (scripts/ghn-areas.ts), its quote and
// create tests fail there on purpose: the placeholders are not GHN's.
describe.skipIf(!process.env.GHN_TOKEN)("GHN adapter against GHN's test gateway", () => {
  const baseUrl = process.env.GHN_API_URL ?? GHN_TEST_GATEWAY;
  carrierContract(() => ({
    carrier: createGhnCarrier({
      token: process.env.GHN_TOKEN!,
      shopId: process.env.GHN_SHOP_ID ?? "",
      baseUrl,
    }),
    badToken: createGhnCarrier({ token: "not-a-token", shopId: process.env.GHN_SHOP_ID ?? "", baseUrl }),
  }));
});
