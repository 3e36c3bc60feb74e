import { notFound } from "#app/services/http/replies.server.ts";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { communeUrl } from "#app/domain/urls.ts";
import { getSellerPage } from "#app/services/catalog/catalog.server.ts";
import { useT } from "#app/i18n/i18n.ts";
import { GeneralErrorBoundary } from "#app/ui/error-boundary.tsx";
import { ProductGrid } from "#app/ui/product-card.tsx";

export async function loader({ params }: LoaderFunctionArgs) {
  const page = await getSellerPage(params.slug ?? "");
  if (!page) throw notFound();
  return page;
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.seller.displayName ?? ""} · Chợ Phiên` },
  { name: "description", content: data?.seller.story.slice(0, 160) ?? "" },
  { property: "og:title", content: data?.seller.displayName ?? "" },
  { property: "og:description", content: data?.seller.story.slice(0, 160) ?? "" },
];

export default function SellerPage() {
  const { seller, products } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <>
      <h1>{seller.displayName}</h1>
      <p className="card-meta">
        {t(seller.kind === "household" ? "seller.household" : "seller.startup")} ·{" "}
        <Link to={communeUrl(seller.commune.slug)}>{seller.commune.fullName}</Link>
      </p>
      <h2>{t("seller.story")}</h2>
      <p>{seller.story}</p>
      <h2>{t("seller.products")}</h2>
      <ProductGrid products={products} />
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
