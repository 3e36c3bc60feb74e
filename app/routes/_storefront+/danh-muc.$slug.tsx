import { notFound } from "#app/services/http/replies.server.ts";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { getCategory } from "#app/services/catalog/catalog.server.ts";
import { searchPageData } from "#app/services/search/search.server.ts";
import { localeFromRequest, makeT, useT } from "#app/i18n/i18n.ts";
import { GeneralErrorBoundary } from "#app/ui/error-boundary.tsx";
import { SearchResults } from "#app/ui/search-results.tsx";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const category = await getCategory(params.slug ?? "");
  if (!category) throw notFound();
  const locale = localeFromRequest(request);
  const name = locale === "vi" ? category.name : category.nameEn;
  const data = await searchPageData(new URL(request.url), { category: category.slug });
  return { ...data, category, name, description: makeT(locale)("category.description", { category: name }) };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.name ?? ""} · Chợ Phiên` },
  { name: "description", content: data?.description ?? "" },
  { property: "og:title", content: data?.name ?? "" },
  { property: "og:description", content: data?.description ?? "" },
];

export default function CategoryPage() {
  const data = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <>
      <h1>{data.name}</h1>
      <p>{data.description}</p>
      {data.unavailable ? <p className="alert">{t("search.unavailable")}</p> : null}
      <SearchResults {...data} action={`/danh-muc/${data.category.slug}`} fixed="category" />
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
