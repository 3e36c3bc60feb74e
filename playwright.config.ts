import { execFileSync } from "node:child_process";
import { defineConfig, devices } from "@playwright/test";

/**
 * A port nothing listens on, asked of the kernel (port 0), unless the variable names one. The choice
 * is written back to the environment: Playwright loads this file again in every worker, and workers
 * inherit the environment, so they all see the same ports.
 */
function portFrom(variable: string) {
  if (!process.env[variable]) {
    const script =
      "const s=require('node:net').createServer();s.listen(0,'127.0.0.1',()=>{process.stdout.write(String(s.address().port));s.close()})";
    process.env[variable] = execFileSync(process.execPath, ["-e", script], { encoding: "utf8" });
  }
  return Number(process.env[variable]);
}

const port = portFrom("E2E_PORT");
// The browser, the Stripe fake's webhooks and the server's own links (PUBLIC_URL) all use this one
// address; the server answers 421 to a host it is not configured for (server/host-check.ts).
const baseURL = `http://localhost:${port}`;
const stripeFakePort = portFrom("E2E_STRIPE_PORT");
// The seeded server's folder (database, images, captured mail); tests read mail from here.
const seededDir = process.env.E2E_DIR ?? "tests/.tmp/e2e";
// Card payments go to a local fake of Stripe's Checkout API, which signs its webhooks like Stripe.
const stripeWebhookSecret = "whsec_e2e_local_fake";

// End-to-end tests drive Debian's Chromium (never a downloaded browser) against a production build
// seeded with the demo data. See scripts/start-seeded-server.ts.
export default defineConfig({
  testDir: "tests/e2e",
  outputDir: "test-results/e2e-artifacts",
  fullyParallel: true,
  forbidOnly: true,
  retries: 0,
  workers: 2,
  reporter: "list",
  use: {
    baseURL,
    locale: "vi-VN",
    timezoneId: "Asia/Ho_Chi_Minh",
    trace: "retain-on-failure",
  },
  projects: [
    {
      name: "chromium",
      use: {
        ...devices["Pixel 7"],
        browserName: "chromium",
        launchOptions: {
          executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
          args: [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--disable-quic",
          ],
        },
      },
    },
  ],
  webServer: [
    {
      // tsx, not npx tsx: npx would leave the fake running after the tests.
      command: "tsx tests/fakes/stripe-fake-server.ts",
      url: `http://127.0.0.1:${stripeFakePort}/healthz`,
      timeout: 30_000,
      reuseExistingServer: false,
      env: {
        STRIPE_FAKE_PORT: String(stripeFakePort),
        STRIPE_WEBHOOK_SECRET: stripeWebhookSecret,
        STRIPE_WEBHOOK_URL: `${baseURL}/webhooks/stripe`,
      },
    },
    {
      command: "npm run build && tsx scripts/start-seeded-server.ts",
      url: `${baseURL}/healthz`,
      timeout: 180_000,
      reuseExistingServer: false,
      stdout: "pipe",
      env: {
        PORT: String(port),
        PUBLIC_URL: baseURL,
        SEEDED_SERVER_DIR: seededDir,
        STRIPE_SECRET_KEY: "sk_test_e2e_local_fake",
        STRIPE_WEBHOOK_SECRET: stripeWebhookSecret,
        STRIPE_API_BASE: `http://127.0.0.1:${stripeFakePort}`,
      },
    },
  ],
});
