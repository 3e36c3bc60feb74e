// npm run search:reindex — rebuilds the search index (embedded or Meilisearch) from the database.
import { loadEnvOrExit } from "#app/services/platform/env.server.ts";
import { getDb } from "#app/services/platform/db.server.ts";
import { getSearchEngine } from "#app/services/search/engine.server.ts";
import { reindexAll } from "#app/services/search/indexer.server.ts";

const env = loadEnvOrExit();
const engine = getSearchEngine();
const started = performance.now();
const width = 30;
const total = await reindexAll(getDb(env.DATABASE_URL), engine, {
  onProgress(done, all) {
    const filled = Math.round((done / all) * width);
    process.stdout.write(`\r[${"#".repeat(filled)}${".".repeat(width - filled)}] ${done}/${all}`);
  },
});
process.stdout.write("\n");
console.log(
  `Indexed ${total} products into ${engine.name} in ${((performance.now() - started) / 1000).toFixed(1)} s.`,
);
await engine.close();
await getDb().$disconnect();
