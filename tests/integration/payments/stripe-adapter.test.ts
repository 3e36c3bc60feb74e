// The Stripe Checkout adapter of the card-payment port, against the Stripe fake (Stripe's API is not
// reachable from these machines) and, when a test key is configured, against Stripe itself: the
// contract suite runs on both, so the fake cannot drift from Stripe unnoticed. No database needed.
import crypto from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import {
  CardPaymentError,
  InvalidWebhookError,
  type CardPayments,
  type CardWebhookEvent,
  type CreateCardSessionInput,
} from "#app/services/payments/card-port.server.ts";
import { cardPaymentsFromEnv } from "#app/services/payments/card.server.ts";
import { StripeCardPayments, successUrlWithSessionId } from "#app/services/payments/stripe.server.ts";
import { startStripeFake, type FakeEvent, type StripeFake } from "#tests/fakes/stripe-fake.ts";

const SECRET_KEY = "sk_test_cho_phien_adapter";
const WEBHOOK_SECRET = "whsec_cho_phien_adapter";
const MINUTE = 60_000;

function sessionInput(overrides: Partial<CreateCardSessionInput> = {}): CreateCardSessionInput {
  return {
    reference: "CP7K3M9Q",
    lines: [
      { name: "Vườn Bà Tư — Xoài Úc Cam Lâm", amountVnd: 185_000 },
      { name: "HTX Khánh Sơn — Cà phê rang xay", amountVnd: 64_500 },
    ],
    buyerEmail: "nguoi.mua@example.com",
    successUrl: "https://cho.example/thanh-toan/xong?group=g1",
    cancelUrl: "https://cho.example/thanh-toan/huy?group=g1",
    expiresAt: new Date(Date.now() + 60 * MINUTE),
    metadata: { groupId: "g1" },
    idempotencyKey: `test-${crypto.randomUUID()}`,
    ...overrides,
  };
}

function fakeAdapter(fake: StripeFake, overrides: { secretKey?: string; timeoutMs?: number } = {}) {
  return new StripeCardPayments({
    secretKey: SECRET_KEY,
    webhookSecret: WEBHOOK_SECRET,
    apiBase: fake.url,
    maxNetworkRetries: 0,
    ...overrides,
  });
}

