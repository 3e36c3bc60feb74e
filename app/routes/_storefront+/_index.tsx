import { type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { getHomePage } from "#app/services/catalog.server.ts";
import { localeFromRequest, makeT, useLocale, useT } from "#app/i18n/i18n.ts";
import { GeneralErrorBoundary } from "#app/ui/error-boundary.tsx";
import { ProductCard } from "#app/ui/product-card.tsx";

export async function loader({ request }: LoaderFunctionArgs) {
  const t = makeT(localeFromRequest(request));
  return { ...(await getHomePage()), meta: { title: t("home.title"), description: t("home.description") } };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data?.meta.title ?? "Chợ Phiên" },
  { name: "description", content: data?.meta.description ?? "" },
  { property: "og:title", content: data?.meta.title ?? "Chợ Phiên" },
  { property: "og:description", content: data?.meta.description ?? "" },
];

export default function Home() {
  const { categories, ocop, newest, sellers, stats } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  return (
    <>
      <section className="hero">
        <h1>{t("app.name")}</h1>
        <p>{t("app.tagline")}</p>
        <p className="stats">{t("home.stats", stats)}</p>
      </section>

      <h2>{t("home.categories")}</h2>
      <ul className="chips">
        {categories.map((c) => (
          <li key={c.slug}>
            <span className="chip">
              {locale === "vi" ? c.name : c.nameEn} ({c._count.products})
            </span>
          </li>
        ))}
      </ul>

      {ocop.length ? (
        <>
          <h2>{t("home.ocop")}</h2>
          <ul className="grid">
            {ocop.map((p) => (
              <li key={p.id}>
                <ProductCard product={p} />
              </li>
            ))}
          </ul>
        </>
      ) : null}

      <h2>{t("home.newArrivals")}</h2>
      <ul className="grid">
        {newest.map((p) => (
          <li key={p.id}>
            <ProductCard product={p} />
          </li>
        ))}
      </ul>

      <h2>{t("home.sellers")}</h2>
      <ul className="seller-list">
        {sellers.map((s) => (
          <li key={s.slug} className="seller-card">
            <h3>{s.displayName}</h3>
            <p className="card-meta">
              {t(s.kind === "household" ? "seller.household" : "seller.startup")} · {s.commune.name} ·{" "}
              {t("product.productsCount", { count: s._count.products })}
            </p>
            <p>{s.story}</p>
          </li>
        ))}
      </ul>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
