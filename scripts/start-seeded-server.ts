// The production server on a fresh, fully seeded SQLite file in a folder of its own — what the
// end-to-end tests (playwright.config.ts) and the storefront benchmark (bench/storefront.ts) drive.
//   SEEDED_SERVER_DIR  folder for the database, index and images (emptied first); default tests/.tmp/e2e
//   PORT               default 3100
//   PUBLIC_URL         default http://localhost:PORT; the server listens on 127.0.0.1 (HOST) and,
//                      PUBLIC_URL being a loopback address, answers localhost and 127.0.0.1 alike
//   STRIPE_*           passed through (the end-to-end tests point them at the local Stripe fake)
// Run `npm run build` first.
import fs from "node:fs/promises";
import path from "node:path";

const dir = path.resolve(process.env.SEEDED_SERVER_DIR ?? "tests/.tmp/e2e");
await fs.rm(dir, { recursive: true, force: true });
await fs.mkdir(dir, { recursive: true });
const port = process.env.PORT ?? "3100";
Object.assign(process.env, {
  NODE_ENV: "production",
  PORT: port,
  // Set here so a PUBLIC_URL in .env (a real site's) cannot make this local server refuse localhost.
  PUBLIC_URL: process.env.PUBLIC_URL ?? `http://localhost:${port}`,
  DATABASE_URL: `file:${path.join(dir, "app.db")}`,
  STORAGE_DIR: path.join(dir, "uploads"),
  SEARCH_INDEX_PATH: path.join(dir, "search.db"),
  // Mail and SMS are captured as files here, where the end-to-end tests read them.
  MAIL_CAPTURE_DIR: path.join(dir, "mail"),
  SMS_CAPTURE_DIR: path.join(dir, "sms"),
  SESSION_SECRET: "seeded-server-secret-not-for-production-0123456789",
});

const { deployMigrations } = await import("#app/services/platform/migrations.server.ts");
const { getDb } = await import("#app/services/platform/db.server.ts");
const { getStorage } = await import("#app/services/platform/storage.server.ts");
const { seedDatabase } = await import("#prisma/seed/seed.ts");
await deployMigrations(process.env.DATABASE_URL!);
await seedDatabase(getDb(process.env.DATABASE_URL), getStorage());
await import("#server/index.ts");
