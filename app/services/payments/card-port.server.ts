// The card-payment port: what checkout needs from a hosted card-payment page. One adapter implements
// it (Stripe Checkout, ./stripe.server.ts); tests run the same adapter against a local fake of
// Stripe's API (tests/fakes/stripe-fake.ts). Routes use this port and ./card.server.ts (which picks
// the adapter from the configuration), never the Stripe SDK.

export type CardSessionStatus = "open" | "complete" | "expired";

export type CardSession = {
  id: string;
  /** The hosted payment page. Empty once the session is no longer open: Stripe drops it then. */
  url: string;
  status: CardSessionStatus;
  /** Stripe's payment_status === "paid". */
  paid: boolean;
  /** amount_total; VND is zero-decimal, so this is the number of đồng. */
  amountVnd: number;
  metadata: Record<string, string>;
};

export type CreateCardSessionInput = {
  /** Order group code, e.g. "CP7K3M9Q"; Stripe's client_reference_id. */
  reference: string;
  /** One line per seller order, quantity 1 each. */
  lines: { name: string; amountVnd: number }[];
  buyerEmail?: string;
  /** Absolute URLs. `{CHECKOUT_SESSION_ID}` is added to successUrl as `session_id` if absent. */
  successUrl: string;
  cancelUrl: string;
  /**
   * Stripe accepts 30 min to 24 h after creation. A retry with the same idempotencyKey must pass the
   * same value: Stripe refuses a reused key whose parameters differ.
   */
  expiresAt: Date;
  /** E.g. { groupId }. Stripe allows 50 keys, keys up to 40 and values up to 500 characters. */
  metadata: Record<string, string>;
  /** Sent as Stripe's Idempotency-Key: a retried request returns the session made the first time. */
  idempotencyKey: string;
};

export type CardWebhookEvent =
  | {
      id: string;
      type:
        | "checkout.session.completed"
        | "checkout.session.async_payment_succeeded"
        | "checkout.session.expired"
        | "checkout.session.async_payment_failed";
      created: number;
      session: CardSession;
    }
  | { id: string; type: "other"; stripeType: string; created: number };

export interface CardPayments {
  readonly provider: "stripe";
  createSession(input: CreateCardSessionInput): Promise<CardSession>;
  retrieveSession(id: string): Promise<CardSession>;
  /**
   * Expiring an already expired or complete session does not throw: it returns the current state.
   * A "complete" answer means the buyer paid before the expiry landed.
   */
  expireSession(id: string): Promise<CardSession>;
  /**
   * Verifies the signature (Stripe-Signature header) on the RAW body. Throws InvalidWebhookError on
   * a missing/bad signature, a too-old timestamp or malformed JSON.
   */
  parseWebhook(rawBody: string, signatureHeader: string | null): Promise<CardWebhookEvent>;
}

export class InvalidWebhookError extends Error {
  override name = "InvalidWebhookError";
}

/** The provider failed or refused; the message is safe to log, never shown raw to buyers. */
export class CardPaymentError extends Error {
  override name = "CardPaymentError";
}
