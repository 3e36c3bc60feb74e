// A small GHN (Giao Hàng Nhanh) stand-in for tests: GHN's gateway needs a token we do not have on
// these machines. It follows GHN's documented shiip public API (https://api.ghn.vn/home/docs/detail)
// for what our adapter uses: POST JSON under /shiip/public-api with `Token` and `ShopId` headers,
// answers in GHN's envelope { code, message, data } with the HTTP status equal to `code`, 401
// "Token is not valid!" for a wrong token, 400 "Token is required!" without one, and GHN's order
// codes and statuses (ready_to_pick … delivered, cancel, return…). The same adapter tests run against
// GHN's test gateway when GHN_TOKEN is set, so the fake cannot drift unnoticed.
//
// What GHN does not document, the fake decides, and says so here:
// - Master data is our own table (app/services/delivery/ghn-areas.ts): its districts and wards are
//   the only ones accepted. A missing or unknown district or ward is a 400 whose message names
//   "quận/huyện" or "phường/xã" (GHN's exact wording for this case is not documented).
// - Fee, in đồng: a base of 15,000 within one district, 22,000 within one old province, 30,000
//   otherwise; plus 2,500 for every started 500 g above the first 500 g of the chargeable weight
//   (the greater of the weight and L×W×H/5000, as GHN charges); plus insurance of 0.5 % of
//   insurance_value above 1,000,000. Lead time: 1 day within a district, 2 within a province, 3
//   otherwise.
// - Cancel works only before pickup (ready_to_pick, picking, money_collect_picking); otherwise the
//   result is false with a message (the wording is ours).
import crypto from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { ghnAreaTable, type OldProvince } from "#app/services/delivery/ghn-areas.ts";

export type GhnFakeOptions = {
  /** 0 or unset: a free port. */
  port?: number;
  token: string;
  shopId: string;
  /** The fake's clock, for lead times and dates. */
  now?: () => Date;
};

/** What the fake can be told to do to the next API request. */
export type GhnFailure =
  /** HTTP 502 with an HTML page, as a gateway in front of GHN would answer. */
  | "server_error"
  /** Never answered (until the client gives up or close()). */
  | "timeout"
  /** HTTP 200 in GHN's envelope, but `data` is not the documented shape. */
  | "malformed"
  /** The connection is dropped without an answer. */
  | "disconnect";

export type FakeGhnOrder = {
  order_code: string;
  client_order_code: string;
  shop_id: number;
  status: string;
  from_district_id: number;
  from_ward_code: string;
  to_district_id: number;
  to_ward_code: string;
  to_name: string;
  to_phone: string;
  to_address: string;
  cod_amount: number;
  insurance_value: number;
  weight: number;
  note: string;
  content: string;
  total_fee: number;
  created_date: string;
  updated_date: string;
  leadtime: string;
  log: { status: string; updated_date: string }[];
};

export type FakeGhnRequest = {
  path: string;
  body: unknown;
  token: string | undefined;
  shopId: string | undefined;
};

class GhnError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}
const badRequest = (message: string) => new GhnError(400, message);

const PREFIX = "/shiip/public-api";
const REQUIRED_NOTES = new Set(["CHOTHUHANG", "CHOXEMHANGKHONGTHU", "KHONGCHOXEMHANG"]);
const CANCELLABLE = new Set(["ready_to_pick", "picking", "money_collect_picking"]);
/** GHN's service ids from its docs' examples: 53320 light parcels (type 2), 100039 heavy (type 5). */
const SERVICES = [
  { service_id: 53320, short_name: "Hàng nhẹ", service_type_id: 2 },
  { service_id: 100039, short_name: "Hàng nặng", service_type_id: 5 },
];
const MAX_WEIGHT_GRAMS = 50_000;
const MAX_INSURANCE_VND = 5_000_000;
const PROVINCE_IDS: Record<OldProvince, number> = { "Khánh Hòa": 9001, "Ninh Thuận": 9002 };
const CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ0123456789";

export class GhnFake {
  readonly orders = new Map<string, FakeGhnOrder>();
  readonly requests: FakeGhnRequest[] = [];
  url = "";
  #server: http.Server;
  #failure: GhnFailure | null = null;
  #options: GhnFakeOptions;
  #now: () => Date;
  /** districtId → province and the ward codes it accepts. */
  #districts = new Map<number, { name: string; province: OldProvince; wards: Map<string, string> }>();

