// The search port: what the storefront needs from a search engine. Two adapters implement it —
// the embedded SQLite FTS5 engine (default, no server) and Meilisearch (scale-out) — and one
// contract suite (tests/integration/search/search-contract.test.ts) holds both to the same behaviour.
// Plain types, no framework imports.
import type { ProductUnit } from "#app/domain/units.ts";

/** Certification tags a product can carry; a product with 4 OCOP stars has "ocop" and "ocop4". */
export const certTags = ["ocop", "ocop3", "ocop4", "ocop5", "vietgap", "organic"] as const;
export type CertTag = (typeof certTags)[number];

/** One public product, flattened for search. Only approved sellers' active products are indexed. */
export type SearchDocument = {
  id: string;
  slug: string;
  name: string;
  description: string;
  categorySlug: string;
  categoryName: string;
  sellerSlug: string;
  sellerName: string;
  communeSlug: string;
  communeName: string;
  priceVnd: number;
  unit: ProductUnit;
  inStock: boolean;
  certs: CertTag[];
  imageKey: string | null;
  /** Milliseconds since the epoch, for "newest first". */
  createdAt: number;
};

export const searchSorts = ["relevance", "price_asc", "price_desc", "newest"] as const;
export type SearchSort = (typeof searchSorts)[number];

export type SearchQuery = {
  /** Free text; empty lists everything that matches the filters. */
  q: string;
  /** Several values of one filter are OR-ed; different filters are AND-ed. */
  category: string[];
  commune: string[];
  cert: CertTag[];
  minPrice?: number;
  maxPrice?: number;
  inStock?: boolean;
  sort: SearchSort;
  /** 1-based. */
  page: number;
  perPage: number;
};

/** Counts over the whole result set (all filters applied), per value. */
export type SearchFacets = {
  category: Record<string, number>;
  commune: Record<string, number>;
  cert: Partial<Record<CertTag, number>>;
};

export type SearchResult = {
  hits: SearchDocument[];
  total: number;
  facets: SearchFacets;
};

export type Suggestion = { id: string; slug: string; name: string };

export interface SearchEngine {
  readonly name: "embedded" | "meilisearch";
  /** Creates the index and applies its settings; safe to call again. */
  setup(): Promise<void>;
  /** Adds or replaces documents by id. */
  upsert(documents: SearchDocument[]): Promise<void>;
  remove(ids: string[]): Promise<void>;
  /** Removes every document (before a full rebuild). */
  clear(): Promise<void>;
  search(query: SearchQuery): Promise<SearchResult>;
  /** Search-as-you-type: product names matching the words typed so far, best first. */
  suggest(prefix: string, limit: number): Promise<Suggestion[]>;
  health(): Promise<{ status: "ok" | "error"; documents?: number; error?: string }>;
  close(): Promise<void>;
}

/** Defaults applied to a partial query (tests, internal callers). */
export function searchQuery(partial: Partial<SearchQuery> = {}): SearchQuery {
  return {
    q: "",
    category: [],
    commune: [],
    cert: [],
    sort: "relevance",
    page: 1,
    perPage: 24,
    ...partial,
  };
}
