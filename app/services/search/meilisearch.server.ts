// The Meilisearch adapter of the search port, for deployments that outgrow the embedded engine.
// Every write is a Meilisearch task that runs later; we wait for each one and turn a failed task
// into a thrown error, so the outbox retries the change instead of believing it was indexed.
import { setTimeout as sleep } from "node:timers/promises";
import { Meilisearch, MeilisearchApiError, type EnqueuedTask, type Settings, type Task } from "meilisearch";
import { z } from "zod";
import { productUnits } from "#app/domain/units.ts";
import {
  certTags,
  type SearchDocument,
  type SearchEngine,
  type SearchFacets,
  type SearchQuery,
  type SearchResult,
  type SearchSort,
  type Suggestion,
} from "#app/domain/search.ts";

export type MeilisearchEngineOptions = {
  host: string;
  apiKey?: string;
  indexName?: string;
  /** How long to wait for one task (one batch) to finish. Bulk imports on small machines are slow. */
  taskTimeoutMs?: number;
  /** Documents per request; Meilisearch's payload limit is 100 MB by default. */
  batchSize?: number;
  /** Per HTTP request; unset means no limit. */
  requestTimeoutMs?: number;
};

const TASK_POLL_INTERVAL_MS = 50;

export const meilisearchSettings = {
  // Order matters: the "attribute" ranking rule prefers matches in earlier attributes.
  searchableAttributes: ["name", "description", "categoryName", "sellerName", "communeName"],
  filterableAttributes: ["categorySlug", "communeSlug", "certs", "priceVnd", "inStock", "sellerSlug"],
  sortableAttributes: ["priceVnd", "createdAt"],
  // Meilisearch's default order: an explicit sort only reorders results of equal text relevance.
  rankingRules: ["words", "typo", "proximity", "attribute", "sort", "exactness"],
  typoTolerance: { enabled: true, minWordSizeForTypos: { oneTypo: 5, twoTypos: 9 } },
  // The default caps (1,000 hits, 100 facet values) would truncate totals and deep pages.
  pagination: { maxTotalHits: 100_000 },
  faceting: { maxValuesPerFacet: 200 },
} satisfies Settings;

const facetAttributes = { category: "categorySlug", commune: "communeSlug", cert: "certs" } as const;

const sortParameter: Record<SearchSort, string[] | undefined> = {
  relevance: undefined,
  price_asc: ["priceVnd:asc"],
  price_desc: ["priceVnd:desc"],
  newest: ["createdAt:desc"],
};

// Hits come from another process; a hit that does not fit the port's type is an error, not data.
const searchDocumentSchema = z.object({
  id: z.string(),
  slug: z.string(),
  name: z.string(),
  description: z.string(),
  categorySlug: z.string(),
  categoryName: z.string(),
  sellerSlug: z.string(),
  sellerName: z.string(),
  communeSlug: z.string(),
  communeName: z.string(),
  priceVnd: z.number(),
  unit: z.enum(productUnits),
  inStock: z.boolean(),
  certs: z.array(z.enum(certTags)),
  imageKey: z.string().nullable(),
  createdAt: z.number(),
}) satisfies z.ZodType<SearchDocument>;

const facetCountsSchema = z.record(z.string(), z.number());

const searchResponseSchema = z.object({
  hits: z.array(searchDocumentSchema),
  totalHits: z.number(),
  facetDistribution: z.record(z.string(), facetCountsSchema).optional(),
});

const suggestResponseSchema = z.object({
  hits: z.array(z.object({ id: z.string(), slug: z.string(), name: z.string() })),
});

/** A quoted filter value. Meilisearch unescapes only `\"` inside double quotes (filter-parser). */
export function quoteFilterValue(value: string) {
  // A backslash before a quote or at the end cannot be expressed; slugs never contain one.
  if (value.includes("\\")) throw new Error(`Search filter value may not contain a backslash: ${value}`);
  return `"${value.replaceAll('"', '\\"')}"`;
}

function filterNumber(value: number) {
  if (!Number.isFinite(value)) throw new Error(`Search filter number must be finite, got ${value}`);
  return String(value);
}

/** Different filters are AND-ed (array elements); values of one filter are OR-ed (IN). */
export function meilisearchFilter(query: SearchQuery): string[] {
  const filter: string[] = [];
  const anyOf = (attribute: string, values: readonly string[]) => {
    if (values.length) filter.push(`${attribute} IN [${values.map(quoteFilterValue).join(", ")}]`);
  };
  anyOf(facetAttributes.category, query.category);
  anyOf(facetAttributes.commune, query.commune);
  anyOf(facetAttributes.cert, query.cert);
  if (query.minPrice !== undefined) filter.push(`priceVnd >= ${filterNumber(query.minPrice)}`);
  if (query.maxPrice !== undefined) filter.push(`priceVnd <= ${filterNumber(query.maxPrice)}`);
  if (query.inStock !== undefined) filter.push(`inStock = ${query.inStock}`);
  return filter;
}

/** Keeps the known tags; the port's type has no room for others. */
function certFacet(counts: Record<string, number>): SearchFacets["cert"] {
  const facet: SearchFacets["cert"] = {};
  for (const tag of certTags) {
    const count = counts[tag];
    if (count !== undefined) facet[tag] = count;
  }
  return facet;
}

/** The message with its causes: the client says only "Request to … has failed"; causes say why. */
function errorMessage(error: unknown) {
  const messages: string[] = [];
  let current = error;
  while (current instanceof Error && messages.length < 5) {
    messages.push(current.message);
    current = current.cause;
  }
  return messages.length ? messages.join(": ") : String(error);
}

