// Which card-payment adapter this configuration uses (the port is ./card-port.server.ts).
import type { CardPayments } from "./card-port.server.ts";
import { StripeCardPayments } from "./stripe.server.ts";

// One client per configuration: the SDK keeps a keep-alive agent, so reuse it across requests.
const cache = new Map<string, CardPayments>();

/** From validated env: returns null when STRIPE_SECRET_KEY is unset (card option hidden). */
export function cardPaymentsFromEnv(env: {
  STRIPE_SECRET_KEY?: string;
  STRIPE_WEBHOOK_SECRET?: string;
  STRIPE_API_BASE?: string;
}): CardPayments | null {
  const secretKey = env.STRIPE_SECRET_KEY;
  if (!secretKey) return null;
  const webhookSecret = env.STRIPE_WEBHOOK_SECRET;
  // env.server.ts already refuses this combination; callers that skip it still get a clear error.
  if (!webhookSecret) throw new Error("STRIPE_WEBHOOK_SECRET is required when STRIPE_SECRET_KEY is set");
  const key = JSON.stringify([secretKey, webhookSecret, env.STRIPE_API_BASE ?? null]);
  let payments = cache.get(key);
  if (!payments) {
    payments = new StripeCardPayments({ secretKey, webhookSecret, apiBase: env.STRIPE_API_BASE });
    cache.set(key, payments);
  }
  return payments;
}
