import { notFound } from "#app/services/http/replies.server.ts";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { getCommunePage } from "#app/services/catalog/catalog.server.ts";
import { searchPageData } from "#app/services/search/search.server.ts";
import { localeFromRequest, makeT, useT } from "#app/i18n/i18n.ts";
import { GeneralErrorBoundary } from "#app/ui/error-boundary.tsx";
import { SearchResults } from "#app/ui/search-results.tsx";
import { SellerList } from "#app/ui/seller-card.tsx";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const page = await getCommunePage(params.slug ?? "");
  if (!page) throw notFound();
  const t = makeT(localeFromRequest(request));
  const data = await searchPageData(new URL(request.url), { commune: page.commune.slug });
  return {
    ...data,
    ...page,
    title: t("commune.title", { commune: page.commune.name }),
    description: t("commune.description", { commune: page.commune.fullName }),
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.title ?? ""} · Chợ Phiên` },
  { name: "description", content: data?.description ?? "" },
  { property: "og:title", content: data?.title ?? "" },
  { property: "og:description", content: data?.description ?? "" },
];

export default function CommunePage() {
  const data = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <>
      <h1>{data.title}</h1>
      <p>
        {data.commune.fullName} · {t("commune.formerDistrict", { district: data.commune.formerDistrict })}
      </p>
      {data.unavailable ? <p className="alert">{t("search.unavailable")}</p> : null}
      <SearchResults {...data} action={`/xa-phuong/${data.commune.slug}`} fixed="commune" />
      {data.sellers.length ? (
        <>
          <h2>{t("commune.sellers", { commune: data.commune.name })}</h2>
          <SellerList sellers={data.sellers} />
        </>
      ) : null}
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
