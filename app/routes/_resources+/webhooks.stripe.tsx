// Stripe's webhook endpoint. The signature is checked on the raw body before anything else; a bad
// or missing one gets 400 and changes nothing. Each event id is processed once (card-webhooks).
import type { ActionFunctionArgs } from "@remix-run/node";
import { siteUrlOf } from "#app/services/orders/buyer-context.server.ts";
import { handleCardWebhook } from "#app/services/orders/card-webhooks.server.ts";
import { getEnv } from "#app/services/platform/env.server.ts";
import { cardPaymentsFromEnv } from "#app/services/payments/card.server.ts";
import { InvalidWebhookError } from "#app/services/payments/card-port.server.ts";

const MAX_BODY_BYTES = 512 * 1024;

export async function action({ request }: ActionFunctionArgs) {
  const payments = cardPaymentsFromEnv(getEnv());
  if (!payments) return Response.json({ error: "Card payments are not configured" }, { status: 404 });
  if (request.method !== "POST") return Response.json({ error: "POST only" }, { status: 405 });
  const length = Number(request.headers.get("Content-Length") ?? 0);
  if (length > MAX_BODY_BYTES) return Response.json({ error: "Body too large" }, { status: 413 });
  const body = await request.text();
  if (body.length > MAX_BODY_BYTES) return Response.json({ error: "Body too large" }, { status: 413 });
  try {
    const event = await payments.parseWebhook(body, request.headers.get("Stripe-Signature"));
    const outcome = await handleCardWebhook(payments.provider, event, siteUrlOf(request));
    return Response.json({ received: true, outcome });
  } catch (error) {
    if (error instanceof InvalidWebhookError) {
      return Response.json({ error: "Invalid signature or payload" }, { status: 400 });
    }
    throw error; // a 500 makes Stripe retry later, which is what we want for our own failures
  }
}

export function loader() {
  return Response.json({ error: "POST only" }, { status: 405 });
}