export class MeilisearchEngine implements SearchEngine {
  readonly name = "meilisearch";
  readonly #client: Meilisearch;
  readonly #indexName: string;
  readonly #taskTimeoutMs: number;
  readonly #batchSize: number;
  // Aborts task polling on close(), so no timer outlives the engine.
  readonly #closing = new AbortController();

  constructor(options: MeilisearchEngineOptions) {
    this.#client = new Meilisearch({
      host: options.host,
      apiKey: options.apiKey,
      timeout: options.requestTimeoutMs,
    });
    this.#indexName = options.indexName ?? "products";
    this.#taskTimeoutMs = options.taskTimeoutMs ?? 60_000;
    this.#batchSize = options.batchSize ?? 1000;
    if (!Number.isInteger(this.#batchSize) || this.#batchSize < 1) {
      throw new Error(`batchSize must be a positive integer, got ${options.batchSize}`);
    }
  }

  get #index() {
    return this.#client.index<SearchDocument>(this.#indexName);
  }

  async setup() {
    if (!(await this.#indexExists())) {
      await this.#waitForTask(
        await this.#client.createIndex(this.#indexName, { primaryKey: "id" }),
        "create index",
        { allowErrorCode: "index_already_exists" }, // another process created it meanwhile
      );
    }
    await this.#waitForTask(await this.#index.updateSettings(meilisearchSettings), "update settings");
  }

  async upsert(documents: SearchDocument[]) {
    // Enqueue every batch first so Meilisearch can process them back to back, then wait for all.
    const enqueued: EnqueuedTask[] = [];
    for (let start = 0; start < documents.length; start += this.#batchSize) {
      const batch = documents.slice(start, start + this.#batchSize);
      enqueued.push(await this.#index.addDocuments(batch, { primaryKey: "id" }));
    }
    for (const task of enqueued) await this.#waitForTask(task, "add documents");
  }

  async remove(ids: string[]) {
    if (!ids.length) return;
    await this.#waitForTask(await this.#index.deleteDocuments(ids), "delete documents");
  }

  async clear() {
    await this.#waitForTask(await this.#index.deleteAllDocuments(), "delete all documents");
  }

  async search(query: SearchQuery): Promise<SearchResult> {
    // Like the embedded engine: every word must match; only when nothing does, fall back to
    // Meilisearch's "last" strategy (dropping words from the end).
    const run = (matchingStrategy: "all" | "last") =>
      this.#index.search(query.q, {
        filter: meilisearchFilter(query),
        facets: Object.values(facetAttributes),
        sort: sortParameter[query.sort],
        page: query.page,
        hitsPerPage: query.perPage,
        matchingStrategy,
      });
    let response = await run("all");
    if (response.totalHits === 0 && query.q.trim().includes(" ")) response = await run("last");
    const { hits, totalHits, facetDistribution = {} } = searchResponseSchema.parse(response);
    return {
      hits,
      total: totalHits,
      facets: {
        category: facetDistribution[facetAttributes.category] ?? {},
        commune: facetDistribution[facetAttributes.commune] ?? {},
        cert: certFacet(facetDistribution[facetAttributes.cert] ?? {}),
      },
    };
  }

  async suggest(prefix: string, limit: number): Promise<Suggestion[]> {
    // An empty query would list arbitrary products, which is not a suggestion.
    if (!prefix.trim() || limit < 1) return [];
    const response = await this.#index.search(prefix, {
      attributesToSearchOn: ["name"],
      attributesToRetrieve: ["id", "slug", "name"],
      limit,
    });
    return suggestResponseSchema.parse(response).hits;
  }

  async health(): Promise<{ status: "ok" | "error"; documents?: number; error?: string }> {
    try {
      const stats = await this.#index.getStats();
      return { status: "ok", documents: stats.numberOfDocuments };
    } catch (error) {
      return { status: "error", error: errorMessage(error) };
    }
  }

  async close() {
    this.#closing.abort(new Error("The Meilisearch engine was closed"));
  }

  async #indexExists() {
    try {
      await this.#client.getRawIndex(this.#indexName);
      return true;
    } catch (error) {
      if (error instanceof MeilisearchApiError && error.cause?.code === "index_not_found") return false;
      throw error;
    }
  }

  /**
   * Polls until the task is done and throws unless it succeeded. Written here rather than using
   * the client's waitTask, whose timeout timer keeps running after a failed poll (up to
   * taskTimeoutMs of a process that cannot exit).
   */
  async #waitForTask(
    enqueued: EnqueuedTask,
    action: string,
    { allowErrorCode }: { allowErrorCode?: string } = {},
  ): Promise<Task> {
    const uid = enqueued.taskUid;
    const deadline = Date.now() + this.#taskTimeoutMs;
    for (;;) {
      const remaining = deadline - Date.now();
      if (remaining <= 0) {
        throw new Error(
          `Meilisearch task ${uid} (${action}) did not finish within ${this.#taskTimeoutMs} ms`,
        );
      }
      const signal = AbortSignal.any([this.#closing.signal, AbortSignal.timeout(remaining)]);
      let task: Task;
      try {
        task = await this.#client.tasks.getTask(uid, { signal });
      } catch (error) {
        if (Date.now() >= deadline) continue; // reported as a timeout above
        throw error;
      }
      if (task.status === "succeeded") return task;
      if (task.status === "failed" || task.status === "canceled") {
        if (allowErrorCode && task.error?.code === allowErrorCode) return task;
        const reason = task.error ? `${task.error.message} (${task.error.code})` : "no error given";
        throw new Error(`Meilisearch task ${uid} (${action}) ${task.status}: ${reason}`);
      }
      await sleep(Math.min(TASK_POLL_INTERVAL_MS, remaining), undefined, { signal: this.#closing.signal });
    }
  }
}
