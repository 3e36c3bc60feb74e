// Search at process start: settings applied, and an empty embedded index rebuilt from the database
// (a fresh clone, or a deleted index file). Meilisearch is rebuilt on purpose with search:reindex.
import type { Db } from "../platform/db.server.ts";
import { reindexAll } from "./indexer.server.ts";
import type { SearchEngine } from "#app/domain/search.ts";

export async function prepareSearch(db: Db, engine: SearchEngine, log = console.log) {
  await engine.setup();
  if (engine.name !== "embedded") return;
  const health = await engine.health();
  if (health.status === "ok" && health.documents === 0) {
    const total = await reindexAll(db, engine);
    if (total) log(`Built the search index: ${total} products.`);
  }
}
