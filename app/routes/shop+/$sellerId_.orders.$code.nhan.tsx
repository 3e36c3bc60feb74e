// One order's delivery label (/shop/:sellerId/orders/:code/nhan), to print on A6 or save as a PDF.
// Outside the shop's frame (the `_` after $sellerId) so the page is only the label; access is checked
// here as on the order's page: requireShop, then the order must be this shop's (another shop's → 404).
import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { shippingLabel } from "#app/services/delivery/labels.server.ts";
import { notFound } from "#app/services/http/replies.server.ts";
import { normalizeShopOrderCode } from "#app/services/shops/orders.server.ts";
import { requireShop } from "#app/services/shops/workspace.server.ts";
import { localeFromRequest, makeT, useT } from "#app/i18n/i18n.ts";
import { LabelTools, ShippingLabel } from "#app/ui/delivery/shipping-label.tsx";
import { GeneralErrorBoundary } from "#app/ui/error-boundary.tsx";
import labelsStyles from "#app/styles/labels.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: labelsStyles }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const shop = await requireShop(request, params.sellerId ?? "");
  const code = normalizeShopOrderCode(params.code ?? "");
  const label = code ? await shippingLabel(shop.seller.id, code) : null;
  if (!label) throw notFound();
  return {
    title: makeT(localeFromRequest(request))("label.title", { code: label.code }),
    sellerId: shop.seller.id,
    label,
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.title ?? ""} · Chợ Phiên` },
  { name: "robots", content: "noindex" },
];

export default function OrderLabel() {
  const { title, sellerId, label } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <section className="label-page">
      <p className="breadcrumbs">
        <Link to={`/shop/${sellerId}/orders/${label.code}`}>
          ← {t("label.backToOrder", { code: label.code })}
        </Link>
      </p>
      <h1>{title}</h1>
      <LabelTools label={t("label.print")} />
      <div className="labels">
        <ShippingLabel label={label} />
      </div>
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
