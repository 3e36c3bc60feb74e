// The seller workspace's frame: the shop's name, a short menu that fits a phone, and a notice when a
// volunteer is acting for the seller or the shop is suspended. Every child route checks access again.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { NavLink, Outlet, useLoaderData } from "@remix-run/react";
import { sellerUrl } from "#app/domain/urls.ts";
import { requireShop } from "#app/services/shops/workspace.server.ts";
import { localeFromRequest, makeT, useT } from "#app/i18n/i18n.ts";
import type { MessageKey } from "#app/i18n/messages.ts";
import { GeneralErrorBoundary } from "#app/ui/error-boundary.tsx";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const shop = await requireShop(request, params.sellerId ?? "");
  return {
    title: `${shop.seller.displayName} · ${makeT(localeFromRequest(request))("shop.title")}`,
    shop: shop.seller,
    role: shop.role,
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.title ?? ""} · Chợ Phiên` },
];

const sections: [path: string, label: MessageKey][] = [
  ["", "shop.nav.today"],
  ["orders", "shop.nav.orders"],
  ["listings", "shop.nav.listings"],
  ["ledger", "shop.nav.ledger"],
  ["delivery", "shop.nav.delivery"],
  ["import", "shop.nav.import"],
  ["team", "shop.nav.team"],
];

export default function ShopLayout() {
  const { shop, role } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <div className="shop">
      <p className="card-meta">{t("shop.title")}</p>
      <h1 className="shop-name">{shop.displayName}</h1>
      <nav className="shop-nav" aria-label={t("shop.title")}>
        {sections.map(([path, label]) => (
          <NavLink key={path} to={path ? `/shop/${shop.id}/${path}` : `/shop/${shop.id}`} end={!path}>
            {t(label)}
          </NavLink>
        ))}
        <a href={sellerUrl(shop.slug)}>{t("shop.nav.storefront")}</a>
      </nav>
      {shop.suspended ? (
        <div className="alert" role="alert" data-testid="shop-suspended">
          <p>{t("shop.suspended")}</p>
          {shop.reviewNote ? <p>{t("shop.suspendedReason", { reason: shop.reviewNote })}</p> : null}
          <p>{t("shop.suspendedHelp")}</p>
        </div>
      ) : null}
      {role === "delegate" ? <p className="notice">{t("shop.actingFor")}</p> : null}
      <Outlet />
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
