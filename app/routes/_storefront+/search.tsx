import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { searchPageData } from "#app/services/search/search.server.ts";
import { localeFromRequest, makeT, useT } from "#app/i18n/i18n.ts";
import { GeneralErrorBoundary } from "#app/ui/error-boundary.tsx";
import { SearchBox } from "#app/ui/search-box.tsx";
import { SearchResults } from "#app/ui/search-results.tsx";

export async function loader({ request }: LoaderFunctionArgs) {
  const t = makeT(localeFromRequest(request));
  const data = await searchPageData(new URL(request.url));
  const title = data.query.q ? `${data.query.q} · ${t("search.title")}` : t("search.title");
  return { ...data, title };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.title ?? ""} · Chợ Phiên` },
  // Result pages are for people; the sitemap lists what search engines should index.
  { name: "robots", content: "noindex, follow" },
];

export default function SearchPage() {
  const data = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <>
      <h1>{t("search.title")}</h1>
      <SearchBox key={data.query.q} defaultValue={data.query.q} />
      {data.badParameter ? (
        <p className="notice">{t("search.badParam", { parameter: data.badParameter })}</p>
      ) : null}
      {data.unavailable ? <p className="alert">{t("search.unavailable")}</p> : null}
      <SearchResults {...data} action="/search" />
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
