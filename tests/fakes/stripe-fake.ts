// A small Stripe stand-in for tests: Stripe's API is not reachable from these machines. It follows
// Stripe's documented behaviour for what our adapter uses — Checkout Sessions (create, retrieve,
// expire) with Stripe's form encoding, validation messages, error bodies, API-key auth and
// idempotency keys — plus a hosted payment page for Playwright and webhook events signed exactly
// like Stripe's. The same adapter tests run against Stripe's test API when a key is configured.
// Parameters the fake does not model are refused ("Received unknown parameter"), so an adapter
// change cannot pass here by accident.
import crypto from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import Stripe from "stripe";

export type StripeFakeOptions = {
  /** 0 or unset: a free port. */
  port?: number;
  /** Where checkout.session.* events are POSTed; without it nothing is delivered. */
  webhookUrl?: string;
  webhookSecret: string;
  /** When set, only this key is accepted; otherwise any sk_test_/rk_test_ key is. */
  apiKey?: string;
  /** One line per webhook delivery, for the standalone server's output. */
  log?: (line: string) => void;
};

export type FakeSessionStatus = "open" | "complete" | "expired";

/** The fields of Stripe's Checkout Session object that the fake fills in; the rest are null. */
export type FakeCheckoutSession = {
  id: string;
  object: "checkout.session";
  allowed_payment_method_types: string[] | null;
  amount_subtotal: number;
  amount_total: number;
  cancel_url: string | null;
  client_reference_id: string | null;
  created: number;
  currency: string;
  customer: null;
  customer_details: {
    email: string | null;
    name: null;
    phone: null;
    address: null;
    tax_exempt: "none";
  } | null;
  customer_email: string | null;
  expires_at: number;
  livemode: false;
  locale: string | null;
  metadata: Record<string, string>;
  mode: "payment";
  payment_intent: string | null;
  payment_method_types: string[];
  payment_status: "paid" | "unpaid";
  status: FakeSessionStatus;
  success_url: string;
  total_details: { amount_discount: number; amount_shipping: number; amount_tax: number };
  ui_mode: "hosted_page";
  url: string | null;
};

export type FakeEvent = {
  id: string;
  object: "event";
  api_version: string;
  created: number;
  data: { object: unknown };
  livemode: false;
  pending_webhooks: number;
  request: { id: string | null; idempotency_key: string | null };
  type: string;
};

export type FakeDelivery = { eventId: string; type: string; status: number; error?: string };

export type FakeApiRequest = {
  method: string;
  path: string;
  params: Params;
  idempotencyKey: string | undefined;
  stripeVersion: string | undefined;
};

type Params = { [key: string]: ParamValue };
type ParamValue = string | Params | ParamValue[];
type Line = { name: string; unitAmount: number; quantity: number };
type SessionRecord = { session: FakeCheckoutSession; lines: Line[]; apiKey: string };
type ApiError = {
  type: "invalid_request_error" | "api_error" | "idempotency_error";
  message: string;
  param?: string;
  code?: string;
  doc_url?: string;
};

class StripeApiError extends Error {
  constructor(
    readonly status: number,
    readonly error: ApiError,
  ) {
    super(error.message);
  }
}

const invalid = (message: string, param?: string, code?: string) =>
  new StripeApiError(400, {
    type: "invalid_request_error",
    message,
    ...(param && { param }),
    ...(code && { code }),
  });
const missing = (param: string) => invalid(`Missing required param: ${param}.`, param, "parameter_missing");
const unknownParam = (param: string) =>
  invalid(`Received unknown parameter: ${param}`, param, "parameter_unknown");

const nowSeconds = () => Math.floor(Date.now() / 1000);
const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
function randomId(prefix: string, length: number) {
  const bytes = crypto.randomBytes(length);
  return prefix + Array.from(bytes, (b) => BASE62[b % 62]).join("");
}