/** What Stripe's API and the fake must both do for the adapter. */
function checkoutSessionContract(connect: () => CardPayments) {
  let payments: CardPayments;
  beforeAll(() => {
    payments = connect();
  });

  it("creates an open, unpaid session for the exact amount in đồng", async () => {
    const session = await payments.createSession(sessionInput());
    expect(session).toMatchObject({
      status: "open",
      paid: false,
      amountVnd: 249_500,
      metadata: { groupId: "g1" },
    });
    expect(session.id).toMatch(/^cs_test_/);
    expect(session.url).toMatch(/^https?:\/\//);
  });

  it("returns the first session again for a repeated idempotency key", async () => {
    const input = sessionInput();
    const first = await payments.createSession(input);
    const again = await payments.createSession(input);
    expect(again.id).toBe(first.id);
  });

  it("refuses a reused idempotency key with different parameters", async () => {
    const input = sessionInput();
    await payments.createSession(input);
    const changed = { ...input, lines: [{ name: "Khác", amountVnd: 99_000 }] };
    await expect(payments.createSession(changed)).rejects.toThrow(CardPaymentError);
  });

  it("retrieves a session", async () => {
    const created = await payments.createSession(sessionInput());
    const session = await payments.retrieveSession(created.id);
    expect(session).toEqual(created);
  });

  it("expires an open session; expiring it again returns it unchanged", async () => {
    const created = await payments.createSession(sessionInput());
    const expired = await payments.expireSession(created.id);
    expect(expired).toMatchObject({ id: created.id, status: "expired", paid: false, url: "" });
    await expect(payments.expireSession(created.id)).resolves.toEqual(expired);
    await expect(payments.retrieveSession(created.id)).resolves.toMatchObject({ status: "expired" });
  });

  it("reports an unknown session as a CardPaymentError with Stripe's message", async () => {
    const missing = payments.retrieveSession("cs_test_a1doesnotexist");
    await expect(missing).rejects.toThrow(CardPaymentError);
    await expect(missing).rejects.toThrow(/No such checkout\.session/);
  });

  it("refuses expires_at outside 30 minutes to 24 hours", async () => {
    const soon = sessionInput({ expiresAt: new Date(Date.now() + 10 * MINUTE) });
    await expect(payments.createSession(soon)).rejects.toThrow(/expires_at/);
    const late = sessionInput({ expiresAt: new Date(Date.now() + 25 * 60 * MINUTE) });
    await expect(payments.createSession(late)).rejects.toThrow(CardPaymentError);
  });

  it("refuses a fractional amount: VND has no minor unit", async () => {
    const input = sessionInput({ lines: [{ name: "Nửa đồng", amountVnd: 10_000.5 }] });
    await expect(payments.createSession(input)).rejects.toThrow(/Invalid integer: 10000\.5/);
  });
}

describe("Stripe adapter against the fake", () => {
  let fake: StripeFake;
  beforeAll(async () => {
    fake = await startStripeFake({ webhookSecret: WEBHOOK_SECRET });
  });
  afterEach(() => fake.setFailure(null));
  afterAll(() => fake.close());

  checkoutSessionContract(() => fakeAdapter(fake));

  it("sends Stripe Checkout the order as VND card payment in Vietnamese", async () => {
    const input = sessionInput();
    const session = await fakeAdapter(fake).createSession(input);
    const request = fake.requests.at(-1)!;
    expect(request).toMatchObject({ method: "POST", path: "/v1/checkout/sessions" });
    expect(request.idempotencyKey).toBe(input.idempotencyKey);
    expect(request.params).toMatchObject({
      mode: "payment",
      locale: "vi",
      allowed_payment_method_types: ["card"],
      client_reference_id: "CP7K3M9Q",
      customer_email: "nguoi.mua@example.com",
      expires_at: String(Math.floor(input.expiresAt.getTime() / 1000)),
      success_url: "https://cho.example/thanh-toan/xong?group=g1&session_id={CHECKOUT_SESSION_ID}",
      cancel_url: input.cancelUrl,
      metadata: { groupId: "g1" },
      line_items: [
        {
          quantity: "1",
          price_data: {
            currency: "vnd",
            unit_amount: "185000",
            product_data: { name: input.lines[0]!.name },
          },
        },
        {
          quantity: "1",
          price_data: { currency: "vnd", unit_amount: "64500", product_data: { name: input.lines[1]!.name } },
        },
      ],
    });
    expect(fake.sessions.get(session.id)).toMatchObject({ client_reference_id: "CP7K3M9Q", currency: "vnd" });
  });

  it("reads back a paid session as complete and paid", async () => {
    const payments = fakeAdapter(fake);
    const created = await payments.createSession(sessionInput());
    await fake.completeSession(created.id);
    await expect(payments.retrieveSession(created.id)).resolves.toMatchObject({
      status: "complete",
      paid: true,
      amountVnd: 249_500,
    });
    // The buyer paid before the expiry landed: expiring reports the payment instead of failing.
    await expect(payments.expireSession(created.id)).resolves.toMatchObject({
      status: "complete",
      paid: true,
    });
  });

  it("answers Stripe's error shape for a bad request", async () => {
    const base =
      "mode=payment&success_url=https%3A%2F%2Fx.example&line_items[0][quantity]=1&line_items[0][price_data][currency]=vnd&line_items[0][price_data][product_data][name]=A";
    const tooSoon = Math.floor(Date.now() / 1000) + 60;
    const cases = [
      {
        body: `${base}&line_items[0][price_data][unit_amount]=1.5`,
        error: { message: "Invalid integer: 1.5", param: "line_items[0][price_data][unit_amount]" },
      },
      {
        body: `${base}&line_items[0][price_data][unit_amount]=1000&expires_at=${tooSoon}`,
        error: {
          message: "The `expires_at` timestamp must be at least 30 minutes from Checkout Session creation.",
          param: "expires_at",
        },
      },
    ];
    for (const { body, error } of cases) {
      const response = await fetch(`${fake.url}/v1/checkout/sessions`, {
        method: "POST",
        headers: {
          authorization: `Bearer ${SECRET_KEY}`,
          "content-type": "application/x-www-form-urlencoded",
        },
        body,
      });
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ error: { type: "invalid_request_error", ...error } });
    }
  });

  it("expires a session once expires_at passes, as Stripe does", async () => {
    const payments = fakeAdapter(fake);
    const created = await payments.createSession(sessionInput());
    vi.useFakeTimers({ toFake: ["Date"] });
    try {
      vi.setSystemTime(Date.now() + 61 * MINUTE);
      await expect(payments.retrieveSession(created.id)).resolves.toMatchObject({
        status: "expired",
        url: "",
      });
    } finally {
      vi.useRealTimers();
    }
    const other = await payments.createSession(sessionInput());
    const event = await fake.expireNow(other.id);
    expect(event).toMatchObject({
      type: "checkout.session.expired",
      data: { object: { status: "expired" } },
    });
    await expect(payments.retrieveSession(other.id)).resolves.toMatchObject({ status: "expired" });
  });

  it("rejects an unknown API key", async () => {
    const payments = fakeAdapter(fake, { secretKey: "sk_live_not_for_tests" });
    await expect(payments.createSession(sessionInput())).rejects.toThrow(/Invalid API Key/);
  });

  it("reports an outage (HTTP 500) as CardPaymentError", async () => {
    fake.setFailure("500");
    await expect(fakeAdapter(fake).createSession(sessionInput())).rejects.toThrow(CardPaymentError);
    fake.setFailure(null);
    await expect(fakeAdapter(fake).createSession(sessionInput())).resolves.toMatchObject({ status: "open" });
  });

  it("reports a request that times out as CardPaymentError", async () => {
    const session = await fakeAdapter(fake).createSession(sessionInput());
    fake.setFailure("timeout");
    const payments = fakeAdapter(fake, { timeoutMs: 300 });
    await expect(payments.retrieveSession(session.id)).rejects.toThrow(/timeout/);
    await expect(payments.expireSession(session.id)).rejects.toThrow(CardPaymentError);
  });

  describe("webhooks", () => {
    let payments: CardPayments;
    let completed: FakeEvent;
    let sessionId: string;
    beforeAll(async () => {
      payments = fakeAdapter(fake);
      sessionId = (await payments.createSession(sessionInput())).id;
      completed = await fake.completeSession(sessionId);
    });

    it("accepts a signed checkout.session.completed and maps it", async () => {
      const { payload, header } = fake.signedEvent(completed);
      await expect(payments.parseWebhook(payload, header)).resolves.toEqual({
        id: completed.id,
        type: "checkout.session.completed",
        created: completed.created,
        session: {
          id: sessionId,
          url: "",
          status: "complete",
          paid: true,
          amountVnd: 249_500,
          metadata: { groupId: "g1" },
        },
      } satisfies CardWebhookEvent);
    });

    it("maps the other checkout events, and any other type as 'other'", async () => {
      for (const type of [
        "checkout.session.async_payment_succeeded",
        "checkout.session.async_payment_failed",
        "checkout.session.expired",
      ]) {
        const { payload, header } = fake.signedEvent(fake.event(type, sessionId));
        await expect(payments.parseWebhook(payload, header)).resolves.toMatchObject({
          type,
          session: { id: sessionId },
        });
      }
      const { payload, header } = fake.signedEvent({ ...completed, type: "payment_intent.succeeded" });
      await expect(payments.parseWebhook(payload, header)).resolves.toEqual({
        id: completed.id,
        type: "other",
        stripeType: "payment_intent.succeeded",
        created: completed.created,
      });
    });

    it("rejects a missing signature header", async () => {
      const { payload } = fake.signedEvent(completed);
      await expect(payments.parseWebhook(payload, null)).rejects.toThrow(InvalidWebhookError);
      await expect(payments.parseWebhook(payload, "")).rejects.toThrow(InvalidWebhookError);
    });

    it("rejects a bad signature", async () => {
      const { payload, header } = fake.signedEvent(completed);
      const forged = header.replace(/v1=[0-9a-f]+/, `v1=${"0".repeat(64)}`);
      await expect(payments.parseWebhook(payload, forged)).rejects.toThrow(InvalidWebhookError);
      await expect(payments.parseWebhook(payload, "garbage")).rejects.toThrow(InvalidWebhookError);
    });

    it("rejects a signature made with another secret", async () => {
      const { payload, header } = fake.signedEvent(completed, { secret: "whsec_someone_else" });
      await expect(payments.parseWebhook(payload, header)).rejects.toThrow(InvalidWebhookError);
    });

    it("rejects a timestamp older than 300 seconds (a replay)", async () => {
      const stale = Math.floor(Date.now() / 1000) - 301;
      const { payload, header } = fake.signedEvent(completed, { timestamp: stale });
      await expect(payments.parseWebhook(payload, header)).rejects.toThrow(/tolerance/);
    });

    it("rejects a tampered body", async () => {
      const { payload, header } = fake.signedEvent(completed);
      const tampered = payload.replace('"amount_total": 249500', '"amount_total": 1');
      expect(tampered).not.toBe(payload);
      await expect(payments.parseWebhook(tampered, header)).rejects.toThrow(InvalidWebhookError);
    });

    it("rejects a correctly signed body that is not an event", async () => {
      for (const payload of ["{not json", '{"id": "evt_1", "object": "charge"}']) {
        await expect(payments.parseWebhook(payload, fake.sign(payload))).rejects.toThrow(InvalidWebhookError);
      }
    });
  });
});

