// npm run setup — everything a fresh clone needs before `npm start`: a .env with a new session
// secret, a production build, the database migrated, and the demo marketplace seeded (only when the
// database is empty: re-running setup never wipes data; `npm run seed` does that on purpose).
import { execFileSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import { loadEnvOrExit } from "#app/services/platform/env.server.ts";

const [major, minor] = process.versions.node.split(".").map(Number) as [number, number];
if (major < 20 || (major === 20 && minor < 19)) {
  console.error(`Chợ Phiên needs Node.js 20.19 or newer (this is ${process.versions.node}).`);
  process.exit(1);
}

if (!fs.existsSync(".env")) {
  const secret = crypto.randomBytes(32).toString("hex");
  const example = fs.readFileSync(".env.example", "utf8");
  fs.writeFileSync(".env", example.replace(/^SESSION_SECRET=$/m, `SESSION_SECRET=${secret}`));
  console.log("Created .env with a new SESSION_SECRET.");
}
const env = loadEnvOrExit();

console.log("Building…");
// Always a production build: `npm start` runs in production mode, and a development build would not
// render there.
execFileSync("npx", ["remix", "build"], {
  stdio: "inherit",
  env: { ...process.env, NODE_ENV: "production" },
});

const { deployMigrations } = await import("#app/services/platform/migrations.server.ts");
const { getDb } = await import("#app/services/platform/db.server.ts");
const applied = await deployMigrations(env.DATABASE_URL);
console.log(applied.length ? `Applied migrations: ${applied.join(", ")}` : "Database is up to date.");

const db = getDb(env.DATABASE_URL);
if ((await db.commune.count()) === 0) {
  console.log("Seeding the demo marketplace…");
  const { seedDatabase } = await import("#prisma/seed/seed.ts");
  const { getStorage } = await import("#app/services/platform/storage.server.ts");
  const summary = await seedDatabase(db, getStorage());
  console.log(`Seeded ${summary.sellers} sellers and ${summary.products} products.`);
  const { getSearchEngine } = await import("#app/services/search/engine.server.ts");
  const { reindexAll } = await import("#app/services/search/indexer.server.ts");
  const engine = getSearchEngine();
  console.log(`Indexed ${await reindexAll(db, engine)} products for search (${engine.name}).`);
  await engine.close();
} else {
  console.log("The database already has data; not seeding (npm run seed replaces it with the demo).");
}
await db.$disconnect();
console.log("Ready: npm start, then open http://localhost:" + env.PORT);
