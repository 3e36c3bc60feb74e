// GET /healthz — JSON status of the database, the search engine and the side-effect queue.
import { getEnv } from "#app/services/platform/env.server.ts";
import { getDb } from "#app/services/platform/db.server.ts";
import { outboxLag } from "#app/services/platform/outbox.server.ts";
import { getSearchEngine } from "#app/services/search/engine.server.ts";
import { SEARCH_INDEX_TOPIC } from "#app/services/search/indexer.server.ts";

export async function loader() {
  const env = getEnv();
  const db = getDb();
  const started = performance.now();
  const database = await db.$queryRawUnsafe("SELECT 1").then(
    () => ({
      status: "ok" as const,
      provider: env.databaseProvider,
      latencyMs: Math.round(performance.now() - started),
    }),
    (error: unknown) => ({
      status: "error" as const,
      provider: env.databaseProvider,
      error: error instanceof Error ? error.message : String(error),
    }),
  );
  const engine = getSearchEngine();
  const [outbox, searchHealth, indexing] = await Promise.all([
    database.status === "ok" ? outboxLag(db) : null,
    engine.health(),
    database.status === "ok" ? outboxLag(db, new Date(), SEARCH_INDEX_TOPIC) : null,
  ]);
  const search = { engine: engine.name, ...searchHealth, indexing };
  const ok = database.status === "ok" && search.status === "ok";
  return Response.json(
    { status: ok ? "ok" : "error", services: { database, search, outbox } },
    { status: ok ? 200 : 503, headers: { "Cache-Control": "no-store" } },
  );
}