// Stripe's documented limits for what we send.
const MIN_EXPIRY_SECONDS = 30 * 60;
const MAX_EXPIRY_SECONDS = 24 * 60 * 60;
const METADATA_MAX_KEYS = 50;
const METADATA_KEY_MAX = 40;
const METADATA_VALUE_MAX = 500;
const CLIENT_REFERENCE_MAX = 200;
const LINE_ITEMS_MAX = 100;
const locales = new Set(
  "auto bg cs da de el en en-GB es es-419 et fi fil fr fr-CA hi-IN hr hu id it ja ko lt lv ms mt nb nl pl pt pt-BR ro ru sk sl sv th tr vi zh zh-HK zh-TW".split(
    " ",
  ),
);
const WEBHOOK_TIMEOUT_MS = 10_000;

/** Stripe's form encoding: `line_items[0][price_data][unit_amount]=5` is nested objects and arrays. */
export function parseStripeForm(body: string): Params {
  const root: Params = Object.create(null);
  for (const [name, value] of new URLSearchParams(body)) {
    const match = /^([^[\]]+)((?:\[[^[\]]+\])*)$/.exec(name);
    if (!match) throw invalid(`Invalid parameter name: ${name}`, name);
    const path = [match[1]!, ...Array.from(match[2]!.matchAll(/\[([^[\]]+)\]/g), (m) => m[1]!)];
    let node = root;
    for (const key of path.slice(0, -1)) {
      const next = node[key];
      if (next === undefined) node = node[key] = Object.create(null) as Params;
      else if (typeof next === "string") throw invalid(`Invalid object: ${key}`, name);
      else node = next as Params;
    }
    const last = path.at(-1)!;
    if (node[last] !== undefined) throw invalid(`Invalid parameter: ${name} was given twice`, name);
    node[last] = value;
  }
  return indexedToArrays(root, "") as Params;
}

/** `{ "0": a, "1": b }` becomes `[a, b]`, except inside metadata, whose keys are free text. */
function indexedToArrays(value: ParamValue, name: string): ParamValue {
  if (typeof value === "string" || Array.isArray(value)) return value;
  const keys = Object.keys(value);
  const child = (key: string) => indexedToArrays(value[key]!, name ? `${name}[${key}]` : key);
  if (name !== "metadata" && keys.length && keys.every((key) => /^\d+$/.test(key))) {
    const indexes = keys.map(Number).sort((a, b) => a - b);
    if (indexes.some((index, i) => index !== i)) throw invalid(`Invalid array: ${name}`, name);
    return indexes.map((index) => child(String(index)));
  }
  const result: Params = Object.create(null);
  for (const key of keys) result[key] = child(key);
  return result;
}

/** Key order-independent, for comparing a repeated idempotent request with the first one. */
function canonical(value: ParamValue): string {
  if (typeof value === "string") return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  const keys = Object.keys(value).sort();
  return `{${keys.map((key) => `${JSON.stringify(key)}:${canonical(value[key]!)}`).join(",")}}`;
}

// ---- Reading parameters the way Stripe validates them.
function rejectUnknown(params: Params, allowed: readonly string[], prefix = "") {
  for (const key of Object.keys(params)) {
    if (!allowed.includes(key)) throw unknownParam(prefix ? `${prefix}[${key}]` : key);
  }
}
function asObject(value: ParamValue | undefined, name: string): Params | undefined {
  if (value === undefined) return undefined;
  if (typeof value === "string" || Array.isArray(value)) throw invalid(`Invalid object`, name);
  return value;
}
function asArray(value: ParamValue | undefined, name: string): ParamValue[] | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value)) throw invalid(`Invalid array`, name);
  return value;
}
function asString(value: ParamValue | undefined, name: string): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== "string") throw invalid(`Invalid string: ${canonical(value)}`, name);
  return value;
}
function asInteger(value: ParamValue | undefined, name: string): number | undefined {
  const text = asString(value, name);
  if (text === undefined) return undefined;
  if (!/^-?\d+$/.test(text)) throw invalid(`Invalid integer: ${text}`, name, "parameter_invalid_integer");
  return Number(text);
}
function asUrl(value: ParamValue | undefined, name: string): string | undefined {
  const text = asString(value, name);
  if (text === undefined) return undefined;
  let url: URL | undefined;
  try {
    url = new URL(text);
  } catch {
    url = undefined;
  }
  if (!url || !/^https?:$/.test(url.protocol) || text.length > 5000) {
    throw invalid("Not a valid URL", name, "url_invalid");
  }
  return text;
}

