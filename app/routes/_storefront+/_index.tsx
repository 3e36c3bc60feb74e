import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { categoryUrl } from "#app/domain/urls.ts";
import { getHomePage } from "#app/services/catalog/catalog.server.ts";
import { localeFromRequest, makeT, useLocale, useT } from "#app/i18n/i18n.ts";
import { GeneralErrorBoundary } from "#app/ui/error-boundary.tsx";
import { ProductGrid } from "#app/ui/product-card.tsx";
import { SearchBox } from "#app/ui/search-box.tsx";
import { SellerList } from "#app/ui/seller-card.tsx";

// An unknown or malformed ?near= is ignored rather than an error: the home page always renders.
const NearParam = z.string().regex(/^[a-z0-9-]{1,80}$/);

export async function loader({ request }: LoaderFunctionArgs) {
  const t = makeT(localeFromRequest(request));
  const near = NearParam.safeParse(new URL(request.url).searchParams.get("near"));
  return {
    ...(await getHomePage({ nearCommune: near.success ? near.data : undefined })),
    meta: { title: t("home.title"), description: t("home.description") },
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data?.meta.title ?? "Chợ Phiên" },
  { name: "description", content: data?.meta.description ?? "" },
  { property: "og:title", content: data?.meta.title ?? "Chợ Phiên" },
  { property: "og:description", content: data?.meta.description ?? "" },
  { property: "og:type", content: "website" },
];

export default function Home() {
  const { categories, ocop, newest, sellers, communes, near, stats } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  return (
    <>
      <section className="hero">
        <h1>{t("app.name")}</h1>
        <p>{t("app.tagline")}</p>
        <SearchBox />
        <p className="stats">{t("home.stats", stats)}</p>
      </section>

      <h2>{t("home.categories")}</h2>
      <ul className="chips">
        {categories.map((c) => (
          <li key={c.slug}>
            <Link to={categoryUrl(c.slug)}>
              {locale === "vi" ? c.name : c.nameEn} ({c._count.products})
            </Link>
          </li>
        ))}
      </ul>

      {ocop.length ? (
        <>
          <h2>{t("home.ocop")}</h2>
          <ProductGrid products={ocop} />
          <p>
            <Link to="/search?cert=ocop">{t("home.seeAll")}</Link>
          </p>
        </>
      ) : null}

      <h2>{t("home.newArrivals")}</h2>
      <ProductGrid products={newest} />
      <p>
        <Link to="/search?sort=newest">{t("home.seeAll")}</Link>
      </p>

      <h2 id="near">{t("home.near")}</h2>
      <Form method="get" action="/#near" className="near-form">
        <label>
          {t("home.nearLabel")}
          <br />
          <select name="near" defaultValue={near?.commune.slug ?? ""}>
            <option value="" />
            {communes.map((c) => (
              <option key={c.slug} value={c.slug}>
                {c.name}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="button">
          {t("home.nearSubmit")}
        </button>
      </Form>
      {near ? (
        <>
          {near.fallback ? (
            <p className="notice">
              {t("home.nearNone", { commune: near.commune.name, district: near.commune.formerDistrict })}
            </p>
          ) : null}
          <SellerList sellers={near.sellers} />
        </>
      ) : null}

      <h2>{t("home.sellers")}</h2>
      <SellerList sellers={sellers} />
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
