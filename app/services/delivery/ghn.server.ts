// The GHN (Giao Hàng Nhanh) adapter of the delivery-carrier port, over GHN's public "shiip" API with
// the global fetch. Documented at https://api.ghn.vn/home/docs/detail (fee id=76/95, lead time id=52,
// create id=63/123, cancel id=73, master data id=78/61): POST JSON with `Token` and `ShopId` headers;
// every answer is an envelope { code, message, data } whose code repeats the HTTP status (200, 400
// with GHN's message, 401 "Token is not valid!"). Every answer is read through zod; anything we cannot
// read, a 5xx, a refused connection or no answer within the timeout is "unavailable", so checkout
// just leaves the carrier out. Places go through ./ghn-areas.ts (old district + ward).
import { z } from "zod";
import {
  CarrierError,
  type CarrierCreateInput,
  type CarrierErrorKind,
  type CarrierQuote,
  type CarrierQuoteInput,
  type CarrierShipment,
  type CarrierStatus,
  type DeliveryCarrier,
} from "./carrier-port.server.ts";
import { ghnAreaFor, type GhnArea } from "./ghn-areas.ts";

export const GHN_TEST_GATEWAY = "https://dev-online-gateway.ghn.vn";
export const GHN_PRODUCTION_GATEWAY = "https://online-gateway.ghn.vn";

export type GhnCarrierOptions = {
  token: string;
  shopId: string | number;
  /** GHN_TEST_GATEWAY, GHN_PRODUCTION_GATEWAY, or a local fake; without the /shiip/public-api path. */
  baseUrl: string;
  fetch?: typeof fetch;
  /** Per request; a quote makes two requests in a row (services, then fee and lead time together). */
  timeoutMs?: number;
};

const DEFAULT_TIMEOUT_MS = 8_000;
/** GHN's "hàng nhẹ" (light parcels, e-commerce delivery); 5 is heavy goods, priced per item. */
const LIGHT_SERVICE_TYPE = 2;
/** GHN's documented maximum for insurance_value. */
const MAX_INSURANCE_VND = 5_000_000;
/**
 * The port carries no parcel dimensions yet. GHN charges the greater of the real weight and
 * L×W×H/5000, so a 10 cm cube (200 g volumetric) leaves the real weight in charge.
 */
const DEFAULT_BOX_CM = { length: 10, width: 10, height: 10 };
/** The buyer may look inside but not try (GHN's required_note), usual for produce. */
const REQUIRED_NOTE = "CHOXEMHANGKHONGTHU";
/** 1: the shop pays GHN. Whatever the buyer owes for delivery is part of codAmountVnd. */
const SHOP_PAYS = 1;

// GHN's statuses (its order-status webhook and detail API) on our port's few.
const statusMap: Record<string, CarrierStatus> = {
  ready_to_pick: "pending",
  picking: "pending",
  money_collect_picking: "pending",
  picked: "picked_up",
  storing: "in_transit",
  transporting: "in_transit",
  sorting: "in_transit",
  delivering: "in_transit",
  money_collect_delivering: "in_transit",
  // A failed attempt is retried or turned into a return; until then the parcel is still out.
  delivery_fail: "in_transit",
  delivered: "delivered",
  // The whole way back to the seller: the parcel will not reach the buyer.
  waiting_to_return: "returned",
  return: "returned",
  return_transporting: "returned",
  return_sorting: "returned",
  returning: "returned",
  return_fail: "returned",
  returned: "returned",
  cancel: "cancelled",
  exception: "exception",
  damage: "exception",
  lost: "exception",
};

/** GHN status → port status; one we do not know yet is an "exception" for a person to look at. */
export function carrierStatusOf(rawStatus: string): CarrierStatus {
  return Object.hasOwn(statusMap, rawStatus) ? statusMap[rawStatus]! : "exception";
}

// Amounts come as integers in GHN's docs; a numeric string is accepted too (seen in the wild).
const wholeVnd = z.union([
  z.number().int().nonnegative(),
  z
    .string()
    .regex(/^\d{1,12}$/)
    .transform(Number),
]);
const envelopeSchema = z.object({
  code: z.number().int(),
  message: z.string().nullish(),
  data: z.unknown(),
});
const servicesSchema = z
  .array(z.object({ service_id: z.number().int(), service_type_id: z.number().int() }))
  .nullable();
const feeSchema = z.object({ total: wholeVnd });
const leadtimeSchema = z.object({
  leadtime: z.number().int().positive(),
  order_date: z.number().int().positive().optional(),
});
const createSchema = z.object({
  order_code: z.string().min(1),
  total_fee: wholeVnd,
  expected_delivery_time: z.string().nullish(),
});
const detailSchema = z.object({
  order_code: z.string(),
  status: z.string().min(1),
  updated_date: z.string().nullish(),
  log: z.array(z.object({ status: z.string(), updated_date: z.string() })).nullish(),
});
const cancelSchema = z.array(
  z.object({ order_code: z.string(), result: z.boolean(), message: z.string().nullish() }),
);