describe("the fake's hosted page and webhook delivery", () => {
  const received: CardWebhookEvent[] = [];
  let receiver: http.Server;
  let fake: StripeFake;
  let payments: CardPayments;

  beforeAll(async () => {
    // The app's webhook route, reduced to what matters: verify the raw body, answer 200 or 400.
    const verifier = new StripeCardPayments({ secretKey: SECRET_KEY, webhookSecret: WEBHOOK_SECRET });
    receiver = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (chunk: Buffer) => chunks.push(chunk));
      req.on("end", () => {
        const signature = req.headers["stripe-signature"];
        verifier
          .parseWebhook(
            Buffer.concat(chunks).toString("utf8"),
            typeof signature === "string" ? signature : null,
          )
          .then((event) => {
            received.push(event);
            res.writeHead(200).end();
          })
          .catch(() => res.writeHead(400).end());
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
    const { port } = receiver.address() as AddressInfo;
    fake = await startStripeFake({
      webhookSecret: WEBHOOK_SECRET,
      webhookUrl: `http://127.0.0.1:${port}/hooks`,
    });
    payments = fakeAdapter(fake);
  });
  afterAll(async () => {
    await fake.close();
    await new Promise((resolve) => receiver.close(resolve));
  });

  it("shows the order, and paying delivers a verified event before redirecting to success_url", async () => {
    const session = await payments.createSession(sessionInput());
    const page = await fetch(session.url);
    const html = await page.text();
    expect(page.status).toBe(200);
    expect(html).toContain("Thanh toán");
    expect(html).toContain("Hủy");
    expect(html).toContain("249.500");
    expect(html).toContain("Vườn Bà Tư — Xoài Úc Cam Lâm");

    const paid = await fetch(session.url, {
      method: "POST",
      body: new URLSearchParams({ card_number: "4242 4242 4242 4242" }),
      redirect: "manual",
    });
    expect(paid.status).toBe(303);
    expect(paid.headers.get("location")).toBe(
      `https://cho.example/thanh-toan/xong?group=g1&session_id=${session.id}`,
    );
    expect(received.at(-1)).toMatchObject({
      type: "checkout.session.completed",
      session: { id: session.id, status: "complete", paid: true, amountVnd: 249_500 },
    });
    expect(fake.deliveries.at(-1)).toMatchObject({ type: "checkout.session.completed", status: 200 });
    // Coming back to the page after paying shows it as no longer active.
    expect(await (await fetch(session.url)).text()).toContain("không còn hiệu lực");
  });

  it("keeps the session open when the card is declined", async () => {
    const session = await payments.createSession(sessionInput());
    const declined = await fetch(session.url, {
      method: "POST",
      body: new URLSearchParams({ card_number: "4000 0000 0000 0002" }),
      redirect: "manual",
    });
    expect(declined.status).toBe(402);
    expect(await declined.text()).toContain("bị từ chối");
    await expect(payments.retrieveSession(session.id)).resolves.toMatchObject({
      status: "open",
      paid: false,
    });
  });

  it("tells the webhook when a session is expired through the API", async () => {
    const session = await payments.createSession(sessionInput());
    await payments.expireSession(session.id);
    await vi.waitFor(() =>
      expect(received.at(-1)).toMatchObject({
        type: "checkout.session.expired",
        session: { id: session.id },
      }),
    );
  });

  it("survives a webhook endpoint that is down", async () => {
    const unreachable = await startStripeFake({
      webhookSecret: WEBHOOK_SECRET,
      webhookUrl: "http://127.0.0.1:9/unreachable",
    });
    try {
      const session = await fakeAdapter(unreachable).createSession(sessionInput());
      const paid = await fetch(session.url, { method: "POST", body: "", redirect: "manual" });
      expect(paid.status).toBe(303);
      expect(unreachable.deliveries).toEqual([
        expect.objectContaining({ type: "checkout.session.completed", status: 0 }),
      ]);
      await expect(fakeAdapter(unreachable).retrieveSession(session.id)).resolves.toMatchObject({
        paid: true,
      });
    } finally {
      await unreachable.close();
    }
  });
});

describe("cardPaymentsFromEnv", () => {
  it("hides card payments when no Stripe key is configured", () => {
    expect(cardPaymentsFromEnv({})).toBeNull();
  });

  it("builds one adapter per configuration, pointed at STRIPE_API_BASE", async () => {
    const fake = await startStripeFake({ webhookSecret: WEBHOOK_SECRET });
    try {
      const env = {
        STRIPE_SECRET_KEY: SECRET_KEY,
        STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET,
        STRIPE_API_BASE: fake.url,
      };
      const payments = cardPaymentsFromEnv(env);
      expect(payments?.provider).toBe("stripe");
      expect(cardPaymentsFromEnv({ ...env })).toBe(payments);
      await expect(payments!.createSession(sessionInput())).resolves.toMatchObject({ amountVnd: 249_500 });
    } finally {
      await fake.close();
    }
  });
});

describe("successUrlWithSessionId", () => {
  it("adds Stripe's placeholder once, before any fragment", () => {
    expect(successUrlWithSessionId("https://x.example/ok")).toBe(
      "https://x.example/ok?session_id={CHECKOUT_SESSION_ID}",
    );
    expect(successUrlWithSessionId("https://x.example/ok?a=1#top")).toBe(
      "https://x.example/ok?a=1&session_id={CHECKOUT_SESSION_ID}#top",
    );
    const already = "https://x.example/ok?cs={CHECKOUT_SESSION_ID}";
    expect(successUrlWithSessionId(already)).toBe(already);
  });
});

// Runs only when a Stripe test key is configured and Stripe is reachable: keeps the fake honest.
describe.runIf(process.env.STRIPE_TEST_SECRET_KEY)("Stripe adapter against Stripe's test API", () => {
  checkoutSessionContract(() => {
    const secretKey = process.env.STRIPE_TEST_SECRET_KEY!;
    if (!/^(sk|rk)_test_/.test(secretKey)) throw new Error("STRIPE_TEST_SECRET_KEY must be a test-mode key");
    return new StripeCardPayments({ secretKey, webhookSecret: "whsec_unused_here", maxNetworkRetries: 1 });
  });
});
