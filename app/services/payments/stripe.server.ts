// The Stripe Checkout adapter of the card-payment port. The buyer pays on Stripe's hosted page; we
// create the session, read it back, expire it when the order is abandoned, and verify webhooks.
// Every Stripe failure becomes a CardPaymentError that keeps Stripe's message for the logs.
import Stripe from "stripe";
import { z } from "zod";
import {
  CardPaymentError,
  InvalidWebhookError,
  type CardPayments,
  type CardSession,
  type CardWebhookEvent,
  type CreateCardSessionInput,
} from "./card-port.server.ts";

export type StripeCardPaymentsOptions = {
  secretKey: string;
  webhookSecret: string;
  /** Only for tests and local development: a local fake of the API, e.g. http://127.0.0.1:4010. */
  apiBase?: string;
  /** Per attempt; with one retry, an unresponsive Stripe costs the buyer about 20 s before an error. */
  timeoutMs?: number;
  /** Stripe's SDK reuses the idempotency key on retries, so a retried create is never doubled. */
  maxNetworkRetries?: number;
};

const sessionEventTypes = [
  "checkout.session.completed",
  "checkout.session.async_payment_succeeded",
  "checkout.session.expired",
  "checkout.session.async_payment_failed",
] as const;

// Webhook bodies come from outside; even a correctly signed one is checked before we trust its shape.
const sessionSchema = z.object({
  id: z.string(),
  object: z.literal("checkout.session"),
  status: z.string().nullable(),
  payment_status: z.string(),
  amount_total: z.number().nullable(),
  currency: z.string().nullable(),
  url: z.string().nullable(),
  metadata: z.record(z.string(), z.string()).nullable(),
});
type StripeSessionShape = z.infer<typeof sessionSchema>;

const eventSchema = z.object({
  id: z.string(),
  object: z.literal("event"),
  type: z.string(),
  created: z.number(),
  data: z.object({ object: z.unknown() }),
});

/** Stripe replaces the placeholder with the session id when it redirects the buyer back. */
export function successUrlWithSessionId(url: string) {
  if (url.includes("{CHECKOUT_SESSION_ID}")) return url;
  const hashAt = url.indexOf("#");
  const [base, hash] = hashAt === -1 ? [url, ""] : [url.slice(0, hashAt), url.slice(hashAt)];
  // Not built with URL/URLSearchParams: they would percent-encode the braces Stripe looks for.
  return `${base}${base.includes("?") ? "&" : "?"}session_id={CHECKOUT_SESSION_ID}${hash}`;
}

function isCardSessionStatus(status: string | null): status is CardSession["status"] {
  return status === "open" || status === "complete" || status === "expired";
}

function toCardSession(session: StripeSessionShape): CardSession {
  // Our sessions are hosted, in VND; anything else would make amountVnd a lie.
  if (session.currency !== "vnd") {
    throw new CardPaymentError(`Stripe session ${session.id} is in ${session.currency}, not vnd`);
  }
  if (!isCardSessionStatus(session.status)) {
    throw new CardPaymentError(`Stripe session ${session.id} has unexpected status ${session.status}`);
  }
  return {
    id: session.id,
    url: session.url ?? "",
    status: session.status,
    paid: session.payment_status === "paid",
    amountVnd: session.amount_total ?? 0,
    metadata: { ...session.metadata },
  };
}

function errorMessage(error: unknown) {
  return error instanceof Error ? error.message : String(error);
}

function toCardPaymentError(error: unknown): CardPaymentError {
  if (error instanceof CardPaymentError) return error;
  if (error instanceof Stripe.errors.StripeError) {
    const details = [
      error.type,
      error.statusCode && `HTTP ${error.statusCode}`,
      error.code,
      error.param && `param ${error.param}`,
      error.requestId,
    ].filter(Boolean);
    return new CardPaymentError(`Stripe: ${error.message} (${details.join(", ")})`, { cause: error });
  }
  return new CardPaymentError(`Stripe request failed: ${errorMessage(error)}`, { cause: error });
}

