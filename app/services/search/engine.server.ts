// Which search engine this process uses: Meilisearch when MEILI_HOST is set, otherwise the
// embedded FTS5 index. One instance per process.
import path from "node:path";
import { getEnv } from "../platform/env.server.ts";
import { EmbeddedSearchEngine } from "./embedded.server.ts";
import { MeilisearchEngine } from "./meilisearch.server.ts";
import type { SearchEngine } from "#app/domain/search.ts";

const globalForSearch = globalThis as unknown as { __chophienSearch?: { key: string; engine: SearchEngine } };

export function getSearchEngine(): SearchEngine {
  const env = getEnv();
  const key = env.MEILI_HOST
    ? `meili:${env.MEILI_HOST}/${env.MEILI_INDEX}`
    : `embedded:${path.resolve(env.SEARCH_INDEX_PATH)}`;
  const cached = globalForSearch.__chophienSearch;
  if (cached?.key === key) return cached.engine;
  const engine = env.MEILI_HOST
    ? new MeilisearchEngine({ host: env.MEILI_HOST, apiKey: env.MEILI_API_KEY, indexName: env.MEILI_INDEX })
    : new EmbeddedSearchEngine(path.resolve(env.SEARCH_INDEX_PATH));
  globalForSearch.__chophienSearch = { key, engine };
  return engine;
}