function readLine(value: ParamValue, index: number): { line: Line; currency: string } {
  const name = `line_items[${index}]`;
  const item = asObject(value, name)!;
  rejectUnknown(item, ["price_data", "quantity"], name);
  const quantity = asInteger(item.quantity, `${name}[quantity]`);
  if (quantity === undefined) throw missing(`${name}[quantity]`);
  if (quantity < 1) throw invalid("This value must be greater than or equal to 1.", `${name}[quantity]`);
  const priceData = asObject(item.price_data, `${name}[price_data]`);
  if (!priceData) throw missing(`${name}[price_data]`);
  rejectUnknown(priceData, ["currency", "unit_amount", "product_data"], `${name}[price_data]`);
  const currency = asString(priceData.currency, `${name}[price_data][currency]`);
  if (!currency) throw missing(`${name}[price_data][currency]`);
  if (currency !== "vnd") {
    // Stripe takes 135+ currencies; the marketplace charges only VND, so that is all the fake models.
    throw invalid(
      `Invalid currency: ${currency}. The Stripe fake models vnd only.`,
      `${name}[price_data][currency]`,
    );
  }
  // VND is zero-decimal: the amount is a whole number of đồng, never a fraction.
  const unitAmount = asInteger(priceData.unit_amount, `${name}[price_data][unit_amount]`);
  if (unitAmount === undefined) throw missing(`${name}[price_data][unit_amount]`);
  if (unitAmount < 0) throw invalid("Invalid non-negative integer", `${name}[price_data][unit_amount]`);
  const productData = asObject(priceData.product_data, `${name}[price_data][product_data]`);
  if (!productData) throw missing(`${name}[price_data][product_data]`);
  rejectUnknown(productData, ["name", "description"], `${name}[price_data][product_data]`);
  const productName = asString(productData.name, `${name}[price_data][product_data][name]`);
  if (!productName) throw missing(`${name}[price_data][product_data][name]`);
  return { line: { name: productName, unitAmount, quantity }, currency };
}

function readMetadata(value: ParamValue | undefined): Record<string, string> {
  const metadata: Record<string, string> = {};
  const given = asObject(value, "metadata");
  if (!given) return metadata;
  const keys = Object.keys(given);
  if (keys.length > METADATA_MAX_KEYS) {
    throw invalid(
      `Invalid metadata: metadata can have up to ${METADATA_MAX_KEYS} keys, but you passed in ${keys.length} keys.`,
      "metadata",
    );
  }
  for (const key of keys) {
    const text = asString(given[key], `metadata[${key}]`)!;
    if (key.length > METADATA_KEY_MAX) {
      throw invalid(
        `Metadata keys can have up to ${METADATA_KEY_MAX} characters, but you passed in a key that is ${key.length} characters.`,
        `metadata[${key}]`,
      );
    }
    if (text.length > METADATA_VALUE_MAX) {
      throw invalid(
        `Metadata values can have up to ${METADATA_VALUE_MAX} characters, but you passed in a value that is ${text.length} characters.`,
        `metadata[${key}]`,
      );
    }
    // Stripe treats an empty value as "unset this key".
    if (text !== "") metadata[key] = text;
  }
  return metadata;
}

const createParams = [
  "mode",
  "line_items",
  "success_url",
  "cancel_url",
  "client_reference_id",
  "customer_email",
  "expires_at",
  "metadata",
  "allowed_payment_method_types",
  "locale",
  "currency",
] as const;

const formatVnd = (amount: number) =>
  new Intl.NumberFormat("vi-VN", { style: "currency", currency: "VND" }).format(amount);
const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

// Stripe's test card that is always declined; any other number pays.
const DECLINED_CARD = "4000000000000002";

