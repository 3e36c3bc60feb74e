// Runs the Stripe fake on its own, for Playwright's webServer and local development:
//   STRIPE_WEBHOOK_SECRET=whsec_… STRIPE_WEBHOOK_URL=http://localhost:3100/… npx tsx tests/fakes/stripe-fake-server.ts
// Point the app at it with STRIPE_API_BASE=http://127.0.0.1:4010, any sk_test_… key and the same
// webhook secret. GET /healthz answers once it is ready.
import { startStripeFake } from "#tests/fakes/stripe-fake.ts";

const port = Number(process.env.STRIPE_FAKE_PORT ?? 4010);
const webhookUrl = process.env.STRIPE_WEBHOOK_URL || undefined;
const webhookSecret = process.env.STRIPE_WEBHOOK_SECRET;

// No default secret: a silent mismatch with the app's would make every webhook fail with 400.
if (!webhookSecret) {
  console.error("STRIPE_WEBHOOK_SECRET is required (the app must verify webhooks with the same secret)");
  process.exit(1);
}
if (!Number.isInteger(port) || port < 1 || port > 65535) {
  console.error(`STRIPE_FAKE_PORT must be a port number, got ${process.env.STRIPE_FAKE_PORT}`);
  process.exit(1);
}

const fake = await startStripeFake({
  port,
  webhookUrl,
  webhookSecret,
  log: (line) => console.log(line),
}).catch((error: unknown) => {
  const inUse = (error as NodeJS.ErrnoException).code === "EADDRINUSE";
  console.error(inUse ? `Port ${port} is in use: another fake running? Set STRIPE_FAKE_PORT.` : error);
  process.exit(1);
});
console.log(`stripe-fake ready on ${fake.url} (webhooks → ${webhookUrl ?? "not delivered"})`);

for (const signal of ["SIGTERM", "SIGINT"] as const) {
  process.once(signal, () => {
    void fake.close().then(() => process.exit(0));
  });
}
