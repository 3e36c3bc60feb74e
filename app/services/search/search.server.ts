// The storefront's use of the search port: runs a query and shapes hits for pages and the JSON API.
import { parseSearchParams } from "#app/domain/search-params.ts";
import { productUrl } from "#app/domain/urls.ts";
import { cardFromHit, getFacetLabels } from "../catalog/catalog.server.ts";
import { getSearchEngine } from "./engine.server.ts";
import type { SearchDocument, SearchQuery } from "#app/domain/search.ts";

export type PublicHit = ReturnType<typeof publicHit>;

function publicHit(doc: SearchDocument) {
  return {
    id: doc.id,
    name: doc.name,
    slug: doc.slug,
    url: productUrl(doc.slug),
    priceVnd: doc.priceVnd,
    unit: doc.unit,
    inStock: doc.inStock,
    certs: doc.certs,
    seller: { slug: doc.sellerSlug, name: doc.sellerName },
    commune: { slug: doc.communeSlug, name: doc.communeName },
    category: { slug: doc.categorySlug, name: doc.categoryName },
    imageUrl: doc.imageKey ? `/images/${doc.imageKey}` : null,
    imageKey: doc.imageKey,
  };
}

export async function searchProducts(query: SearchQuery) {
  const result = await getSearchEngine().search(query);
  return {
    hits: result.hits.map(publicHit),
    total: result.total,
    facets: result.facets,
    page: query.page,
    perPage: query.perPage,
    totalPages: Math.max(1, Math.ceil(result.total / query.perPage)),
  };
}

export async function suggestProducts(text: string, limit = 8) {
  const suggestions = await getSearchEngine().suggest(text, limit);
  return suggestions.map((s) => ({ name: s.name, url: productUrl(s.slug) }));
}

/**
 * Everything /search, a category page or a commune page shows. A bad parameter is dropped (and
 * named) rather than failing the page; an engine outage is reported, not thrown.
 */
export async function searchPageData(url: URL, fixed: { category?: string; commune?: string } = {}) {
  const parsed = parseSearchParams(url.searchParams);
  const base = parsed.ok ? parsed.query : parsed.fallback;
  const query = {
    ...base,
    category: fixed.category ? [fixed.category] : base.category,
    commune: fixed.commune ? [fixed.commune] : base.commune,
  };
  const labels = await getFacetLabels();
  const badParameter = parsed.ok ? null : parsed.parameter;
  try {
    const result = await searchProducts(query);
    return {
      query,
      products: result.hits.map(cardFromHit),
      total: result.total,
      totalPages: result.totalPages,
      facets: result.facets,
      labels,
      badParameter,
      unavailable: false,
    };
  } catch (error) {
    console.error("Search engine failed:", error);
    return {
      query,
      products: [],
      total: 0,
      totalPages: 1,
      facets: { category: {}, commune: {}, cert: {} },
      labels,
      badParameter,
      unavailable: true,
    };
  }
}