  constructor(options: GhnFakeOptions) {
    this.#options = options;
    this.#now = options.now ?? (() => new Date());
    for (const row of ghnAreaTable()) {
      const district = this.#districts.get(row.area.districtId) ?? {
        name: row.district,
        province: row.province,
        wards: new Map<string, string>(),
      };
      district.wards.set(row.area.wardCode, row.ward);
      this.#districts.set(row.area.districtId, district);
    }
    this.#server = http.createServer((req, res) => {
      this.#handle(req, res).catch((error: unknown) => {
        if (!res.headersSent) sendJson(res, 500, { code: 500, message: String(error), data: null });
      });
    });
  }

  async start() {
    await new Promise<void>((resolve) => this.#server.listen(this.#options.port ?? 0, "127.0.0.1", resolve));
    const { port } = this.#server.address() as AddressInfo;
    this.url = `http://127.0.0.1:${port}`;
    return this;
  }

  async close() {
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  /** The next API request fails this way; the one after is answered normally. */
  failNext(kind: GhnFailure) {
    this.#failure = kind;
  }

  /** Moves an order on, as GHN's couriers would (e.g. "picking", "delivered", "return"). */
  setStatus(orderCode: string, status: string) {
    const order = this.orders.get(orderCode);
    if (!order) throw new Error(`ghn-fake: no order ${orderCode}`);
    const at = this.#now().toISOString();
    order.status = status;
    order.updated_date = at;
    order.log.push({ status, updated_date: at });
  }

  // ---- HTTP

  async #handle(req: http.IncomingMessage, res: http.ServerResponse) {
    const url = new URL(req.url ?? "/", this.url || "http://127.0.0.1");
    if (url.pathname === "/healthz") return sendText(res, 200, "ok");
    if (!url.pathname.startsWith(`${PREFIX}/`)) return sendText(res, 404, "404 page not found");
    const raw = await readBody(req);
    const path = url.pathname.slice(PREFIX.length);
    const token = header(req, "token");
    const shopId = header(req, "shopid");
    let body: unknown = {};
    let syntaxError: string | null = null;
    if (raw.trim()) {
      try {
        body = JSON.parse(raw);
      } catch (error) {
        syntaxError = error instanceof Error ? error.message : String(error);
      }
    }
    this.requests.push({ path, body, token, shopId });

    const failure = this.#failure;
    this.#failure = null;
    if (failure === "timeout") return; // never answered; dropped by the client or close()
    if (failure === "disconnect") return req.socket.destroy();
    if (failure === "server_error") {
      res.writeHead(502, { "content-type": "text/html" });
      return res.end("<html><body><h1>502 Bad Gateway</h1></body></html>");
    }
    try {
      this.#authenticate(token);
      if (syntaxError) throw badRequest(`code=400, message=Syntax error: ${syntaxError}`);
      const data = this.#route(path, isRecord(body) ? body : {}, shopId);
      if (failure === "malformed")
        return sendJson(res, 200, { code: 200, message: "Success", data: { ok: 1 } });
      return sendJson(res, 200, { code: 200, message: "Success", data });
    } catch (error) {
      if (!(error instanceof GhnError)) throw error;
      return sendJson(res, error.status, {
        code: error.status,
        message: error.message,
        data: null,
        ...(error.status === 400 && { code_message: "USER_ERR_COMMON" }),
      });
    }
  }

  #authenticate(token: string | undefined) {
    if (!token) throw badRequest("Token is required!");
    if (token !== this.#options.token) throw new GhnError(401, "code=401, message=Token is not valid!");
  }

  #shop(shopId: string | undefined) {
    // GHN's wording for a wrong ShopId is not documented; this is the fake's.
    if (!shopId) throw badRequest("ShopId is required!");
    if (shopId !== this.#options.shopId) throw badRequest(`ShopId ${shopId} is not a shop of this token`);
    return Number(shopId);
  }

  #route(path: string, body: Record<string, unknown>, shopId: string | undefined): unknown {
    switch (path) {
      case "/master-data/province":
        return Object.entries(PROVINCE_IDS).map(([name, id]) => ({ ProvinceID: id, ProvinceName: name }));
      case "/master-data/district":
        return this.#masterDistricts(body);
      case "/master-data/ward":
        return this.#masterWards(body);
      case "/v2/shipping-order/available-services":
        this.#shop(shopId);
        this.#district(body.from_district, "from_district");
        this.#district(body.to_district, "to_district");
        return SERVICES;
      case "/v2/shipping-order/fee":
        this.#shop(shopId);
        return this.#fee(body);
      case "/v2/shipping-order/leadtime":
        this.#shop(shopId);
        return this.#leadtime(body);
      case "/v2/shipping-order/create":
        return this.#create(body, this.#shop(shopId));
      case "/v2/shipping-order/detail":
        return this.#order(body.order_code);
      case "/v2/switch-status/cancel":
        this.#shop(shopId);
        return this.#cancel(body);
      default:
        throw new GhnError(404, "code=404, message=Not Found");
    }
  }

  #masterDistricts(body: Record<string, unknown>) {
    return [...this.#districts].flatMap(([id, d]) =>
      body.province_id === undefined || body.province_id === PROVINCE_IDS[d.province]
        ? [{ DistrictID: id, ProvinceID: PROVINCE_IDS[d.province], DistrictName: d.name, SupportType: 3 }]
        : [],
    );
  }

  #masterWards(body: Record<string, unknown>) {
    const id = this.#district(body.district_id, "district_id");
    return [...this.#districts.get(id)!.wards].map(([code, name]) => ({
      WardCode: code,
      DistrictID: id,
      WardName: name,
    }));
  }

  #district(value: unknown, field: string) {
    if (typeof value !== "number" || !Number.isInteger(value)) {
      throw badRequest(`Mã quận/huyện không hợp lệ: ${field} is required`);
    }
    if (!this.#districts.has(value)) throw badRequest(`Mã quận/huyện không hợp lệ: ${field}=${value}`);
    return value;
  }

  #ward(districtId: number, value: unknown, field: string) {
    if (typeof value !== "string" || !this.#districts.get(districtId)!.wards.has(value)) {
      throw badRequest(`Mã phường/xã không hợp lệ: ${field}=${String(value)}`);
    }
    return value;
  }

  #between(body: Record<string, unknown>) {
    const from = this.#district(body.from_district_id, "from_district_id");
    const to = this.#district(body.to_district_id, "to_district_id");
    this.#ward(from, body.from_ward_code, "from_ward_code");
    this.#ward(to, body.to_ward_code, "to_ward_code");
    const sameDistrict = from === to;
    const sameProvince = this.#districts.get(from)!.province === this.#districts.get(to)!.province;
    return { from, to, sameDistrict, sameProvince };
  }

  #service(body: Record<string, unknown>) {
    const byId = SERVICES.find((s) => s.service_id === body.service_id);
    const byType = SERVICES.find((s) => s.service_type_id === body.service_type_id);
    const service = byId ?? byType;
    if (!service) throw badRequest("service_id or service_type_id is required");
    return service;
  }

  #charge(body: Record<string, unknown>, sameDistrict: boolean, sameProvince: boolean) {
    const weight = body.weight;
    if (typeof weight !== "number" || !Number.isInteger(weight) || weight <= 0) {
      throw badRequest("weight must be a positive whole number of grams");
    }
    if (weight > MAX_WEIGHT_GRAMS) throw badRequest(`weight: at most ${MAX_WEIGHT_GRAMS} grams`);
    const insuranceValue = body.insurance_value ?? 0;
    if (typeof insuranceValue !== "number" || insuranceValue < 0 || insuranceValue > MAX_INSURANCE_VND) {
      throw badRequest(`insurance_value: at most ${MAX_INSURANCE_VND}`);
    }
    const dim = (key: string) => (typeof body[key] === "number" ? (body[key] as number) : 0);
    const chargeable = Math.max(weight, (dim("length") * dim("width") * dim("height")) / 5);
    const base = sameDistrict ? 15_000 : sameProvince ? 22_000 : 30_000;
    const serviceFee = base + 2_500 * Math.ceil(Math.max(0, chargeable - 500) / 500);
    const insuranceFee = insuranceValue > 1_000_000 ? Math.round(insuranceValue * 0.005) : 0;
    return { serviceFee, insuranceFee, total: serviceFee + insuranceFee, weight, insuranceValue };
  }

  #fee(body: Record<string, unknown>) {
    const { sameDistrict, sameProvince } = this.#between(body);
    this.#service(body);
    const charge = this.#charge(body, sameDistrict, sameProvince);
    return {
      total: charge.total,
      service_fee: charge.serviceFee,
      insurance_fee: charge.insuranceFee,
      pick_station_fee: 0,
      coupon_value: 0,
      r2s_fee: 0,
      return_again: 0,
      document_return: 0,
      double_check: 0,
      cod_fee: 0,
      pick_remote_areas_fee: 0,
      deliver_remote_areas_fee: 0,
      cod_failed_fee: 0,
    };
  }

  #leadDays(sameDistrict: boolean, sameProvince: boolean) {
    return sameDistrict ? 1 : sameProvince ? 2 : 3;
  }

  #leadtime(body: Record<string, unknown>) {
    const { sameDistrict, sameProvince } = this.#between(body);
    if (!SERVICES.some((s) => s.service_id === body.service_id)) throw badRequest("service_id is invalid");
    const orderDate = Math.floor(this.#now().getTime() / 1000);
    return {
      leadtime: orderDate + this.#leadDays(sameDistrict, sameProvince) * 86_400,
      order_date: orderDate,
    };
  }

  #create(body: Record<string, unknown>, shopId: number) {
    for (const field of ["to_name", "to_phone", "to_address"]) {
      if (typeof body[field] !== "string" || !(body[field] as string).trim()) {
        throw badRequest(`${field} is required`);
      }
    }
    if (body.payment_type_id !== 1 && body.payment_type_id !== 2) throw badRequest("payment_type_id: 1 or 2");
    if (typeof body.required_note !== "string" || !REQUIRED_NOTES.has(body.required_note)) {
      throw badRequest("required_note: CHOTHUHANG, CHOXEMHANGKHONGTHU or KHONGCHOXEMHANG");
    }
    const cod = body.cod_amount ?? 0;
    if (typeof cod !== "number" || !Number.isInteger(cod) || cod < 0)
      throw badRequest("cod_amount is invalid");
    const clientCode = typeof body.client_order_code === "string" ? body.client_order_code : "";
    if (clientCode && [...this.orders.values()].some((o) => o.client_order_code === clientCode)) {
      throw badRequest(`client_order_code ${clientCode} đã tồn tại`);
    }
    const route = this.#between(body);
    this.#service(body);
    const charge = this.#charge(body, route.sameDistrict, route.sameProvince);
    const now = this.#now();
    const expected = new Date(
      now.getTime() + this.#leadDays(route.sameDistrict, route.sameProvince) * 86_400_000,
    );
    let code: string;
    do code = randomCode(8);
    while (this.orders.has(code));
    const at = now.toISOString();
    this.orders.set(code, {
      order_code: code,
      client_order_code: clientCode,
      shop_id: shopId,
      status: "ready_to_pick",
      from_district_id: route.from,
      from_ward_code: body.from_ward_code as string,
      to_district_id: route.to,
      to_ward_code: body.to_ward_code as string,
      to_name: body.to_name as string,
      to_phone: body.to_phone as string,
      to_address: body.to_address as string,
      cod_amount: cod,
      insurance_value: charge.insuranceValue,
      weight: charge.weight,
      note: typeof body.note === "string" ? body.note : "",
      content: typeof body.content === "string" ? body.content : "",
      total_fee: charge.total,
      created_date: at,
      updated_date: at,
      leadtime: expected.toISOString(),
      log: [{ status: "ready_to_pick", updated_date: at }],
    });
    return {
      order_code: code,
      sort_code: "000-A-00-00",
      trans_type: "truck",
      ward_encode: "",
      district_encode: "",
      fee: {
        main_service: charge.serviceFee,
        insurance: charge.insuranceFee,
        station_do: 0,
        station_pu: 0,
        return: 0,
        r2s: 0,
        coupon: 0,
        cod_failed_fee: 0,
      },
      total_fee: charge.total,
      expected_delivery_time: expected.toISOString(),
    };
  }

  #order(orderCode: unknown) {
    const order = typeof orderCode === "string" ? this.orders.get(orderCode) : undefined;
    // The wording GHN documents for an order it does not have (docs id=67).
    if (!order)
      throw badRequest("Lỗi gọi API: corev2_tenant_order_detail - code=404, message=Đơn hàng không tồn tại");
    return structuredClone(order);
  }

  #cancel(body: Record<string, unknown>) {
    const codes = body.order_codes;
    if (!Array.isArray(codes) || codes.length === 0 || !codes.every((c) => typeof c === "string")) {
      throw badRequest("order_codes is required");
    }
    return (codes as string[]).map((code) => {
      const order = this.orders.get(code);
      if (!order) return { order_code: code, result: false, message: "Đơn hàng không tồn tại" };
      if (!CANCELLABLE.has(order.status)) {
        return {
          order_code: code,
          result: false,
          message: `Đơn hàng ở trạng thái ${order.status}, không thể hủy`,
        };
      }
      this.setStatus(code, "cancel");
      return { order_code: code, result: true, message: "OK" };
    });
  }
}

/** Starts a fake on options.port (or a free port); close() stops it. */
export async function startGhnFake(options: GhnFakeOptions): Promise<GhnFake> {
  return new GhnFake(options).start();
}

/** An order code shaped like GHN's (e.g. "5E3NK3RS", "GY6PMLQP"): 8 capitals and digits. */
function randomCode(length: number) {
  return Array.from(crypto.randomBytes(length), (b) => CODE_ALPHABET[b % CODE_ALPHABET.length]).join("");
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function header(req: http.IncomingMessage, name: string) {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

async function readBody(req: http.IncomingMessage) {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > 1_000_000) throw new Error("request body over 1 MB");
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString("utf8");
}

function sendJson(res: http.ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify(body));
}
function sendText(res: http.ServerResponse, status: number, text: string) {
  res.writeHead(status, { "content-type": "text/plain; charset=utf-8" });
  res.end(text);
}
