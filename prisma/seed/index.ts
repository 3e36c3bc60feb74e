// npm run seed — replaces the database's contents with the demo marketplace and prints the accounts.
import { getDb } from "#app/services/platform/db.server.ts";
import { loadEnvOrExit } from "#app/services/platform/env.server.ts";
import { deployMigrations } from "#app/services/platform/migrations.server.ts";
import { getStorage } from "#app/services/platform/storage.server.ts";
import { getSearchEngine } from "#app/services/search/engine.server.ts";
import { reindexAll } from "#app/services/search/indexer.server.ts";
import { printDemoAccountsIfSeeded } from "#server/demo-accounts.ts";
import { seedDatabase } from "./seed.ts";

const env = loadEnvOrExit();
await deployMigrations(env.DATABASE_URL);
const db = getDb(env.DATABASE_URL);
const started = performance.now();
const summary = await seedDatabase(db, getStorage(), { log: (m) => console.log(`  ${m}`) });
console.log(
  `Seeded ${summary.communes} communes, ${summary.sellers} sellers, ${summary.products} products, ${summary.users} users in ${Math.round(performance.now() - started)} ms.`,
);
const engine = getSearchEngine();
const indexed = await reindexAll(db, engine);
console.log(`Rebuilt the ${engine.name} search index: ${indexed} products.`);
await engine.close();
await printDemoAccountsIfSeeded(db);
await db.$disconnect();
