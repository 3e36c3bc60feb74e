// The server the storefront benchmark drives: the same as tests/e2e/start-server.ts (the production
// build on a fresh, fully seeded SQLite file), but in a directory and on a port chosen by the parent
// (bench/storefront.ts), so it never touches the end-to-end tests' files.
import fs from "node:fs/promises";
import path from "node:path";

const dir = process.env.BENCH_SERVER_DIR;
const port = process.env.BENCH_SERVER_PORT;
if (!dir || !port) {
  console.error("BENCH_SERVER_DIR and BENCH_SERVER_PORT are set by bench/storefront.ts");
  process.exit(1);
}
await fs.rm(dir, { recursive: true, force: true });
await fs.mkdir(dir, { recursive: true });
Object.assign(process.env, {
  NODE_ENV: "production",
  PORT: port,
  DATABASE_URL: `file:${path.join(dir, "bench.db")}`,
  STORAGE_DIR: path.join(dir, "uploads"),
  SEARCH_INDEX_PATH: path.join(dir, "search.db"),
  SESSION_SECRET: "bench-session-secret-not-for-production-0123456789",
});

const { deployMigrations } = await import("#app/services/migrations.server.ts");
const { getDb } = await import("#app/services/db.server.ts");
const { getStorage } = await import("#app/services/storage.server.ts");
const { seedDatabase } = await import("#prisma/seed/seed.ts");
await deployMigrations(process.env.DATABASE_URL!);
await seedDatabase(getDb(process.env.DATABASE_URL), getStorage());
await import("#server/index.ts");