export class StripeFake {
  /** Every API request (not the hosted page), in order, including rejected ones. */
  readonly requests: FakeApiRequest[] = [];
  /** Every webhook delivery attempt, in order. */
  readonly deliveries: FakeDelivery[] = [];
  readonly #options: StripeFakeOptions;
  readonly #records = new Map<string, SessionRecord>();
  readonly #idempotent = new Map<string, { path: string; params: string; body: unknown }>();
  readonly #background = new Set<Promise<unknown>>();
  #failure: "500" | "timeout" | null = null;
  #server: http.Server | null = null;
  #port = 0;

  constructor(options: StripeFakeOptions) {
    this.#options = options;
  }

  get url() {
    return `http://127.0.0.1:${this.#port}`;
  }
  get port() {
    return this.#port;
  }

  /** A snapshot of every session, as the API would return it. */
  get sessions(): ReadonlyMap<string, Readonly<FakeCheckoutSession>> {
    return new Map(Array.from(this.#records, ([id, record]) => [id, structuredClone(record.session)]));
  }

  async start() {
    const server = http.createServer((req, res) => {
      this.#handle(req, res).catch((error: unknown) => {
        if (res.headersSent) res.destroy();
        else sendJson(res, 500, { error: { type: "api_error", message: `stripe-fake: ${String(error)}` } });
      });
    });
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(this.#options.port ?? 0, "127.0.0.1", () => resolve());
    });
    this.#port = (server.address() as AddressInfo).port;
    this.#server = server;
    return this;
  }

  /** Stops listening, drops held ("timeout") requests and waits for webhook deliveries in flight. */
  async close() {
    const server = this.#server;
    if (server) {
      this.#server = null;
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
    }
    await Promise.allSettled(this.#background);
  }

  /**
   * Simulates an outage of the API (the hosted page keeps working): "500" answers every request with
   * Stripe's api_error, "timeout" never answers. null restores normal service.
   */
  setFailure(next: "500" | "timeout" | null) {
    this.#failure = next;
  }

  /** As if the buyer paid on the hosted page: completes the session and delivers the event. */
  async completeSession(id: string, { deliver = true } = {}): Promise<FakeEvent> {
    const record = this.#openRecord(id);
    record.session = {
      ...record.session,
      status: "complete",
      payment_status: "paid",
      payment_intent: randomId("pi_", 24),
      customer_details: {
        email: record.session.customer_email ?? "nguoi.mua@example.com",
        name: null,
        phone: null,
        address: null,
        tax_exempt: "none",
      },
      url: null,
    };
    const event = this.event("checkout.session.completed", id);
    if (deliver && this.#options.webhookUrl) await this.deliver(event);
    return event;
  }

  /** As if expires_at had passed: expires the session and delivers checkout.session.expired. */
  async expireNow(id: string, { deliver = true } = {}): Promise<FakeEvent> {
    this.#openRecord(id);
    const event = this.#expire(id);
    if (deliver && this.#options.webhookUrl) await this.deliver(event);
    return event;
  }

  /** A Stripe-shaped event carrying the session as it is now (for any type, e.g. async payments). */
  event(type: string, sessionId: string): FakeEvent {
    const record = this.#records.get(sessionId);
    if (!record) throw new Error(`stripe-fake: no session ${sessionId}`);
    return {
      id: randomId("evt_", 24),
      object: "event",
      api_version: Stripe.API_VERSION,
      created: nowSeconds(),
      data: { object: structuredClone(record.session) },
      livemode: false,
      pending_webhooks: this.#options.webhookUrl ? 1 : 0,
      request: { id: null, idempotency_key: null },
      type,
    };
  }

  /** The Stripe-Signature header for a payload: `t=<unix seconds>,v1=<HMAC-SHA256 of "t.payload">`. */
  sign(payload: string, { timestamp, secret }: { timestamp?: number; secret?: string } = {}) {
    return Stripe.webhooks.generateTestHeaderString({
      payload,
      secret: secret ?? this.#options.webhookSecret,
      timestamp: timestamp ?? nowSeconds(),
    });
  }

  /** The body and header Stripe would send; Stripe pretty-prints its webhook JSON. */
  signedEvent(event: FakeEvent, options: { timestamp?: number; secret?: string } = {}) {
    const payload = JSON.stringify(event, null, 2);
    return { payload, header: this.sign(payload, options) };
  }

  /**
   * POSTs the event, signed, to webhookUrl. Returns the HTTP status, or 0 when the endpoint could
   * not be reached. Like Stripe, a failed delivery is recorded, never thrown; Stripe would retry
   * for days, the fake leaves retries to the test.
   */
  async deliver(event: FakeEvent): Promise<number> {
    const webhookUrl = this.#options.webhookUrl;
    if (!webhookUrl) throw new Error("stripe-fake: no webhookUrl configured");
    const { payload, header } = this.signedEvent(event);
    let delivery: FakeDelivery;
    try {
      const response = await fetch(webhookUrl, {
        method: "POST",
        headers: {
          "content-type": "application/json; charset=utf-8",
          "stripe-signature": header,
          "user-agent": "Stripe/1.0 (+https://stripe.com/docs/webhooks)",
        },
        body: payload,
        signal: AbortSignal.timeout(WEBHOOK_TIMEOUT_MS),
      });
      await response.arrayBuffer();
      delivery = { eventId: event.id, type: event.type, status: response.status };
    } catch (error) {
      const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : "";
      delivery = { eventId: event.id, type: event.type, status: 0, error: `${String(error)}${cause}` };
    }
    this.deliveries.push(delivery);
    this.#options.log?.(
      `stripe-fake: ${event.type} ${event.id} → ${webhookUrl}: ${delivery.status || delivery.error}`,
    );
    return delivery.status;
  }

  // ---- Sessions

  #openRecord(id: string) {
    const record = this.#records.get(id);
    if (!record) throw new Error(`stripe-fake: no session ${id}`);
    this.#refresh(record);
    if (record.session.status !== "open") {
      throw new Error(`stripe-fake: session ${id} is ${record.session.status}, not open`);
    }
    return record;
  }

  #expire(id: string) {
    const record = this.#records.get(id)!;
    record.session = { ...record.session, status: "expired", url: null };
    return this.event("checkout.session.expired", id);
  }

  /** Stripe expires open sessions once expires_at passes (and tells the webhook). */
  #refresh(record: SessionRecord) {
    if (record.session.status === "open" && nowSeconds() >= record.session.expires_at) {
      this.#deliverLater(this.#expire(record.session.id));
    }
  }

  #deliverLater(event: FakeEvent) {
    if (!this.#options.webhookUrl) return;
    const delivery = this.deliver(event).finally(() => this.#background.delete(delivery));
    this.#background.add(delivery);
  }

  #createSession(params: Params, apiKey: string): FakeCheckoutSession {
    rejectUnknown(params, createParams);
    const mode = asString(params.mode, "mode");
    if (!mode) throw missing("mode");
    if (mode !== "payment") {
      const known = mode === "setup" || mode === "subscription";
      throw invalid(
        known
          ? `The Stripe fake models mode=payment only.`
          : `Invalid mode: must be one of payment, setup, or subscription`,
        "mode",
      );
    }
    const items = asArray(params.line_items, "line_items");
    if (!items?.length) throw missing("line_items");
    if (items.length > LINE_ITEMS_MAX) {
      throw invalid(`line_items must have at most ${LINE_ITEMS_MAX} items in payment mode.`, "line_items");
    }
    const read = items.map(readLine);
    const currency = read[0]!.currency;
    const topCurrency = asString(params.currency, "currency");
    if (topCurrency !== undefined && topCurrency !== currency) {
      throw invalid("currency must match the currency of line_items", "currency");
    }
    const lines = read.map((r) => r.line);
    const total = lines.reduce((sum, line) => sum + line.unitAmount * line.quantity, 0);
    // Stripe's real floor is about USD 0.50 converted to the settlement currency; the fake checks > 0.
    if (total < 1)
      throw invalid("The Checkout Session's total amount due must be greater than 0.", "line_items");

    const successUrl = asUrl(params.success_url, "success_url");
    if (!successUrl) throw missing("success_url");
    const cancelUrl = asUrl(params.cancel_url, "cancel_url") ?? null;
    const clientReferenceId = asString(params.client_reference_id, "client_reference_id") ?? null;
    if (clientReferenceId && clientReferenceId.length > CLIENT_REFERENCE_MAX) {
      throw invalid(
        `Invalid string: must be at most ${CLIENT_REFERENCE_MAX} characters`,
        "client_reference_id",
      );
    }
    const customerEmail = asString(params.customer_email, "customer_email") ?? null;
    if (customerEmail !== null && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(customerEmail)) {
      throw invalid(`Invalid email address: ${customerEmail}`, "customer_email", "email_invalid");
    }
    const created = nowSeconds();
    const expiresAt = asInteger(params.expires_at, "expires_at") ?? created + MAX_EXPIRY_SECONDS;
    if (expiresAt - created < MIN_EXPIRY_SECONDS) {
      throw invalid(
        "The `expires_at` timestamp must be at least 30 minutes from Checkout Session creation.",
        "expires_at",
      );
    }
    // Only the default may sit at exactly 24 hours.
    if (params.expires_at !== undefined && expiresAt - created >= MAX_EXPIRY_SECONDS) {
      throw invalid(
        "The `expires_at` timestamp must be less than 24 hours from Checkout Session creation.",
        "expires_at",
      );
    }
    const allowedTypes = asArray(params.allowed_payment_method_types, "allowed_payment_method_types");
    const allowed =
      allowedTypes?.map((value, i) => asString(value, `allowed_payment_method_types[${i}]`)!) ?? null;
    if (allowed && allowed.some((type) => type !== "card")) {
      throw invalid("The Stripe fake models card payments only.", "allowed_payment_method_types");
    }
    const locale = asString(params.locale, "locale") ?? null;
    if (locale !== null && !locales.has(locale)) throw invalid(`Invalid locale: ${locale}`, "locale");

    const id = randomId("cs_test_a1", 56);
    const session: FakeCheckoutSession = {
      id,
      object: "checkout.session",
      allowed_payment_method_types: allowed,
      amount_subtotal: total,
      amount_total: total,
      cancel_url: cancelUrl,
      client_reference_id: clientReferenceId,
      created,
      currency,
      customer: null,
      customer_details: null,
      customer_email: customerEmail,
      expires_at: expiresAt,
      livemode: false,
      locale,
      metadata: readMetadata(params.metadata),
      mode: "payment",
      payment_intent: null,
      payment_method_types: ["card"],
      payment_status: "unpaid",
      status: "open",
      success_url: successUrl,
      total_details: { amount_discount: 0, amount_shipping: 0, amount_tax: 0 },
      ui_mode: "hosted_page",
      url: `${this.url}/pay/${id}`,
    };
    this.#records.set(id, { session, lines, apiKey });
    return session;
  }

  #find(id: string, apiKey: string) {
    const record = this.#records.get(id);
    // Another account's session is as invisible as a missing one.
    if (!record || record.apiKey !== apiKey) {
      throw new StripeApiError(404, {
        type: "invalid_request_error",
        code: "resource_missing",
        doc_url: "https://stripe.com/docs/error-codes/resource-missing",
        message: `No such checkout.session: '${id}'`,
        param: "session",
      });
    }
    this.#refresh(record);
    return record;
  }

  // ---- HTTP

  async #handle(req: http.IncomingMessage, res: http.ServerResponse) {
    const url = new URL(req.url ?? "/", this.url);
    if (url.pathname.startsWith("/v1/")) return this.#api(req, res, url);
    if (url.pathname === "/healthz") return sendText(res, 200, "ok");
    const pay = /^\/pay\/([\w-]+)$/.exec(url.pathname);
    if (pay && req.method === "GET") return this.#payPage(res, pay[1]!);
    if (pay && req.method === "POST") return this.#pay(req, res, pay[1]!);
    sendText(res, 404, "Not found");
  }

  async #api(req: http.IncomingMessage, res: http.ServerResponse, url: URL) {
    const body = await readBody(req);
    const method = req.method ?? "GET";
    const idempotencyKey = header(req, "idempotency-key");
    const requestId = randomId("req_", 14);
    res.setHeader("request-id", requestId);
    let params: Params = Object.create(null);
    let malformed: unknown;
    try {
      params = parseStripeForm(method === "GET" ? url.search.slice(1) : body);
    } catch (error) {
      malformed = error; // answered after authentication, as Stripe does
    }
    this.requests.push({
      method,
      path: url.pathname,
      params,
      idempotencyKey,
      stripeVersion: header(req, "stripe-version"),
    });

    if (this.#failure === "timeout") return; // never answered; closed by the client or close()
    if (this.#failure === "500") {
      return sendJson(res, 500, {
        error: { type: "api_error", message: "An unknown error occurred (simulated outage in stripe-fake)." },
      });
    }
    try {
      const apiKey = this.#authenticate(header(req, "authorization"));
      if (malformed) throw malformed;
      const route = `${method} ${url.pathname}`;
      const answer = () => this.#route(route, params, apiKey);
      if (method !== "POST" || !idempotencyKey) return sendJson(res, 200, answer());
      const replay = this.#idempotentReplay(apiKey, idempotencyKey, url.pathname, params);
      if (replay) {
        res.setHeader("idempotent-replayed", "true");
        return sendJson(res, 200, replay);
      }
      const result = answer();
      // Stripe saves the result once the endpoint ran; requests that failed validation are not saved.
      this.#idempotent.set(`${apiKey}\n${idempotencyKey}`, {
        path: url.pathname,
        params: canonical(params),
        body: structuredClone(result),
      });
      return sendJson(res, 200, result);
    } catch (error) {
      if (!(error instanceof StripeApiError)) throw error;
      return sendJson(res, error.status, {
        error: { ...error.error, request_log_url: `https://dashboard.stripe.com/test/logs/${requestId}` },
      });
    }
  }

  #authenticate(authorization: string | undefined) {
    // Stripe takes the key as a bearer token (the SDK) or as the Basic user name (curl -u sk_…:).
    const bearer = /^Bearer (\S+)$/.exec(authorization ?? "")?.[1];
    const basic = /^Basic (\S+)$/.exec(authorization ?? "")?.[1];
    const key = bearer ?? (basic && Buffer.from(basic, "base64").toString("utf8").split(":")[0]);
    if (!key) {
      throw new StripeApiError(401, {
        type: "invalid_request_error",
        message:
          "You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY').",
      });
    }
    const wellFormed = /^(sk|rk)_test_\w+$/.test(key);
    if (!wellFormed || (this.#options.apiKey && key !== this.#options.apiKey)) {
      throw new StripeApiError(401, {
        type: "invalid_request_error",
        message: `Invalid API Key provided: ${key.slice(0, 8)}****${key.slice(-4)}`,
      });
    }
    return key;
  }

  #idempotentReplay(apiKey: string, key: string, path: string, params: Params) {
    const saved = this.#idempotent.get(`${apiKey}\n${key}`);
    if (!saved) return undefined;
    if (saved.path !== path || saved.params !== canonical(params)) {
      throw new StripeApiError(400, {
        type: "idempotency_error",
        message: `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${key}' if you meant to execute a different request.`,
      });
    }
    return structuredClone(saved.body);
  }

  #route(route: string, params: Params, apiKey: string): unknown {
    if (route === "POST /v1/checkout/sessions") return this.#createSession(params, apiKey);
    const match = /^(GET|POST) \/v1\/checkout\/sessions\/([^/]+)(\/expire)?$/.exec(route);
    if (match?.[1] === "GET" && !match[3]) {
      rejectUnknown(params, []);
      return this.#find(decodeURIComponent(match[2]!), apiKey).session;
    }
    if (match?.[1] === "POST" && match[3]) {
      rejectUnknown(params, []);
      const record = this.#find(decodeURIComponent(match[2]!), apiKey);
      if (record.session.status !== "open") {
        throw invalid('Only Checkout Sessions with a status in ["open"] can be expired.');
      }
      this.#deliverLater(this.#expire(record.session.id));
      return record.session;
    }
    const [method, path] = route.split(" ");
    throw new StripeApiError(404, {
      type: "invalid_request_error",
      message: `Unrecognized request URL (${method}: ${path}). Please see https://stripe.com/docs or we can help at https://support.stripe.com/.`,
    });
  }

  // ---- The hosted payment page

  #payPage(res: http.ServerResponse, id: string, declined = false) {
    const record = this.#records.get(id);
    if (!record)
      return sendHtml(res, 404, page("Không tìm thấy / Not found", "<p>Phiên thanh toán không tồn tại.</p>"));
    this.#refresh(record);
    const { session, lines } = record;
    if (session.status !== "open") return sendHtml(res, 200, inactivePage(session.status));
    const items = lines
      .map((line) => `<li>${escapeHtml(line.name)} — ${formatVnd(line.unitAmount * line.quantity)}</li>`)
      .join("");
    const cancel = session.cancel_url
      ? `<a class="cancel" href="${escapeHtml(session.cancel_url)}">Hủy</a>`
      : "";
    const error = declined
      ? `<p role="alert" class="error">Thẻ của bạn đã bị từ chối. <span lang="en">Your card was declined.</span></p>`
      : "";
    const body = `
      <ul>${items}</ul>
      <p>Tổng cộng <span lang="en">/ Total</span>: <strong data-testid="amount-total">${formatVnd(session.amount_total)}</strong></p>
      ${error}
      <form method="post" action="/pay/${escapeHtml(id)}">
        <label>Số thẻ <span lang="en">/ Card number</span>
          <input name="card_number" value="4242 4242 4242 4242" inputmode="numeric" autocomplete="off">
        </label>
        <button type="submit">Thanh toán</button>
      </form>
      ${cancel}`;
    sendHtml(res, declined ? 402 : 200, page("Thanh toán bằng thẻ / Pay with card", body));
  }

  async #pay(req: http.IncomingMessage, res: http.ServerResponse, id: string) {
    const form = new URLSearchParams(await readBody(req));
    const record = this.#records.get(id);
    if (!record) return this.#payPage(res, id);
    this.#refresh(record);
    const { session } = record;
    if (session.status === "complete") return redirect(res, successRedirect(session));
    if (session.status !== "open") return sendHtml(res, 200, inactivePage(session.status));
    const card = (form.get("card_number") ?? "").replace(/\D/g, "");
    if (card === DECLINED_CARD) return this.#payPage(res, id, true);
    // Stripe does not order the webhook before the redirect; delivering first keeps e2e tests
    // deterministic. The success page must still cope with an unconfirmed payment.
    await this.completeSession(id);
    redirect(res, successRedirect(record.session));
  }
}