export class StripeCardPayments implements CardPayments {
  readonly provider = "stripe";
  readonly #stripe: Stripe;
  readonly #webhookSecret: string;

  constructor(options: StripeCardPaymentsOptions) {
    const base = options.apiBase ? new URL(options.apiBase) : undefined;
    this.#stripe = new Stripe(options.secretKey, {
      ...(base && {
        host: base.hostname,
        port: base.port || (base.protocol === "https:" ? 443 : 80),
        protocol: base.protocol === "https:" ? "https" : "http",
      }),
      timeout: options.timeoutMs ?? 10_000,
      maxNetworkRetries: options.maxNetworkRetries ?? 1,
      telemetry: false,
    });
    this.#webhookSecret = options.webhookSecret;
  }

  async createSession(input: CreateCardSessionInput): Promise<CardSession> {
    const params: Stripe.Checkout.SessionCreateParams = {
      mode: "payment",
      line_items: input.lines.map((line) => ({
        quantity: 1,
        price_data: { currency: "vnd", unit_amount: line.amountVnd, product_data: { name: line.name } },
      })),
      client_reference_id: input.reference,
      customer_email: input.buyerEmail,
      success_url: successUrlWithSessionId(input.successUrl),
      cancel_url: input.cancelUrl,
      expires_at: Math.floor(input.expiresAt.getTime() / 1000),
      metadata: input.metadata,
      // The SDK's pinned API version (2026-10-28) removed payment_method_types from create; this is
      // its replacement, a filter on the methods Stripe would offer.
      allowed_payment_method_types: ["card"],
      locale: "vi",
    };
    return this.#call(() =>
      this.#stripe.checkout.sessions.create(params, { idempotencyKey: input.idempotencyKey }),
    );
  }

  async retrieveSession(id: string): Promise<CardSession> {
    return this.#call(() => this.#stripe.checkout.sessions.retrieve(id));
  }

  async expireSession(id: string): Promise<CardSession> {
    try {
      return await this.#call(() => this.#stripe.checkout.sessions.expire(id));
    } catch (error) {
      // Stripe answers 400 for a session that is no longer open; its current state is the answer.
      const cause = error instanceof CardPaymentError ? error.cause : undefined;
      if (cause instanceof Stripe.errors.StripeInvalidRequestError && cause.statusCode === 400) {
        const current = await this.retrieveSession(id);
        if (current.status !== "open") return current;
      }
      throw error;
    }
  }

  async parseWebhook(rawBody: string, signatureHeader: string | null): Promise<CardWebhookEvent> {
    if (!signatureHeader) throw new InvalidWebhookError("Stripe webhook without a Stripe-Signature header");
    let parsed: unknown;
    try {
      // Default tolerance: 300 s between Stripe's timestamp and now, against replays.
      parsed = await this.#stripe.webhooks.constructEventAsync(rawBody, signatureHeader, this.#webhookSecret);
    } catch (error) {
      throw new InvalidWebhookError(`Stripe webhook rejected: ${errorMessage(error)}`, { cause: error });
    }
    const event = eventSchema.safeParse(parsed);
    if (!event.success)
      throw new InvalidWebhookError(`Stripe webhook is not an event: ${event.error.message}`);
    const { id, type, created, data } = event.data;
    const sessionType = sessionEventTypes.find((known) => known === type);
    if (!sessionType) return { id, type: "other", stripeType: type, created };

    const session = sessionSchema.safeParse(data.object);
    if (!session.success) {
      throw new InvalidWebhookError(`Stripe ${type} event ${id} has no session: ${session.error.message}`);
    }
    // Every checkout on the Stripe account reaches this endpoint; one in another currency is not ours.
    if (session.data.currency !== "vnd") return { id, type: "other", stripeType: type, created };
    return { id, type: sessionType, created, session: toCardSession(session.data) };
  }

  async #call(request: () => Promise<Stripe.Checkout.Session>): Promise<CardSession> {
    let session: Stripe.Checkout.Session;
    try {
      session = await request();
    } catch (error) {
      throw toCardPaymentError(error);
    }
    return toCardSession(session);
  }
}
