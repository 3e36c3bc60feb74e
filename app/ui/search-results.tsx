// Facets, results and pagination for /search and the category and commune pages. The filters are a
// plain GET form, so they work without JavaScript and live in the URL.
import { Form, Link } from "@remix-run/react";
import { searchParamsFor } from "#app/domain/search-params.ts";
import { useLocale, useT } from "#app/i18n/i18n.ts";
import { certTags, searchSorts, type SearchFacets, type SearchQuery } from "#app/domain/search.ts";
import type { CardProduct } from "#app/domain/catalog.ts";
import { ProductGrid } from "./product-card.tsx";

export type SearchResultsData = {
  query: SearchQuery;
  products: CardProduct[];
  total: number;
  totalPages: number;
  facets: SearchFacets;
  labels: {
    categories: { slug: string; name: string; nameEn: string }[];
    communes: { slug: string; name: string }[];
  };
};

type Props = SearchResultsData & {
  action: string;
  /** A filter fixed by the page itself (the category page's category); not shown as a choice. */
  fixed?: "category" | "commune";
};

export function SearchResults({ query, products, total, totalPages, facets, labels, action, fixed }: Props) {
  const t = useT();
  const locale = useLocale();
  const pageLink = (page: number) => {
    const params = searchParamsFor({ ...query, page, ...(fixed ? { [fixed]: [] } : {}) });
    return `${action}?${params}`;
  };
  const categoryOptions = labels.categories.filter(
    (c) => facets.category[c.slug] || query.category.includes(c.slug),
  );
  const communeOptions = labels.communes.filter(
    (c) => facets.commune[c.slug] || query.commune.includes(c.slug),
  );
  return (
    <div className="search-layout">
      <details className="filters" open>
        <summary>{t("search.filters")}</summary>
        <Form method="get" action={action}>
          {query.q ? <input type="hidden" name="q" value={query.q} /> : null}
          {fixed !== "category" && categoryOptions.length ? (
            <fieldset>
              <legend>{t("search.category")}</legend>
              <div className="options">
                {categoryOptions.map((c) => (
                  <label key={c.slug} className="checkbox">
                    <input
                      type="checkbox"
                      name="category"
                      value={c.slug}
                      defaultChecked={query.category.includes(c.slug)}
                    />
                    {locale === "vi" ? c.name : c.nameEn} ({facets.category[c.slug] ?? 0})
                  </label>
                ))}
              </div>
            </fieldset>
          ) : null}
          {fixed !== "commune" && communeOptions.length ? (
            <fieldset>
              <legend>{t("search.commune")}</legend>
              <div className="options">
                {communeOptions.map((c) => (
                  <label key={c.slug} className="checkbox">
                    <input
                      type="checkbox"
                      name="commune"
                      value={c.slug}
                      defaultChecked={query.commune.includes(c.slug)}
                    />
                    {c.name} ({facets.commune[c.slug] ?? 0})
                  </label>
                ))}
              </div>
            </fieldset>
          ) : null}
          <fieldset>
            <legend>{t("search.cert")}</legend>
            <div className="options">
              {certTags
                .filter((c) => c !== "ocop")
                .map((c) => (
                  <label key={c} className="checkbox">
                    <input type="checkbox" name="cert" value={c} defaultChecked={query.cert.includes(c)} />
                    {t(`cert.${c}`)} ({facets.cert[c] ?? 0})
                  </label>
                ))}
            </div>
          </fieldset>
          <fieldset>
            <legend>{t("search.price")}</legend>
            <div className="price-range">
              <label>
                {t("search.minPrice")}
                <input
                  type="text"
                  inputMode="numeric"
                  name="minPrice"
                  defaultValue={query.minPrice ?? ""}
                  placeholder="20.000"
                />
              </label>
              <label>
                {t("search.maxPrice")}
                <input
                  type="text"
                  inputMode="numeric"
                  name="maxPrice"
                  defaultValue={query.maxPrice ?? ""}
                  placeholder="500.000"
                />
              </label>
            </div>
          </fieldset>
          <fieldset>
            <label className="checkbox">
              <input type="checkbox" name="inStock" value="true" defaultChecked={query.inStock === true} />
              {t("search.inStock")}
            </label>
          </fieldset>
          <fieldset>
            <label>
              {t("search.sort")}
              <select name="sort" defaultValue={query.sort}>
                {searchSorts.map((s) => (
                  <option key={s} value={s}>
                    {t(`search.sort.${s}`)}
                  </option>
                ))}
              </select>
            </label>
          </fieldset>
          <div className="filter-actions">
            <button type="submit" className="button">
              {t("search.apply")}
            </button>
            <Link to={query.q ? `${action}?${new URLSearchParams({ q: query.q })}` : action}>
              {t("search.clear")}
            </Link>
          </div>
        </Form>
      </details>
      <section aria-live="polite">
        <p className="stats" data-testid="result-count">
          {query.q ? t("search.resultsFor", { total, q: query.q }) : t("search.results", { total })}
        </p>
        {products.length ? <ProductGrid products={products} /> : <p className="notice">{t("search.none")}</p>}
        {totalPages > 1 ? (
          <nav className="pagination" aria-label={t("search.page", { page: query.page, pages: totalPages })}>
            {query.page > 1 ? (
              <Link to={pageLink(query.page - 1)} rel="prev">
                {t("search.prev")}
              </Link>
            ) : (
              <span />
            )}
            <span>{t("search.page", { page: query.page, pages: totalPages })}</span>
            {query.page < totalPages ? (
              <Link to={pageLink(query.page + 1)} rel="next">
                {t("search.next")}
              </Link>
            ) : (
              <span />
            )}
          </nav>
        ) : null}
      </section>
    </div>
  );
}