/** Starts a fake on options.port (or a free port); close() stops it. */
export async function startStripeFake(options: StripeFakeOptions): Promise<StripeFake> {
  return new StripeFake(options).start();
}

function successRedirect(session: FakeCheckoutSession) {
  return session.success_url.replaceAll("{CHECKOUT_SESSION_ID}", session.id);
}

function page(title: string, body: string) {
  return `<!doctype html>
<html lang="vi">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>${escapeHtml(title)} — Stripe (giả lập)</title>
  <style>
    body { font-family: system-ui, sans-serif; max-width: 28rem; margin: 2rem auto; padding: 0 1rem; }
    .badge { background: #ffde92; display: inline-block; padding: 0.1rem 0.5rem; border-radius: 0.25rem; }
    .error { color: #b00020; }
    input, button { font: inherit; display: block; width: 100%; margin: 0.5rem 0; padding: 0.5rem; }
  </style>
</head>
<body>
  <main>
    <p class="badge">Chế độ thử nghiệm <span lang="en">· Test mode (stripe-fake)</span></p>
    <h1>${escapeHtml(title)}</h1>
    ${body}
  </main>
</body>
</html>`;
}

function inactivePage(status: FakeSessionStatus) {
  const reason = status === "complete" ? "Phiên này đã được thanh toán." : "Phiên này đã hết hạn.";
  return page(
    "Phiên thanh toán không còn hiệu lực",
    `<p>${reason} <span lang="en">This Checkout Session is no longer active.</span></p>`,
  );
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
function sendHtml(res: http.ServerResponse, status: number, html: string) {
  res.writeHead(status, { "content-type": "text/html; charset=utf-8" });
  res.end(html);
}
function redirect(res: http.ServerResponse, location: string) {
  res.writeHead(303, { location });
  res.end();
}