const vietnamDate = new Intl.DateTimeFormat("en-CA", {
  timeZone: "Asia/Ho_Chi_Minh",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
});
/** The calendar day in Vietnam, as a day count (UTC midnight of that date / 1 day). */
function vietnamDay(date: Date) {
  const part = (type: string) => Number(vietnamDate.formatToParts(date).find((p) => p.type === type)?.value);
  return Date.UTC(part("year"), part("month") - 1, part("day")) / 86_400_000;
}
/** Whole calendar days in Vietnam time from `from` to `to` (never negative). */
export function vietnamDaysBetween(from: Date, to: Date) {
  return Math.max(0, vietnamDay(to) - vietnamDay(from));
}

function parseDate(value: string | null | undefined) {
  if (!value) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** Which kind a GHN refusal is. GHN gives no error codes beyond 400, so its message decides. */
function kindOfRefusal(code: number, message: string): CarrierErrorKind {
  if (code === 401 || code === 403 || /token|shop ?id/i.test(message)) return "auth";
  if (code === 404 || /không tồn tại|not found|code=404/i.test(message)) return "not_found";
  if (code >= 500) return "unavailable";
  if (/district|ward|quận|huyện|phường|xã/i.test(message)) return "unknown_area";
  return "rejected";
}

export function createGhnCarrier(options: GhnCarrierOptions): DeliveryCarrier {
  const doFetch = options.fetch ?? fetch;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const base = `${options.baseUrl.replace(/\/+$/, "")}/shiip/public-api`;
  const shopId = Number(options.shopId);

  async function call<T>(path: string, body: unknown, schema: z.ZodType<T>): Promise<T> {
    let response: Response;
    try {
      response = await doFetch(`${base}${path}`, {
        method: "POST",
        headers: {
          "Content-Type": "application/json",
          Token: options.token,
          ShopId: String(shopId),
        },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      const timedOut =
        error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError");
      throw new CarrierError(
        "unavailable",
        timedOut
          ? `GHN ${path}: no answer within ${timeoutMs} ms`
          : `GHN ${path}: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
    let text: string;
    try {
      text = await response.text();
    } catch (error) {
      throw new CarrierError("unavailable", `GHN ${path}: the answer broke off (${String(error)})`);
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      if (response.status === 401) throw new CarrierError("auth", `GHN ${path}: HTTP 401`);
      throw new CarrierError("unavailable", `GHN ${path}: HTTP ${response.status}, not JSON`);
    }
    const envelope = envelopeSchema.safeParse(json);
    if (!envelope.success) {
      if (response.status === 401) throw new CarrierError("auth", `GHN ${path}: HTTP 401`);
      throw new CarrierError("unavailable", `GHN ${path}: HTTP ${response.status}, not GHN's envelope`);
    }
    const { code, message, data } = envelope.data;
    const status = response.ok ? code : response.status;
    if (status !== 200) {
      const said = message ?? "";
      throw new CarrierError(kindOfRefusal(status, said), `GHN ${path}: ${status} ${said}`.trim());
    }
    const parsed = schema.safeParse(data);
    if (!parsed.success) {
      throw new CarrierError("unavailable", `GHN ${path}: the answer does not have GHN's documented shape`);
    }
    return parsed.data;
  }

  async function lightService(from: GhnArea, to: GhnArea) {
    const services = await call(
      "/v2/shipping-order/available-services",
      { shop_id: shopId, from_district: from.districtId, to_district: to.districtId },
      servicesSchema,
    );
    const service = services?.find((s) => s.service_type_id === LIGHT_SERVICE_TYPE);
    if (!service) {
      throw new CarrierError(
        "unknown_area",
        `GHN offers no light-parcel service from district ${from.districtId} to ${to.districtId}`,
      );
    }
    return service.service_id;
  }

  return {
    name: "ghn",

    async quote(input: CarrierQuoteInput): Promise<CarrierQuote> {
      const from = ghnAreaFor(input.fromCommuneSlug);
      const to = ghnAreaFor(input.toCommuneSlug);
      const weight = parcelWeight(input.weightGrams);
      const serviceId = await lightService(from, to);
      const route = {
        from_district_id: from.districtId,
        from_ward_code: from.wardCode,
        to_district_id: to.districtId,
        to_ward_code: to.wardCode,
      };
      const [fee, lead] = await Promise.all([
        call(
          "/v2/shipping-order/fee",
          {
            ...route,
            service_id: serviceId,
            weight,
            ...DEFAULT_BOX_CM,
            insurance_value: insurance(input.valueVnd),
            coupon: null,
          },
          feeSchema,
        ),
        call("/v2/shipping-order/leadtime", { ...route, service_id: serviceId }, leadtimeSchema),
      ]);
      const orderedAt = lead.order_date ? new Date(lead.order_date * 1000) : new Date();
      const days = vietnamDaysBetween(orderedAt, new Date(lead.leadtime * 1000));
      // GHN gives one expected date, not a range.
      return { feeVnd: fee.total, minDays: days, maxDays: days };
    },

    async create(input: CarrierCreateInput): Promise<CarrierShipment> {
      const from = ghnAreaFor(input.from.communeSlug);
      const to = ghnAreaFor(input.to.communeSlug);
      if (!Number.isInteger(input.codAmountVnd) || input.codAmountVnd < 0) {
        throw new CarrierError("rejected", `COD amount must be whole đồng, got ${input.codAmountVnd}`);
      }
      const created = await call(
        "/v2/shipping-order/create",
        {
          payment_type_id: SHOP_PAYS,
          note: input.note,
          required_note: REQUIRED_NOTE,
          client_order_code: input.orderCode,
          from_name: input.from.name,
          from_phone: input.from.phone,
          from_address: input.from.addressLine,
          from_ward_code: from.wardCode,
          from_district_id: from.districtId,
          return_phone: input.from.phone,
          return_address: input.from.addressLine,
          return_district_id: from.districtId,
          return_ward_code: from.wardCode,
          to_name: input.to.name,
          to_phone: input.to.phone,
          to_address: input.to.addressLine,
          to_ward_code: to.wardCode,
          to_district_id: to.districtId,
          cod_amount: input.codAmountVnd,
          content: input.items.map((item) => `${item.name} x${item.quantity}`).join(", "),
          weight: parcelWeight(input.weightGrams),
          ...DEFAULT_BOX_CM,
          insurance_value: insurance(input.valueVnd),
          service_type_id: LIGHT_SERVICE_TYPE,
          service_id: 0,
          coupon: null,
          items: input.items.map((item) => ({
            name: item.name,
            quantity: item.quantity,
            weight: Math.max(1, Math.ceil(item.weightGrams)),
          })),
        },
        createSchema,
      );
      return {
        trackingCode: created.order_code,
        feeVnd: created.total_fee,
        expectedDeliveryAt: parseDate(created.expected_delivery_time),
      };
    },

    async track(trackingCode: string) {
      const detail = await call("/v2/shipping-order/detail", { order_code: trackingCode }, detailSchema);
      const lastLog = detail.log?.at(-1)?.updated_date;
      const updatedAt = parseDate(detail.updated_date) ?? parseDate(lastLog);
      if (!updatedAt) throw new CarrierError("unavailable", `GHN detail for ${trackingCode} has no date`);
      return { status: carrierStatusOf(detail.status), rawStatus: detail.status, updatedAt };
    },

    async cancel(trackingCode: string) {
      const results = await call("/v2/switch-status/cancel", { order_codes: [trackingCode] }, cancelSchema);
      const result = results.find((r) => r.order_code === trackingCode);
      if (!result) throw new CarrierError("unavailable", `GHN cancel did not mention ${trackingCode}`);
      if (!result.result) {
        throw new CarrierError(
          "rejected",
          `GHN refused to cancel ${trackingCode}: ${result.message ?? ""}`.trim(),
        );
      }
    },
  };
}

function parcelWeight(grams: number) {
  if (!Number.isFinite(grams) || grams <= 0) {
    throw new CarrierError("rejected", `Parcel weight must be positive grams, got ${grams}`);
  }
  return Math.ceil(grams);
}

function insurance(valueVnd: number) {
  return Math.min(MAX_INSURANCE_VND, Math.max(0, Math.round(valueVnd)));
}

/**
 * From validated env: null when GHN_TOKEN is unset (the carrier option is hidden). GHN_API_URL
 * defaults to GHN's test gateway: production must be chosen on purpose.
 */
export function carrierFromEnv(env: {
  GHN_TOKEN?: string;
  GHN_SHOP_ID?: string;
  GHN_API_URL?: string;
}): DeliveryCarrier | null {
  if (!env.GHN_TOKEN) return null;
  // env.server.ts already refuses this combination; callers that skip it still get a clear error.
  if (!env.GHN_SHOP_ID) throw new Error("GHN_SHOP_ID is required when GHN_TOKEN is set");
  return createGhnCarrier({
    token: env.GHN_TOKEN,
    shopId: env.GHN_SHOP_ID,
    baseUrl: env.GHN_API_URL ?? GHN_TEST_GATEWAY,
  });
}
